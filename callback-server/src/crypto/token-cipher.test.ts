import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SealedToken } from "./sealed-token.js";
import { createTokenCipher } from "./token-cipher.js";
import { TokenCipherError } from "./token-cipher-error.js";

const newKey = (): string => randomBytes(32).toString("hex");

function flipChar(text: string, index: number): string {
  const c = text[index] === "A" ? "B" : "A";
  return text.slice(0, index) + c + text.slice(index + 1);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof TokenCipherError ? error.code : "other";
  }
  return undefined;
}

describe("token cipher", () => {
  it("round-trips, including non-ASCII, with a fresh IV each time", () => {
    const cipher = createTokenCipher(newKey());
    const token = "ACCESS_TOKEN_令牌_🙂";
    const a = cipher.encrypt(token);
    const b = cipher.encrypt(token);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(cipher.decrypt(a)).toBe(token);
    expect(cipher.decrypt(b)).toBe(token);
    expect(cipher.decrypt(cipher.encrypt(""))).toBe("");
  });

  it("detects tampering in the ciphertext, the tag and the IV", () => {
    const cipher = createTokenCipher(newKey());
    const sealed = cipher.encrypt("REFRESH_TOKEN_abcdef");
    const [v, iv, tag, ct] = sealed.split(".") as [string, string, string, string];
    const variants = [
      [v, iv, tag, flipChar(ct, 0)],
      [v, iv, flipChar(tag, 1), ct],
      [v, flipChar(iv, 2), tag, ct],
    ];
    for (const parts of variants) {
      expect(codeOf(() => cipher.decrypt(parts.join(".") as SealedToken))).toBe("auth-failed");
    }
  });

  it("refuses a token sealed with another key", () => {
    const sealed = createTokenCipher(newKey()).encrypt("secret");
    expect(codeOf(() => createTokenCipher(newKey()).decrypt(sealed))).toBe("auth-failed");
  });

  it("refuses malformed and unknown-version input", () => {
    const cipher = createTokenCipher(newKey());
    const sealed = cipher.encrypt("x");
    expect(codeOf(() => cipher.decrypt("plain-token" as SealedToken))).toBe("malformed");
    expect(codeOf(() => cipher.decrypt(`${sealed}.extra` as SealedToken))).toBe("malformed");
    expect(codeOf(() => cipher.decrypt(sealed.replace(/^v1/, "v9") as SealedToken))).toBe(
      "unsupported-version",
    );
  });

  it("validates the key format", () => {
    for (const bad of ["", "abc", newKey().slice(2), `${newKey()}00`, "z".repeat(64)]) {
      expect(codeOf(() => createTokenCipher(bad))).toBe("bad-key");
    }
    expect(codeOf(() => createTokenCipher(newKey().toUpperCase()))).toBeUndefined();
  });
});
