import { SqliteStore } from "./sqlite-store.js";
import type { Store } from "./store-types.js";

export interface OpenStoreOptions {
  /** When set (`REDIS_URL`), every store is Redis: needed when several instances run. */
  redisUrl?: string | undefined;
  /** The SQLite file otherwise (`WXDESK_DB`). */
  sqlitePath: string;
  /** Redis key prefix; defaults to `wxdesk:`. */
  keyPrefix?: string | undefined;
  /** Redis: hears the first connection error of each outage. */
  onError?: ((error: unknown) => void) | undefined;
}

/** Async so that a server on SQLite never loads the Redis client (ioredis) at all. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.redisUrl) {
    const { RedisStore } = await import("./redis-store.js");
    return new RedisStore({
      url: options.redisUrl,
      ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  return new SqliteStore({ path: options.sqlitePath });
}
