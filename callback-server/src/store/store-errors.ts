import type { StoreBackend } from "./store-types.js";

/** `withLock` gave up after `waitMs`: another holder kept the lock. */
export class LockTimeoutError extends Error {
  override readonly name = "LockTimeoutError";
  readonly lockName: string;

  constructor(lockName: string, waitMs: number) {
    super(`Lock "${lockName}" not acquired within ${waitMs} ms.`);
    this.lockName = lockName;
  }
}

export type StoreInputErrorCode = "bad-cursor" | "bad-limit" | "bad-ttl" | "bad-day" | "bad-record-name";

/** Bad input from a caller (usually an admin API query): the API answers 400, not 500. */
export class StoreInputError extends Error {
  override readonly name = "StoreInputError";
  readonly code: StoreInputErrorCode;

  constructor(code: StoreInputErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The backend cannot serve right now: Redis down or not answering in time, SQLite locked past its
 * busy timeout, a full or failing disk. Not bad input and not a bug: routes answer 503 with a way to
 * retry (plugins/error-handler.ts). `reason` is a short word for logs (an error code, "command
 * timed out"), never data, keys or addresses; the original error is the `cause`.
 */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
  readonly backend: StoreBackend;
  readonly reason: string;

  constructor(backend: StoreBackend, reason: string, cause?: unknown) {
    super(`The ${backend} store is unavailable (${reason}).`, { cause });
    this.backend = backend;
    this.reason = reason;
  }
}
