import { Redis, type RedisOptions } from "ioredis";

/** How long one command may take, the wait for a connection included, before it fails. */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
/** The longest pause between reconnect attempts: a Redis that is back is noticed this soon. */
export const REDIS_RECONNECT_MAX_MS = 500;

/**
 * Every connection the server opens (the store, the event publisher and subscriber). Someone —
 * a WeChat user, WeChat's push, a load balancer — waits on nearly every command, so none may hang:
 * - `commandTimeout`: a command fails after 2 s whatever the cause, a Redis that accepted the
 *   connection but stopped answering included (ioredis' default waits forever);
 * - `maxRetriesPerRequest: 0`: when a (re)connect attempt fails, the commands waiting for it fail
 *   at once (the default waits for 20 attempts);
 * - `retryStrategy`: reconnect forever, at most 500 ms apart, so the server recovers by itself
 *   within half a second of Redis coming back — no restart;
 * - `connectTimeout`: a host that drops packets fails an attempt after 2 s, not 10.
 * The offline queue stays on: a command sent while the first connection is still being made, or
 * during a sub-second reconnect, waits for it (bounded by the command timeout) instead of failing.
 */
export const REDIS_OPTIONS: RedisOptions = {
  commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  maxRetriesPerRequest: 0,
  retryStrategy: (attempt) => Math.min(attempt * 50, REDIS_RECONNECT_MAX_MS),
  connectTimeout: 2_000,
  enableOfflineQueue: true,
};

/**
 * A connection with `REDIS_OPTIONS`. `onError` hears the first error of each outage only: while
 * Redis is down every reconnect attempt fails (twice a second), and ioredis would otherwise print
 * each one. The commands that fail meanwhile are reported where they fail (as StoreUnavailableError).
 */
export function openRedis(url: string, onError: (error: unknown) => void = () => {}): Redis {
  const redis = new Redis(url, REDIS_OPTIONS);
  let down = false;
  redis.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    onError(error);
  });
  redis.on("ready", () => {
    down = false;
  });
  return redis;
}
