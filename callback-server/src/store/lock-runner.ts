import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { LockTimeoutError } from "./store-errors.js";
import { checkTtl } from "./store-input.js";
import type { LockOptions } from "./store-types.js";

/** The two primitives a backend provides; the retry loop and release-after-throw live here once. */
export interface LockBackend {
  /** Take `name` for `owner` unless a live holder has it. Must be atomic across processes. */
  tryAcquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Release only if `owner` still holds it: after expiry someone else may. */
  release(name: string, owner: string): Promise<void>;
}

const FIRST_DELAY_MS = 4;
const MAX_DELAY_MS = 50;

export async function runLocked<T>(
  backend: LockBackend,
  name: string,
  ttlMs: number,
  fn: () => Promise<T>,
  options: LockOptions,
): Promise<T> {
  const ttl = checkTtl(ttlMs);
  const owner = randomUUID();
  const deadline = Date.now() + Math.max(0, options.waitMs);
  let delay = FIRST_DELAY_MS;
  while (!(await backend.tryAcquire(name, owner, ttl))) {
    const left = deadline - Date.now();
    if (left <= 0) throw new LockTimeoutError(name, options.waitMs);
    // Jitter so many waiters do not retry in lockstep against the same row or key.
    await sleep(Math.min(left, delay / 2 + Math.random() * delay));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
  try {
    return await fn();
  } finally {
    await backend.release(name, owner);
  }
}
