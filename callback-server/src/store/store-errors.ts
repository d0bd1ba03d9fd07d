/** `withLock` gave up after `waitMs`: another holder kept the lock. */
export class LockTimeoutError extends Error {
  override readonly name = "LockTimeoutError";
  readonly lockName: string;

  constructor(lockName: string, waitMs: number) {
    super(`Lock "${lockName}" not acquired within ${waitMs} ms.`);
    this.lockName = lockName;
  }
}

export type StoreInputErrorCode = "bad-cursor" | "bad-limit" | "bad-ttl" | "bad-day";

/** Bad input from a caller (usually an admin API query): the API answers 400, not 500. */
export class StoreInputError extends Error {
  override readonly name = "StoreInputError";
  readonly code: StoreInputErrorCode;

  constructor(code: StoreInputErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
