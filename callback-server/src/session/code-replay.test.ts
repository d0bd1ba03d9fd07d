import { describe, expect, it } from "vitest";
import { codeKey } from "./code-replay.js";

describe("codeKey", () => {
  it("is the same for the same code, different for different codes, and never holds the code", () => {
    const code = "061abcDEF0123456789xyzABCDEFghij";
    expect(codeKey(code)).toBe(codeKey(code));
    expect(codeKey(code)).not.toBe(codeKey(`${code}0`));
    expect(codeKey(code)).not.toContain(code);
    expect(codeKey(code)).not.toContain(code.slice(0, 12));
  });

  it("is short and fixed-length: prefix + 22 base64url characters (132 bits of sha256)", () => {
    for (const code of ["a", "x".repeat(512), "071中文code"]) {
      expect(codeKey(code)).toMatch(/^oauth:code:[A-Za-z0-9_-]{22}$/);
    }
    const keys = new Set(Array.from({ length: 20_000 }, (_, i) => codeKey(`code-${i}`)));
    expect(keys.size).toBe(20_000);
  });
});
