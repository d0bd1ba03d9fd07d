import type { ChainableCommander, Redis } from "ioredis";
import { countersFor, statsFromCounters } from "./event-counters.js";
import { runLocked } from "./lock-runner.js";
import { openRedis } from "./redis-connection.js";
import { redisFault } from "./redis-faults.js";
import { type RedisKeys, redisKeys } from "./redis-keys.js";
import { readPersistence } from "./redis-persistence.js";
import {
  APPEND_EVENT,
  COMPARE_AND_DELETE,
  HIT_COUNTER,
  PATCH_USER,
  READ_COUNTER,
  TAKE,
  TAKE_AND_MARK,
} from "./redis-scripts.js";
import { queueIndexUpdate } from "./redis-user-index.js";
import { type ScanLimits, scanUsers } from "./redis-user-search.js";
import { raiseStoreFaults } from "./store-faults.js";
import { checkDay, checkLimit, checkRecordName, checkTtl, RECORDS_LIST_MAX } from "./store-input.js";
import type {
  AuthorizationWrite,
  EventInput,
  EventQuery,
  EventStats,
  KeyWrite,
  LockOptions,
  MenuVersion,
  MenuVersionInput,
  ReplySettings,
  StorageReport,
  Store,
  StoredEvent,
  StoredRecord,
  UserPage,
  UserRecord,
  UserSearch,
  UserTokens,
  WindowCount,
} from "./store-types.js";
import { decodeCursor, encodeCursor } from "./user-cursor.js";
import { lowerNickname, normalizeQuery } from "./user-match.js";

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, e.g. `wxdesk:` in production, `wxdesk:test:<random>:` in tests. */
  keyPrefix?: string;
  /** Users examined per search call before returning a partial page with a cursor. */
  searchScanCap?: number;
  /** Above this many index candidates a search walks newest-first instead (tests set 0 to force it). */
  searchCandidateCap?: number;
  /** Events kept for the activity stream; stats counters are kept separately and not trimmed. */
  maxEvents?: number;
  /** Hears the first connection error of each outage (see `openRedis`); default: ignored. */
  onError?: (error: unknown) => void;
}

const SEARCH_MAX = 200;
const LIST_MAX = 1000;

/**
 * The shared store for several server instances. Same contract as the SQLite store. While Redis is
 * down or not answering, every method fails within `REDIS_COMMAND_TIMEOUT_MS` with
 * `StoreUnavailableError` (`raiseStoreFaults` at the end of this file), and works again by itself
 * once Redis is back.
 */
export class RedisStore implements Store {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;
  readonly #searchLimits: ScanLimits;
  readonly #maxEvents: number;

