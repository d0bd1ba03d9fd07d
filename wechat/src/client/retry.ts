import { WeChatApiError } from "../errors/index.js";

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs?: number;
  /** Injected for tests. */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay is fixed, half random, so
 * several instances hitting WeChat's -1 (system busy, §10) do not retry in lockstep.
 */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs ?? 10_000, policy.baseDelayMs * 2 ** retryIndex);
  const random = policy.random ?? Math.random;
  return exponential / 2 + (random() * exponential) / 2;
}

/** Only the `retryable` class is retried; everything else needs a different request or a human. */
export function isRetryable(error: unknown): boolean {
  return error instanceof WeChatApiError && error.errorClass === "retryable";
}

export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let retryIndex = 0; ; retryIndex++) {
    try {
      return await attempt();
    } catch (error) {
      if (retryIndex >= policy.retries || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(retryIndex, policy)));
    }
  }
}
