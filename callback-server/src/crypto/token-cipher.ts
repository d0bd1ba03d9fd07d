import { createCipheriv, createDecipheriv } from "node:crypto";
import { pooledRandomBytes } from "./random-pool.js";
import type { SealedToken } from "./sealed-token.js";
import { TokenCipherError } from "./token-cipher-error.js";

const VERSION = "v1";
const IV_BYTES = 12; // the GCM-recommended nonce size; random per message, never reused with a key
const TAG_BYTES = 16;
const KEY_HEX = /^[0-9a-fA-F]{64}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

export interface TokenCipher {
  /** `v1.<iv>.<tag>.<ciphertext>`, each part base64url; a fresh random IV every call. */
  encrypt(plain: string): SealedToken;
  /** Throws `TokenCipherError` (`auth-failed`) on tampering or the wrong key. */
  decrypt(sealed: SealedToken): string;
}

/**
 * AES-256-GCM for user tokens at rest. The key is `WXDESK_TOKEN_KEY`: 32 bytes as 64 hex
 * characters. The version prefix leaves room to rotate the algorithm or key later.
 */
export function createTokenCipher(keyHex: string): TokenCipher {
  if (!KEY_HEX.test(keyHex)) {
    throw new TokenCipherError("bad-key", "The token key must be 64 hexadecimal characters (32 bytes).");
  }
  const key = Buffer.from(keyHex, "hex");

  return {
    encrypt(plain) {
      const iv = pooledRandomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, b64(iv), b64(tag), b64(ct)].join(".") as SealedToken;
    },

    decrypt(sealed) {
      const parts = String(sealed).split(".");
      if (parts.length !== 4 || !parts.every((p) => B64URL.test(p))) {
        throw new TokenCipherError("malformed", "The sealed token is not in the v1.<iv>.<tag>.<ct> form.");
      }
      const [version, ivText, tagText, ctText] = parts as [string, string, string, string];
      if (version !== VERSION) {
        throw new TokenCipherError("unsupported-version", `Unknown sealed token version "${version}".`);
      }
      const iv = Buffer.from(ivText, "base64url");
      const tag = Buffer.from(tagText, "base64url");
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new TokenCipherError("malformed", "The sealed token has a wrong IV or tag length.");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(Buffer.from(ctText, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch (cause) {
        throw new TokenCipherError(
          "auth-failed",
          "The sealed token failed authentication (tampered, or encrypted with another key).",
          { cause },
        );
      }
    },
  };
}

function b64(bytes: Buffer): string {
  return bytes.toString("base64url");
}
