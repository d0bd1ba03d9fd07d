import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bareImports } from "./source-imports.js";

interface Manifest {
  name: string;
  workspaces?: string[];
  exports?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const REPO = join(import.meta.dirname, "..");
const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
const root = readManifest(REPO);
const workspaces = (root.workspaces ?? []).map((folder) => ({
  folder,
  manifest: readManifest(join(REPO, folder)),
}));
/** Code only tests run (as in .dependency-cruiser.cjs): it may also use the root's test tools. */
const TEST_CODE = /\.(test|spec)\.tsx?$|(^|\/)testing\//;

function declared(manifest: Manifest): Set<string> {
  const { dependencies, devDependencies, peerDependencies, optionalDependencies } = manifest;
  return new Set(
    Object.keys({ ...dependencies, ...devDependencies, ...peerDependencies, ...optionalDependencies }),
  );
}

describe.each(workspaces)("$folder/package.json", ({ folder, manifest }) => {
  const imports = bareImports(join(REPO, folder));

  it("lists every package its code imports (a test may also use the root's devDependencies)", () => {
    const own = declared(manifest);
    const testTools = new Set(Object.keys(root.devDependencies ?? {}));
    const undeclared = imports
      .filter(
        ({ packageName, file }) =>
          !own.has(packageName) && !(TEST_CODE.test(file) && testTools.has(packageName)),
      )
      .map(({ packageName, file }) => `${file} → ${packageName}`);
    expect([...new Set(undeclared)]).toEqual([]);
  });

  it("lists no runtime dependency its code does not import", () => {
    const used = new Set(imports.map((i) => i.packageName));
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => !used.has(name))).toEqual([]);
  });

  it("exports test kits only through `./testing`, and only test kits there", () => {
    const misplaced = Object.entries(manifest.exports ?? {}).filter(
      ([subpath, target]) =>
        (subpath === "./testing" || subpath.startsWith("./testing/")) !== /\/testing\//.test(target),
    );
    expect(misplaced).toEqual([]);
  });
});
