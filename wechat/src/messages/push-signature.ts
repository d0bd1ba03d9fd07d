import { createHash, timingSafeEqual } from "node:crypto";

/** Hex SHA-1 of the lexicographically sorted strings concatenated without a separator (§9.1, §9.4). */
function sortedSha1(parts: string[]): string {
  // Plain code-unit comparison, like Python's sorted() on str, which the protocol sheet's vectors use.
  const sorted = [...parts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha1").update(sorted.join(""), "utf8").digest("hex");
}

/**
 * The `signature` query parameter WeChat puts on every push request and on URL verification (§9.1):
 * sha1(sorted([token, timestamp, nonce]).join("")).
 */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/** The `msg_signature` of safe mode (§9.4): the same sort-and-hash with the `Encrypt` value as a fourth string. */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

/**
 * Compares a computed signature with the one received, in constant time, so a forger cannot learn the
 * expected hex digest byte by byte from response timings. The comparison is exact: WeChat sends the
 * lower-case hex digest, and a request whose signature was changed in any way — upper-casing included —
 * is not the request WeChat signed.
 */
export function verifySignature(expected: string, actual: string | undefined): boolean {
  if (typeof actual !== "string" || expected.length === 0) return false;
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(actual, "utf8");
  // timingSafeEqual needs equal lengths; a length mismatch reveals only the length, which is public (40 hex chars).
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
