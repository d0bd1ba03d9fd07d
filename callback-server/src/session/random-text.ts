import { hash } from "node:crypto";
import { pooledRandomBytes } from "../crypto/random-pool.js";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Uniform [A-Za-z0-9] text from the CSPRNG (rejection sampling: 248 = 4 × 62). */
export function randomAlphanumeric(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of pooledRandomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62];
    }
  }
  return out;
}

/** 256 random bits as base64url (43 characters). */
export function randomToken(): string {
  return pooledRandomBytes(32).toString("base64url");
}

export function sha256Hex(text: string): string {
  return hash("sha256", text, "hex");
}