  constructor(options: RedisStoreOptions) {
    this.#redis = openRedis(options.url, options.onError);
    this.#keys = redisKeys(options.keyPrefix ?? "wxdesk:");
    this.#searchLimits = {
      scanCap: options.searchScanCap ?? 20_000,
      candidateCap: options.searchCandidateCap ?? 2000,
    };
    this.#maxEvents = options.maxEvents ?? 100_000;
  }

  async upsertUser(user: UserRecord): Promise<void> {
    const tx = this.#redis.multi();
    this.#queueUpsert(tx, user, await this.#indexedBefore(user.openid));
    await execOrThrow(tx);
  }

  /** What the search indexes hold for this user now: the upsert replaces exactly those entries. */
  async #indexedBefore(openid: string): Promise<[string | null, string | null]> {
    return Promise.all([
      this.#redis.hget(this.#keys.usersNick, openid),
      this.#redis.hget(this.#keys.usersUnion, openid),
    ]);
  }

  #queueUpsert(
    tx: ChainableCommander,
    user: UserRecord,
    [nickBefore, unionBefore]: [string | null, string | null],
  ) {
    const { tokens, needsReauth, ...profile } = user;
    const key = this.#keys.user(user.openid);
    const nicknameLc = lowerNickname(user.nickname);
    tx.del(key).hset(key, "profile", JSON.stringify(profile), "tokens", JSON.stringify(tokens));
    if (needsReauth) tx.hset(key, "needsReauth", JSON.stringify(needsReauth));
    tx.zadd(this.#keys.usersRecent, user.lastAuthorizedAt, user.openid).hset(
      this.#keys.usersNick,
      user.openid,
      nicknameLc,
    );
    if (user.unionid) tx.hset(this.#keys.usersUnion, user.openid, user.unionid);
    else tx.hdel(this.#keys.usersUnion, user.openid);
    // Racing upserts of one user stay safe: the last MULTI adds every pair of the nickname it
    // writes, and stale index entries only cost an extra candidate that the exact test drops.
    queueIndexUpdate(
      tx,
      this.#keys,
      user.openid,
      { before: nickBefore, after: nicknameLc },
      { before: unionBefore, after: user.unionid },
    );
  }

  async getUser(openid: string): Promise<UserRecord | undefined> {
    const [profile, tokens, needsReauth] = await this.#redis.hmget(
      this.#keys.user(openid),
      "profile",
      "tokens",
      "needsReauth",
    );
    if (!profile || !tokens) return undefined;
    return {
      ...(JSON.parse(profile) as Omit<UserRecord, "tokens" | "needsReauth">),
      tokens: JSON.parse(tokens) as UserTokens,
      ...(needsReauth ? { needsReauth: JSON.parse(needsReauth) as UserRecord["needsReauth"] } : {}),
    };
  }

  async searchUsers(search: UserSearch): Promise<UserPage> {
    const limit = checkLimit(search.limit, SEARCH_MAX);
    const start = search.cursor ? decodeCursor(search.cursor) : undefined;
    const { matches, stoppedAt } = await scanUsers(
      this.#redis,
      this.#keys,
      normalizeQuery(search.q),
      start,
      limit,
      this.#searchLimits,
    );
    const page = matches.slice(0, limit);
    const users = (await Promise.all(page.map((m) => this.getUser(m.openid)))).filter((u) => u !== undefined);
    const resumeAt = matches.length > limit ? page.at(-1) : stoppedAt;
    return { users, ...(resumeAt ? { nextCursor: encodeCursor(resumeAt) } : {}) };
  }

  async countUsers(): Promise<number> {
    return this.#redis.zcard(this.#keys.usersRecent);
  }

  async updateUserTokens(openid: string, tokens: UserTokens): Promise<boolean> {
    const done = await this.#redis.eval(
      PATCH_USER,
      1,
      this.#keys.user(openid),
      "tokens",
      JSON.stringify(tokens),
      "needsReauth",
    );
    return done === 1;
  }

  async markUserNeedsReauth(openid: string, reason: string, at = Date.now()): Promise<boolean> {
    const done = await this.#redis.eval(
      PATCH_USER,
      1,
      this.#keys.user(openid),
      "needsReauth",
      JSON.stringify({ at, reason }),
    );
    return done === 1;
  }

  async addMenuVersion(version: MenuVersionInput): Promise<number> {
    const id = await this.#redis.incr(this.#keys.menuSeq);
    const body = {
      kind: version.kind,
      by: version.by,
      at: version.at,
      menu: version.menu ?? null,
      ...(version.rollbackOf === undefined ? {} : { rollbackOf: version.rollbackOf }),
    };
    await this.#redis.zadd(this.#keys.menuVersions, id, `${id}|${JSON.stringify(body)}`);
    return id;
  }

  async listMenuVersions(limit: number): Promise<MenuVersion[]> {
    const members = await this.#redis.zrange(
      this.#keys.menuVersions,
      0,
      String(checkLimit(limit, LIST_MAX) - 1),
      "REV",
    );
    return members.map((m) => parseMember<MenuVersion>(m));
  }

  async getMenuVersion(id: number): Promise<MenuVersion | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const [member] = await this.#redis.zrange(this.#keys.menuVersions, id, String(id), "BYSCORE");
    return member ? parseMember<MenuVersion>(member) : undefined;
  }

  async getReplies(): Promise<ReplySettings> {
    const value = await this.#redis.get(this.#keys.replies);
    return value ? (JSON.parse(value) as ReplySettings) : { click: {} };
  }

  async putReplies(replies: ReplySettings): Promise<void> {
    await this.#redis.set(this.#keys.replies, JSON.stringify(replies));
  }

  async getMeta(name: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#keys.meta(name))) ?? undefined;
  }

  async putMeta(name: string, value: string, options: { replace?: boolean } = {}): Promise<boolean> {
    if (options.replace) return (await this.#redis.set(this.#keys.meta(name), value)) === "OK";
    return (await this.#redis.set(this.#keys.meta(name), value, "NX")) === "OK";
  }

  async appendEvent(event: EventInput): Promise<StoredEvent> {
    const id = await this.#redis.eval(APPEND_EVENT, ...this.#appendArgs(event));
    return { id: Number(id), type: event.type, at: event.at, data: event.data };
  }

  #appendArgs(event: EventInput): [number, ...Array<string | number>] {
    const counters = countersFor(event).map(({ day, metric }) => `${day}|${metric}`);
    const body = JSON.stringify({ type: event.type, at: event.at, data: event.data });
    const keys = [this.#keys.eventSeq, this.#keys.events, this.#keys.stats];
    return [keys.length, ...keys, body, this.#maxEvents, ...counters];
  }

  /** One round trip for the index lookups, one MULTI for the user, the event and the keys. */
  async saveAuthorization(write: AuthorizationWrite): Promise<StoredEvent> {
    const { user, event } = write;
    const ttls = write.keys.map(({ ttlMs }) => checkTtl(ttlMs));
    const before = await this.#indexedBefore(user.openid);
    // The event first: its id is then the first result (MULTI is atomic whatever the order).
    const tx = this.#redis.multi().eval(APPEND_EVENT, ...this.#appendArgs(event));
    this.#queueUpsert(tx, user, before);
    write.keys.forEach(({ key, value }, i) => {
      tx.set(this.#keys.kv(key), value, "PX", ttls[i] as number);
    });
    const results = await execOrThrow(tx);
    return { id: Number(results[0]?.[1]), type: event.type, at: event.at, data: event.data };
  }

  async listEvents(query: EventQuery): Promise<StoredEvent[]> {
    const limit = checkLimit(query.limit, LIST_MAX);
    const members =
      query.afterId === undefined
        ? await this.#redis.zrange(this.#keys.events, -limit, "-1")
        : await this.#redis.zrange(
            this.#keys.events,
            `(${query.afterId}`,
            "+inf",
            "BYSCORE",
            "LIMIT",
            0,
            limit,
          );
    return members.map((m) => parseMember<StoredEvent>(m));
  }

  async statsSince(dayFrom: string): Promise<EventStats> {
    const day = checkDay(dayFrom);
    const all = await this.#redis.hgetall(this.#keys.stats);
    const rows = Object.entries(all).map(([field, n]) => {
      const [d = "", metric = ""] = field.split("|", 2);
      return { day: d, metric, n: Number(n) };
    });
    return statsFromCounters(rows, day);
  }

  async putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.#redis.set(this.#keys.kv(key), value, "PX", checkTtl(ttlMs), "NX")) === "OK";
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#keys.kv(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#redis.set(this.#keys.kv(key), value, "PX", checkTtl(ttlMs));
  }

  async take(key: string, mark?: KeyWrite): Promise<string | undefined> {
    const value = mark
      ? await this.#redis.eval(
          TAKE_AND_MARK,
          2,
          this.#keys.kv(key),
          this.#keys.kv(mark.key),
          mark.value,
          checkTtl(mark.ttlMs),
        )
      : await this.#redis.eval(TAKE, 1, this.#keys.kv(key));
    return typeof value === "string" ? value : undefined;
  }

  async compareAndDelete(key: string, expected: string): Promise<boolean> {
    return (await this.#redis.eval(COMPARE_AND_DELETE, 1, this.#keys.kv(key), expected)) === 1;
  }

  // Commands on one connection run in the order they were sent: a read sent after a hit sees it.
  async hitCounter(key: string, windowMs: number): Promise<WindowCount> {
    const [count, left] = (await this.#redis.eval(
      HIT_COUNTER,
      1,
      this.#keys.kv(key),
      checkTtl(windowMs),
    )) as [number, number];
    return { count, resetAt: Date.now() + left };
  }

  async readCounter(key: string): Promise<WindowCount | undefined> {
    const found = (await this.#redis.eval(READ_COUNTER, 1, this.#keys.kv(key))) as [number, number] | null;
    if (!found) return undefined;
    const [count, left] = found;
    // PTTL is -1 for a key without expiry (never written by hitCounter): treat as ending now.
    return { count, resetAt: Date.now() + Math.max(0, left) };
  }

  async putRecord(collection: string, id: string, value: string): Promise<void> {
    await this.#redis.hset(this.#recordsKey(collection), checkRecordName(id, "id"), value);
  }

  async getRecord(collection: string, id: string): Promise<string | undefined> {
    return (await this.#redis.hget(this.#recordsKey(collection), checkRecordName(id, "id"))) ?? undefined;
  }

  async listRecords(collection: string): Promise<StoredRecord[]> {
    const all = await this.#redis.hgetall(this.#recordsKey(collection));
    // Ordered by id as SQLite orders TEXT (binary), not by the locale.
    return Object.keys(all)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, RECORDS_LIST_MAX)
      .map((id) => ({ id, value: all[id] as string }));
  }

  async deleteRecord(collection: string, id: string): Promise<boolean> {
    return (await this.#redis.hdel(this.#recordsKey(collection), checkRecordName(id, "id"))) === 1;
  }

  #recordsKey(collection: string): string {
    return this.#keys.records(checkRecordName(collection, "collection"));
  }

  withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>, options: LockOptions): Promise<T> {
    const key = this.#keys.lock(name);
    const backend = {
      tryAcquire: async (_: string, owner: string, ttl: number) =>
        (await this.#redis.set(key, owner, "PX", ttl, "NX")) === "OK",
      // Delete only our own token: after our TTL ran out another instance may hold the lock.
      release: async (_: string, owner: string) => {
        await this.#redis.eval(COMPARE_AND_DELETE, 1, key, owner);
      },
    };
    return runLocked(backend, name, ttlMs, fn, options);
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  async describeStorage(): Promise<StorageReport> {
    return { kind: "redis", persistence: await readPersistence(this.#redis) };
  }

  async close(): Promise<void> {
    if (this.#redis.status !== "end") await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}

raiseStoreFaults(RedisStore, redisFault);

/** MULTI reports a failed queued command in its results instead of rejecting. */
async function execOrThrow(tx: ChainableCommander): Promise<Array<[Error | null, unknown]>> {
  const results = (await tx.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return results;
}

/** Sorted-set members are `<id>|<json>`: the id keeps members unique and orders them. */
function parseMember<T extends { id: number }>(member: string): T {
  const bar = member.indexOf("|");
  return { id: Number(member.slice(0, bar)), ...JSON.parse(member.slice(bar + 1)) } as T;
}
