import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type OwnRedis, ownRedisUnavailable, startOwnRedis } from "../testing/own-redis.js";
import { tempDir } from "../testing/test-server.js";
import { RedisStore } from "./redis-store.js";
import { SqliteStore } from "./sqlite-store.js";
import { StoreInputError, StoreUnavailableError } from "./store-errors.js";
import type { Store } from "./store-types.js";
import { makeUser } from "./testing/store-fixtures.js";

/** One call of every Store method but `close` (store-faults.ts guards exactly these). */
const EVERY_METHOD: Array<[string, (store: Store) => Promise<unknown>]> = [
  ["upsertUser", (s) => s.upsertUser(makeUser("oFault"))],
  ["getUser", (s) => s.getUser("oFault")],
  ["searchUsers", (s) => s.searchUsers({ q: "a", limit: 5 })],
  ["countUsers", (s) => s.countUsers()],
  ["updateUserTokens", (s) => s.updateUserTokens("oFault", makeUser("oFault").tokens)],
  ["markUserNeedsReauth", (s) => s.markUserNeedsReauth("oFault", "why")],
  ["addMenuVersion", (s) => s.addMenuVersion({ menu: null, kind: "delete", by: "t", at: 1 })],
  ["listMenuVersions", (s) => s.listMenuVersions(5)],
  ["getMenuVersion", (s) => s.getMenuVersion(1)],
  ["getReplies", (s) => s.getReplies()],
  ["putReplies", (s) => s.putReplies({ click: {} })],
  ["appendEvent", (s) => s.appendEvent({ type: "check", at: 1, data: {} })],
  [
    "saveAuthorization",
    (s) =>
      s.saveAuthorization({ user: makeUser("oFault"), event: { type: "check", at: 1, data: {} }, keys: [] }),
  ],
  ["listEvents", (s) => s.listEvents({ limit: 5 })],
  ["statsSince", (s) => s.statsSince("2024-01-01")],
  ["putIfAbsent", (s) => s.putIfAbsent("k", "v", 60_000)],
  ["get", (s) => s.get("k")],
  ["set", (s) => s.set("k", "v", 60_000)],
  ["take", (s) => s.take("k")],
  ["compareAndDelete", (s) => s.compareAndDelete("k", "v")],
  ["withLock", (s) => s.withLock("l", 1_000, async () => 1, { waitMs: 0 })],
  ["ping", (s) => s.ping()],
  ["describeStorage", (s) => s.describeStorage()],
];

