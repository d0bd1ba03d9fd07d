import { createHmac, hash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ServerConfig } from "../config/server-config.js";
import type { Store } from "../store/store-types.js";
import type { Clock } from "./clock.js";

/**
 * Keys of the `service` role: the account's other systems read the global access_token and
 * jsapi_ticket with them (docs/admin-api.md, "Service keys"). Two kinds: the ones in
 * WXDESK_SERVICE_KEYS (`settings`, revoked only by changing the setting) and the ones admins create
 * through the admin API (`admin`), stored as the sha256 of the key — a created key is 32 random bytes,
 * so a fast hash is enough, and the plain key exists only in the one answer that creates it.
 */
export type ServiceKeySource = "settings" | "admin";

export interface ServiceKeyView {
  id: string;
  name: string;
  source: ServiceKeySource;
  /** Epoch ms; created keys only. */
  createdAt?: number;
  /** Epoch ms, to the hour: a key's use is written at most once an hour per instance. */
  lastUsedAt?: number;
}

export interface CreatedServiceKey extends ServiceKeyView {
  /** The key itself: in this answer only, never again. */
  key: string;
}

export type CreateOutcome =
  | { ok: true; created: CreatedServiceKey }
  | { ok: false; reason: "name_taken" | "too_many" };

export type RevokeOutcome = "revoked" | "unknown" | "settings";

export interface ServiceKeys {
  /** The id of the service key `given` is, or undefined. Constant-time per key compared. */
  match(given: string): Promise<string | undefined>;
  /** Notes that `id` was used now: at most one store write per key and hour in this process. */
  markUsed(id: string): Promise<void>;
  /** Keys from the settings first, then created ones, oldest first. */
  list(): Promise<ServiceKeyView[]>;
  create(name: string, by: string): Promise<CreateOutcome>;
  revoke(id: string): Promise<RevokeOutcome>;
}

/** Created keys at most: each is one system of the account; more means something went wrong. */
export const MAX_CREATED_SERVICE_KEYS = 100;
/** How often one instance writes a key's last use (the list says "last used" to the hour). */
const LAST_USED_EVERY_MS = 3_600_000;
/** A last-use record outlives a year of silence. */
const LAST_USED_TTL_MS = 400 * 86_400_000;
const META_NAME = "service-keys.v1";
const LOCK_NAME = "service-keys";
const KEY_PREFIX = "wxsk_";

interface StoredKey {
  id: string;
  name: string;
  /** sha256 (hex) of the key. */
  hash: string;
  createdAt: number;
  by: string;
}

const sha256 = (text: string): Buffer => hash("sha256", text, "buffer");
const usedKey = (id: string) => `service-key:last-used:${id}`;

function parseStored(text: string | undefined): StoredKey[] {
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as { keys?: unknown };
    if (!Array.isArray(parsed.keys)) return [];
    return parsed.keys.filter(
      (k): k is StoredKey =>
        k !== null &&
        typeof k === "object" &&
        typeof (k as StoredKey).id === "string" &&
        typeof (k as StoredKey).name === "string" &&
        typeof (k as StoredKey).hash === "string" &&
        /^[0-9a-f]{64}$/.test((k as StoredKey).hash) &&
        typeof (k as StoredKey).createdAt === "number",
    );
  } catch {
    return [];
  }
}

/**
 * The service keys of one server. Created keys live in one store meta value changed under a store
 * lock (a handful of keys; one read per request that is not the admin or support key); revocation
 * is seen by every instance at the next request.
 */
export function createServiceKeys(deps: {
  config: Pick<ServerConfig, "serviceKeys" | "sessionSecret">;
  store: Store;
  clock: Clock;
}): ServiceKeys {
  const { store, clock } = deps;
  // A settings key's id must be the same on every instance and start, and must not help anyone guess
  // the key: an HMAC with the session secret (set identically on every instance).
  const fromSettings = deps.config.serviceKeys.map((key, i) => ({
    id: `env-${createHmac("sha256", deps.config.sessionSecret).update(`service-key:${key}`).digest("hex").slice(0, 12)}`,
    name: `WXDESK_SERVICE_KEYS #${i + 1}`,
    hash: sha256(key),
  }));
  const lastWritten = new Map<string, number>();

  async function readStored(): Promise<StoredKey[]> {
    return parseStored(await store.getMeta(META_NAME));
  }

  function changeStored<T>(change: (keys: StoredKey[]) => { keys?: StoredKey[]; result: T }): Promise<T> {
    return store.withLock(
      LOCK_NAME,
      10_000,
      async () => {
        const { keys, result } = change(await readStored());
        if (keys) await store.putMeta(META_NAME, JSON.stringify({ keys }), { replace: true });
        return result;
      },
      { waitMs: 10_000 },
    );
  }

  async function lastUsed(id: string): Promise<number | undefined> {
    const value = Number(await store.get(usedKey(id)));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }

  return {
    async match(given) {
      const givenHash = sha256(given);
      // Every key is compared, whichever matches: the time taken does not say which one was close.
      let found: string | undefined;
      for (const key of fromSettings) if (timingSafeEqual(givenHash, key.hash)) found ??= key.id;
      if (found) return found;
      for (const key of await readStored()) {
        if (timingSafeEqual(givenHash, Buffer.from(key.hash, "hex"))) found ??= key.id;
      }
      return found;
    },

    async markUsed(id) {
      const now = clock.now();
      const last = lastWritten.get(id);
      if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
      lastWritten.set(id, now);
      await store.set(usedKey(id), String(now), LAST_USED_TTL_MS);
    },

    async list() {
      const views: ServiceKeyView[] = [];
      for (const key of fromSettings) {
        const used = await lastUsed(key.id);
        views.push({ id: key.id, name: key.name, source: "settings", ...(used ? { lastUsedAt: used } : {}) });
      }
      for (const key of await readStored()) {
        const used = await lastUsed(key.id);
        views.push({
          id: key.id,
          name: key.name,
          source: "admin",
          createdAt: key.createdAt,
          ...(used ? { lastUsedAt: used } : {}),
        });
      }
      return views;
    },

    create(name, by) {
      const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
      const record: StoredKey = {
        id: `sk-${randomBytes(8).toString("hex")}`,
        name,
        hash: sha256(key).toString("hex"),
        createdAt: clock.now(),
        by,
      };
      return changeStored<CreateOutcome>((keys) => {
        const taken = (n: string) => n.toLocaleLowerCase() === name.toLocaleLowerCase();
        if (keys.some((k) => taken(k.name)) || fromSettings.some((k) => taken(k.name)))
          return { result: { ok: false, reason: "name_taken" } };
        if (keys.length >= MAX_CREATED_SERVICE_KEYS) return { result: { ok: false, reason: "too_many" } };
        const created: CreatedServiceKey = {
          id: record.id,
          name,
          source: "admin",
          createdAt: record.createdAt,
          key,
        };
        return { keys: [...keys, record], result: { ok: true, created } };
      });
    },

    async revoke(id) {
      if (fromSettings.some((k) => k.id === id)) return "settings";
      const outcome = await changeStored<RevokeOutcome>((keys) => {
        const rest = keys.filter((k) => k.id !== id);
        return rest.length === keys.length ? { result: "unknown" } : { keys: rest, result: "revoked" };
      });
      if (outcome === "revoked") {
        lastWritten.delete(id);
        await store.take(usedKey(id));
      }
      return outcome;
    },
  };
}
