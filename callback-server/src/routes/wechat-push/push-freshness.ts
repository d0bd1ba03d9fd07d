/**
 * Replay protection for pushes (§9.2). The signature covers only `token + timestamp + nonce`, so a
 * captured push stays correctly signed forever; what makes it stale is its `timestamp`. A push is acted on
 * only while that signed timestamp is within the window (WXDESK_PUSH_MAX_SKEW_SECONDS) of the server
 * clock, and the de-dup key outlives the window (dedup-key.ts), so a replay inside it is a duplicate.
 */

/** Why a correctly signed push is not acted on; logged, never shown to WeChat (which gets `success`). */
export type StalePush = "timestamp_unreadable" | "timestamp_outside_window" | "create_time_mismatch";

/** Unix seconds as WeChat writes them: digits, no sign, no leading zero, at most 11 digits. */
const UNIX_SECONDS = /^[1-9]\d{0,10}$/;

/**
 * Checks the signed query `timestamp` against the server clock. A timestamp that is not plain Unix seconds
 * cannot be placed in time, so it counts as outside the window.
 */
export function queryTimeProblem(
  timestamp: string | undefined,
  nowMs: number,
  windowSeconds: number,
): { problem: StalePush; skewSeconds?: number } | undefined {
  if (timestamp === undefined || !UNIX_SECONDS.test(timestamp)) return { problem: "timestamp_unreadable" };
  const skewSeconds = Math.floor(nowMs / 1000) - Number(timestamp);
  if (Math.abs(skewSeconds) > windowSeconds) return { problem: "timestamp_outside_window", skewSeconds };
  return undefined;
}

/**
 * The message's own `CreateTime` must lie within the window of the signed query timestamp. WeChat stamps
 * both when the event happens and re-sends the same body on retries a few seconds later, so a real push
 * is always well inside. In plaintext mode the body is not covered by the signature: this ties the body to
 * its query, so an old captured body cannot ride on a fresh captured query. (In safe mode the body is
 * signed with the timestamp and the check always passes for WeChat's pushes.)
 */
export function createTimeProblem(
  createTime: number,
  timestamp: string,
  windowSeconds: number,
): StalePush | undefined {
  return Math.abs(Number(timestamp) - createTime) > windowSeconds ? "create_time_mismatch" : undefined;
}