/** Rejects when `work` has not settled by then: a store call that hangs fails the test instead. */
async function settledWithin<T>(work: Promise<T>, ms: number): Promise<PromiseSettledResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([
      work.then(
        (value): PromiseFulfilledResult<T> => ({ status: "fulfilled", value }),
        (reason: unknown): PromiseRejectedResult => ({ status: "rejected", reason }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every method rejects with StoreUnavailableError of `backend`; returns the reasons by method. */
async function expectEveryMethodUnavailable(store: Store, backend: "redis" | "sqlite", deadlineMs: number) {
  const results = await Promise.all(
    EVERY_METHOD.map(async ([name, call]) => [name, await settledWithin(call(store), deadlineMs)] as const),
  );
  for (const [name, result] of results) {
    expect(result.status, name).toBe("rejected");
    const reason = (result as PromiseRejectedResult).reason as unknown;
    expect(reason, `${name}: ${String(reason)}`).toBeInstanceOf(StoreUnavailableError);
    expect((reason as StoreUnavailableError).backend, name).toBe(backend);
  }
  return Object.fromEntries(
    results.map(([name, r]) => [name, ((r as PromiseRejectedResult).reason as StoreUnavailableError).reason]),
  );
}

const noRedis = ownRedisUnavailable();

describe.skipIf(noRedis)("Redis store while its own Redis is down", () => {
  let redis: OwnRedis;
  let store: RedisStore;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterEach(async () => {
    await store?.close();
    await redis.start().catch(() => {}); // running again for the next test (no-op if it is)
  });
  afterAll(async () => {
    await redis?.close();
  });

  it("stopped: every method fails fast with StoreUnavailableError, and works again once Redis is back", async () => {
    store = new RedisStore({ url: redis.url });
    await store.set("before", "1", 60_000);
    await redis.stop();
    // The command timeout (2 s) bounds every wait; a refused reconnect ends it sooner.
    const reasons = await expectEveryMethodUnavailable(store, "redis", 5_000);
    expect(
      Object.values(reasons).every((r) =>
        ["not connected", "connection closed", "command timed out"].includes(r),
      ),
    ).toBe(true);

    await redis.start();
    // Reconnects by itself (at most 0.5 s between attempts): no new store, no restart.
    await expect(store.set("after", "2", 60_000)).resolves.toBeUndefined();
    expect(await store.get("after")).toBe("2");
  }, 30_000);

  it("frozen (connected but not answering): commands time out as StoreUnavailableError instead of hanging", async () => {
    store = new RedisStore({ url: redis.url });
    await store.ping();
    redis.freeze();
    try {
      const result = await settledWithin(store.get("k"), 5_000);
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason as StoreUnavailableError;
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.reason).toBe("command timed out");
    } finally {
      redis.thaw();
    }
    await expect(store.ping()).resolves.toBeUndefined();
  }, 30_000);
});

describe.skipIf(noRedis)("Redis that is up but refuses to serve", () => {
  let redis: OwnRedis | undefined;
  let store: RedisStore | undefined;
  afterEach(async () => {
    await store?.close();
    await redis?.close();
  });

  it.each([
    // Out of memory with nothing to evict: every write is refused, one by one and inside MULTI.
    ["out of memory", "OOM", ["--maxmemory", "1", "--maxmemory-policy", "noeviction"]],
    // A read-only replica (its primary is nowhere): writes are refused.
    ["a read-only replica", "READONLY", ["--replicaof", "127.0.0.1", "1"]],
  ])("%s: writes fail with StoreUnavailableError (%s), reads still work", async (_name, reason, args) => {
    redis = await startOwnRedis(["--save", "", "--appendonly", "no", ...args]);
    store = new RedisStore({ url: redis.url });
    const writes = [
      store.set("k", "v", 60_000),
      store.upsertUser(makeUser("oFull")),
      store.saveAuthorization({
        user: makeUser("oFull"),
        event: { type: "check", at: 1, data: {} },
        keys: [],
      }),
    ];
    for (const write of writes) {
      const error = await write.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).reason).toBe(reason);
    }
    expect(await store.get("k")).toBeUndefined();
  });
});

describe("SQLite store faults", () => {
  const dir = tempDir("wxdesk-sqlite-fault-");
  afterAll(() => dir.remove());

  it("locked past its busy timeout by another connection: writes fail with StoreUnavailableError, reads go on", async () => {
    const path = join(dir.path, "busy.db");
    const store = new SqliteStore({ path, busyTimeoutMs: 20 });
    await store.set("k", "before", 60_000);
    const holder = new Database(path);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const error = await store.set("k", "after", 60_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).backend).toBe("sqlite");
      expect((error as StoreUnavailableError).reason).toMatch(/^SQLITE_BUSY/);
      // WAL: readers do not wait for the writer.
      expect(await store.get("k")).toBe("before");
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    await store.set("k", "after", 60_000);
    expect(await store.get("k")).toBe("after");
    await store.close();
  });

  it("closed: every method fails with StoreUnavailableError", async () => {
    const store = new SqliteStore({ path: join(dir.path, "closed.db") });
    await store.close();
    const reasons = await expectEveryMethodUnavailable(store, "sqlite", 5_000);
    expect(new Set(Object.values(reasons))).toEqual(new Set(["closed"]));
  });

  it("bad input and a lock body's own error are not store faults", async () => {
    const store = new SqliteStore({ path: join(dir.path, "input.db") });
    await expect(store.set("k", "v", -1)).rejects.toBeInstanceOf(StoreInputError);
    const own = new Error("the body failed");
    await expect(store.withLock("l", 1_000, async () => Promise.reject(own), { waitMs: 0 })).rejects.toBe(
      own,
    );
    await store.close();
  });
});
