import type { Store } from "../store/store-types.js";
import { clientBucket } from "./client-address.js";

export interface KeyThrottleOptions {
  /** Wrong keys a client may send per window; after that it gets 429 until the window ends. */
  maxFailures: number;
  /** The window, opened by a client's first wrong key (fixed, not extended by later ones). */
  windowMs: number;
}

/** 10 wrong keys a minute per client: a person mistyping never meets it, a guesser gets 14,400 a day. */
export const DEFAULT_KEY_THROTTLE: KeyThrottleOptions = { maxFailures: 10, windowMs: 60_000 };

export type CounterStore = Pick<Store, "hitCounter" | "readCounter">;

/** Whether the request's key is one of ours (a missing or unreadable one is "wrong"). */
export type KeyMatch = "match" | "wrong";

export type Judgement =
  | { outcome: "match" }
  | { outcome: "wrong"; failures: number }
  | { outcome: "throttled"; retryAfterSeconds: number };

/**
 * Counts failed authentications (a wrong, missing or unreadable key: every 401) per client
 * (`clientBucket` of the request's IP) in the store — shared by every instance with Redis, by
 * every process on the SQLite file. A correct key neither counts nor clears the count (else a
 * guesser behind the same NAT as an admin would start over whenever the admin works).
 *
 * Once a client has used up its allowance it gets 429 until the window ends **whatever key it
 * sends**, the right one included: otherwise the one answer that is not 429 would name the key.
 */
export class KeyThrottle {
  readonly #store: CounterStore;
  readonly options: KeyThrottleOptions;
  /** Per client, the tail of its requests being judged in this process. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(store: CounterStore, options: Partial<KeyThrottleOptions> = {}) {
    this.#store = store;
    this.options = { ...DEFAULT_KEY_THROTTLE, ...options };
  }

  /**
   * Judges one request: its key is compared (`compare`) only if the client may still try. A
   * client's requests are judged one after another, in arrival order: with a store across the
   * network, a burst of concurrent guesses would otherwise all read the count before any of them
   * added to it, and the right key hidden in the burst would pass. (Across instances the
   * overshoot is at most one guess per instance.)
   */
  judge(ip: string | undefined, compare: () => KeyMatch | Promise<KeyMatch>): Promise<Judgement> {
    const bucket = clientBucket(ip);
    const previous = this.#queues.get(bucket) ?? Promise.resolve();
    const run = previous.then(() => this.#judgeNow(bucket, compare));
    const tail = run.catch(() => undefined);
    this.#queues.set(bucket, tail);
    void tail.then(() => {
      if (this.#queues.get(bucket) === tail) this.#queues.delete(bucket);
    });
    return run;
  }

  async #judgeNow(bucket: string, compare: () => KeyMatch | Promise<KeyMatch>): Promise<Judgement> {
    const key = `admin-key-failures:${bucket}`;
    const before = await this.#store.readCounter(key);
    if (before && before.count >= this.options.maxFailures) return throttled(before.resetAt);
    const outcome = await compare();
    if (outcome !== "wrong") return { outcome };
    const after = await this.#store.hitCounter(key, this.options.windowMs);
    // Only another instance's guesses can have pushed it over since the read: refuse this one too.
    if (after.count > this.options.maxFailures) return throttled(after.resetAt);
    return { outcome, failures: after.count };
  }
}

function throttled(resetAt: number): Judgement {
  return { outcome: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)) };
}
