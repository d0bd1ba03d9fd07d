import { describe, expect, it } from "vitest";
import { createNonce } from "./nonce.js";

describe("createNonce", () => {
  it("is 16 alphanumeric characters by default", () => {
    expect(createNonce()).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it("honours the length", () => {
    expect(createNonce(32)).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(createNonce(1)).toHaveLength(1);
  });

  it("differs between calls", () => {
    const seen = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(seen.size).toBe(50);
  });

  it.each([0, -1, 1.5, 2000])("rejects the length %s", (length) => {
    expect(() => createNonce(length)).toThrow(RangeError);
  });
});
