import { randomInt } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A random `nonceStr` of [A-Za-z0-9] (§8.3's example uses 16 such characters). `randomInt` draws from the
 * CSPRNG without modulo bias, so every character is equally likely.
 */
export function createNonce(length = 16): string {
  if (!Number.isInteger(length) || length < 1 || length > 1024) {
    throw new RangeError("createNonce length must be an integer from 1 to 1024");
  }
  let nonce = "";
  for (let i = 0; i < length; i += 1) nonce += ALPHABET[randomInt(ALPHABET.length)];
  return nonce;
}
