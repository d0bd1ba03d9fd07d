import { RedisStore } from "./redis-store.js";
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

export function openStore(options: OpenStoreOptions): Store {
  if (options.redisUrl) {
    return new RedisStore({
      url: options.redisUrl,
      ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }
  return new SqliteStore({ path: options.sqlitePath });
}
