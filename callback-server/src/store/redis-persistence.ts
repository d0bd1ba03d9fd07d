import type { Redis } from "ioredis";
import type { StoragePersistence } from "./store-types.js";

/** `CONFIG GET name` answers `[name, value]`; a renamed or hidden setting answers `[]`. */
async function configValue(redis: Redis, name: string): Promise<string | undefined> {
  const pair = (await redis.config("GET", name)) as unknown;
  return Array.isArray(pair) && typeof pair[1] === "string" ? pair[1] : undefined;
}

/**
 * Whether this Redis keeps what it holds across its own restart: `appendonly yes` → `aof`; else a
 * `save` schedule → `rdb` (snapshots); neither → `none`. A Redis that refuses CONFIG (managed
 * services often do: an error reply) → `unknown`. A Redis that does not answer at all throws.
 */
export async function readPersistence(redis: Redis): Promise<StoragePersistence> {
  let appendonly: string | undefined;
  let save: string | undefined;
  try {
    [appendonly, save] = await Promise.all([configValue(redis, "appendonly"), configValue(redis, "save")]);
  } catch (error) {
    if ((error as Error).name === "ReplyError") return "unknown";
    throw error;
  }
  if (appendonly === undefined || save === undefined) return "unknown";
  if (appendonly === "yes") return "aof";
  return save.trim() === "" ? "none" : "rdb";
}
