import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AXIOS_PATCHES, applyPatch } from "./axios-lazy-globals.js";
import { REPO_DIR } from "./build-server-dist.js";

/** Statements at the module's top level that read a lazy global of Node's fetch. */
const EAGER_GLOBAL_READS = [/^const FormDataCtor = .*G\.FormData/m, /^const adapter = getFetch\(\);/m];

describe("axios' lazy globals (the server bundle's patch of the installed axios)", () => {
  for (const patch of AXIOS_PATCHES) {
    it(`${patch.file}: applies to the installed version and leaves no top-level read of the globals`, () => {
      const source = readFileSync(join(REPO_DIR, patch.file), "utf8");
      expect(EAGER_GLOBAL_READS.some((read) => read.test(source))).toBe(true);
      const patched = applyPatch(patch, source);
      expect(EAGER_GLOBAL_READS.filter((read) => read.test(patched))).toEqual([]);
      for (const { to } of patch.replace) expect(patched).toContain(to);
    });
  }

  it("isFormData still tells a FormData from a plain object, and looks the constructor up only for non-plain values", () => {
    const patch = AXIOS_PATCHES.find((p) => p.file.endsWith("lib/utils.js"));
    if (!patch) throw new Error("no utils.js patch");
    const source = applyPatch(patch, readFileSync(join(REPO_DIR, patch.file), "utf8"));
    const start = source.indexOf("let FormDataCtor;");
    const end = source.indexOf("};", source.indexOf("const isFormData")) + 2;
    let lookups = 0;
    const G = {
      get FormData() {
        lookups += 1;
        return FormData;
      },
    };
    const isFormData = new Function(
      "G",
      "getPrototypeOf",
      "isFunction",
      "kindOf",
      `${source.slice(start, end)}\nreturn isFormData;`,
    )(
      G,
      Object.getPrototypeOf,
      (f: unknown) => typeof f === "function",
      (v: unknown) => Object.prototype.toString.call(v).slice(8, -1).toLowerCase(),
    ) as (thing: unknown) => boolean;
    expect(isFormData({ append() {} })).toBe(false);
    expect(isFormData(undefined)).toBe(false);
    expect(lookups).toBe(0);
    expect(isFormData(new FormData())).toBe(true);
    const afterFirst = lookups;
    expect(afterFirst).toBeGreaterThan(0);
    // Looked up once, then kept.
    expect(isFormData(new URLSearchParams())).toBe(false);
    expect(lookups).toBe(afterFirst);
  });

  it("stops the build with the file's name when axios changed the lines", () => {
    const [patch] = AXIOS_PATCHES;
    if (!patch) throw new Error("no patch");
    expect(() => applyPatch(patch, "export default {};")).toThrow(/axios\/lib\/utils\.js changed/);
  });
});
