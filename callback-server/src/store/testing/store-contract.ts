import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asSealedToken } from "../../crypto/sealed-token.js";
import { LockTimeoutError, StoreInputError } from "../store-errors.js";
import type { Store, UserRecord, UserSearch } from "../store-types.js";
import { DAY_MS, makeUser, T0 } from "./store-fixtures.js";

/** One place holding a store's data; `open()` returns a new instance (new connection) onto it. */
export interface StoreBacking {
  open(): Store;
  destroy(): Promise<void>;
}

/**
 * The one test suite every `Store` implementation must pass (DESIGN.md, "Storage": one
 * interface, two implementations, one suite). Each test gets a fresh, empty backing.
 */
export function describeStoreContract(name: string, makeBacking: () => StoreBacking): void {
  describe(`Store contract: ${name}`, () => {
    let backing: StoreBacking;
    let store: Store;
    const extra: Store[] = [];
    const openAnother = (): Store => {
      const another = backing.open();
      extra.push(another);
      return another;
    };

    beforeEach(() => {
      backing = makeBacking();
      store = backing.open();
    });
    afterEach(async () => {
      for (const s of [store, ...extra.splice(0)]) await s.close();
      await backing.destroy();
    });

    async function collect(search: Omit<UserSearch, "cursor">): Promise<UserRecord[]> {
      const all: UserRecord[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 1000; guard++) {
        const page = await store.searchUsers({ ...search, ...(cursor ? { cursor } : {}) });
        expect(page.users.length).toBeLessThanOrEqual(search.limit);
        all.push(...page.users);
        if (!page.nextCursor) return all;
        cursor = page.nextCursor;
      }
      throw new Error("paging did not terminate");
    }
    const ids = (users: UserRecord[]) => users.map((u) => u.openid);

    describe("users", () => {
      it("upserts, reads back every field, replaces on re-upsert and counts", async () => {
        const full = makeUser("oA1", {
          unionid: "uA1",
          profileUpdatedAt: T0 + 5,
          privilege: ["chinaunicom"],
          tokens: { ...makeUser("oA1").tokens, refreshedAt: T0 + 9 },
        });
        await store.upsertUser(full);
        await store.upsertUser(makeUser("oA2", { scope: "snsapi_base", nickname: undefined }));
        expect(await store.getUser("oA1")).toEqual(full);
        expect(await store.getUser("oA2")).toEqual(
          makeUser("oA2", { scope: "snsapi_base", nickname: undefined }),
        );
        expect(await store.getUser("nobody")).toBeUndefined();
        expect(await store.countUsers()).toBe(2);

        const renamed = { ...full, nickname: "新名字", lastAuthorizedAt: T0 + 100 };
        await store.upsertUser(renamed);
        expect(await store.getUser("oA1")).toEqual(renamed);
        expect(await store.countUsers()).toBe(2);
        expect(ids((await store.searchUsers({ q: "新名字", limit: 10 })).users)).toEqual(["oA1"]);
        expect((await store.searchUsers({ q: "用户oA1", limit: 10 })).users).toEqual([]);
      });

      it("searches nicknames (CJK, case-insensitive), openid and unionid prefixes", async () => {
        await store.upsertUser(makeUser("oX_zhang", { nickname: "张小明", lastAuthorizedAt: T0 + 1 }));
        await store.upsertUser(
          makeUser("oX_li", { nickname: "李小明同学", lastAuthorizedAt: T0 + 2, unionid: "UN_li_9" }),
        );
        await store.upsertUser(makeUser("oX_wang", { nickname: "王大锤🙂", lastAuthorizedAt: T0 + 3 }));
        await store.upsertUser(makeUser("oY_alice", { nickname: "Alice Smith", lastAuthorizedAt: T0 + 4 }));
        const q = async (text: string) => ids(await collect({ q: text, limit: 50 }));

        expect(await q("小明")).toEqual(["oX_li", "oX_zhang"]);
        expect(await q("李小明同")).toEqual(["oX_li"]);
        expect(await q("明")).toEqual(["oX_li", "oX_zhang"]);
        expect(await q("大锤🙂")).toEqual(["oX_wang"]);
        expect(await q("ALICE")).toEqual(["oY_alice"]);
        expect(await q("ce sm")).toEqual(["oY_alice"]);
        expect(await q("oX_")).toEqual(["oX_wang", "oX_li", "oX_zhang"]);
        expect(await q("oX_wang")).toEqual(["oX_wang"]);
        expect(await q("ox_wang")).toEqual([]); // openids are case-sensitive
        expect(await q("UN_li_9")).toEqual(["oX_li"]);
        expect(await q("UN_li")).toEqual(["oX_li"]);
        expect(await q("无此人")).toEqual([]);
        expect(await q("  ")).toEqual(["oY_alice", "oX_wang", "oX_li", "oX_zhang"]);
        expect(await q("%")).toEqual([]);
        expect(await q('"')).toEqual([]);
      });

      it("pages newest first with a cursor: no duplicates, no gaps, ties included", async () => {
        const users: UserRecord[] = [];
        for (let i = 0; i < 57; i++) {
          // Every third user shares a timestamp with its neighbour: ties must page correctly.
          const at = T0 + Math.floor(i / 3) * 1000;
          const nickname = i % 2 === 0 ? `偶数用户${i}` : `odd user ${i}`;
          users.push(makeUser(`o${String(i).padStart(3, "0")}`, { lastAuthorizedAt: at, nickname }));
        }
        for (const u of [...users].reverse()) await store.upsertUser(u);
        const newestFirst = [...users].sort((a, b) =>
          a.lastAuthorizedAt !== b.lastAuthorizedAt
            ? b.lastAuthorizedAt - a.lastAuthorizedAt
            : a.openid < b.openid
              ? 1
              : -1,
        );

        for (const limit of [1, 7, 10, 57, 200]) {
          expect(ids(await collect({ limit }))).toEqual(ids(newestFirst));
        }
        const evens = newestFirst.filter((u) => u.nickname?.startsWith("偶数"));
        expect(ids(await collect({ q: "偶数用户", limit: 4 }))).toEqual(ids(evens));
        expect(ids(await collect({ q: "数用", limit: 5 }))).toEqual(ids(evens));
        expect(ids(await collect({ q: "ODD USER", limit: 6 }))).toEqual(
          ids(newestFirst.filter((u) => u.nickname?.startsWith("odd"))),
        );
        expect(await store.countUsers()).toBe(57);
      });

      it("refuses bad limits and forged cursors with StoreInputError", async () => {
        for (const limit of [0, 201, 1.5]) {
          await expect(store.searchUsers({ limit })).rejects.toBeInstanceOf(StoreInputError);
        }
        for (const cursor of ["nope", Buffer.from('{"a":1}').toString("base64url")]) {
          await expect(store.searchUsers({ limit: 5, cursor })).rejects.toBeInstanceOf(StoreInputError);
        }
      });

      it("updates tokens (clearing needsReauth) and marks users for re-authorization", async () => {
        await store.upsertUser(makeUser("oT"));
        expect(await store.markUserNeedsReauth("oT", "refresh token expired", T0 + 50)).toBe(true);
        expect((await store.getUser("oT"))?.needsReauth).toEqual({
          at: T0 + 50,
          reason: "refresh token expired",
        });

        const tokens = {
          ...makeUser("oT").tokens,
          accessTokenEnc: asSealedToken("v1.a.b.new-access"),
          refreshedAt: T0 + 60,
        };
        expect(await store.updateUserTokens("oT", tokens)).toBe(true);
        const after = await store.getUser("oT");
        expect(after?.tokens).toEqual(tokens);
        expect(after?.needsReauth).toBeUndefined();
        expect(after?.nickname).toBe("用户oT");

        expect(await store.updateUserTokens("ghost", tokens)).toBe(false);
        expect(await store.markUserNeedsReauth("ghost", "x")).toBe(false);
        expect(await store.getUser("ghost")).toBeUndefined();
      });
    });

    it("keeps menu history newest first with increasing ids", async () => {
      const menu = { button: [{ type: "view", name: "授权", url: "https://example.com/oauth/start" }] };
      const a = await store.addMenuVersion({ menu, kind: "publish", by: "admin", at: T0 });
      const b = await store.addMenuVersion({ menu: null, kind: "delete", by: "admin", at: T0 + 1 });
      const c = await store.addMenuVersion({ menu, kind: "rollback", by: "ops", at: T0 + 2, rollbackOf: a });
      const d = await store.addMenuVersion({
        menu: null,
        kind: "rollback",
        by: "admin",
        at: T0 + 3,
        rollbackOf: b,
      });
      expect(a).toBeLessThan(b);
      expect(b).toBeLessThan(c);
      expect(c).toBeLessThan(d);
      expect(await store.listMenuVersions(3)).toStrictEqual([
        { id: d, menu: null, kind: "rollback", by: "admin", at: T0 + 3, rollbackOf: b },
        { id: c, menu, kind: "rollback", by: "ops", at: T0 + 2, rollbackOf: a },
        { id: b, menu: null, kind: "delete", by: "admin", at: T0 + 1 },
      ]);
      expect((await store.listMenuVersions(10)).map((v) => v.id)).toEqual([d, c, b, a]);
      // Only rollbacks carry rollbackOf: no `rollbackOf: undefined/null` key on the others.
      expect(await store.getMenuVersion(a)).toStrictEqual({
        id: a,
        menu,
        kind: "publish",
        by: "admin",
        at: T0,
      });
      expect(await store.getMenuVersion(c)).toStrictEqual({
        id: c,
        menu,
        kind: "rollback",
        by: "ops",
        at: T0 + 2,
        rollbackOf: a,
      });
      expect(await store.getMenuVersion(d + 100)).toBeUndefined();
    });

    it("round-trips reply settings", async () => {
      expect(await store.getReplies()).toEqual({ click: {} });
      const replies = {
        click: {
          V1001_HELLO: { type: "text" as const, content: "你好 👋" },
          V1002_PIC: { type: "image" as const, mediaId: "MEDIA_1" },
          V1003_NEWS: {
            type: "news" as const,
            articles: [{ title: "标题", description: "d", picUrl: "https://p/1.jpg", url: "https://u/1" }],
          },
        },
        subscribe: { type: "text" as const, content: "欢迎关注" },
      };
      await store.putReplies(replies);
      expect(await store.getReplies()).toEqual(replies);
      await store.putReplies({ click: {} });
      expect(await store.getReplies()).toEqual({ click: {} });
    });

    it("keeps meta values durably: put-if-absent across connections, replace on request", async () => {
      expect(await store.getMeta("canary")).toBeUndefined();
      expect(await store.putMeta("canary", "first")).toBe(true);
      const other = openAnother();
      expect(await other.putMeta("canary", "second")).toBe(false);
      expect(await other.getMeta("canary")).toBe("first");
      expect(await other.putMeta("canary", "third", { replace: true })).toBe(true);
      expect(await store.getMeta("canary")).toBe("third");
      // Its own namespace: neither the replies nor a TTL key of the same name.
      expect(await store.get("canary")).toBeUndefined();
      expect(await store.getReplies()).toEqual({ click: {} });
    });

    it("appends events with increasing ids, lists after an id, counts stats per day and errcode", async () => {
      const day1 = T0;
      const day2 = T0 + DAY_MS + 5;
      const seen = [
        await store.appendEvent({ type: "authorization", at: day1 - DAY_MS, data: { openid: "old" } }),
        await store.appendEvent({ type: "failure", at: day1 - DAY_MS, data: { errcode: 40029 } }),
        await store.appendEvent({ type: "authorization", at: day1, data: { openid: "o1" } }),
        await store.appendEvent({ type: "authorization", at: day1 + 10, data: { openid: "o2" } }),
        await store.appendEvent({
          type: "failure",
          at: day1 + 20,
          data: { errcode: 40163, errmsg: "code been used" },
        }),
        await store.appendEvent({ type: "refresh", at: day2, data: { openid: "o1" } }),
        await store.appendEvent({
          type: "authorization",
          at: day2,
          data: { openid: "o3", nested: { a: [1] } },
        }),
        await store.appendEvent({ type: "failure", at: day2, data: { errcode: 40163 } }),
        await store.appendEvent({ type: "failure", at: day2, data: { errcode: 40029 } }),
        await store.appendEvent({ type: "failure", at: day2, data: {} }),
      ];
      const eventIds = seen.map((e) => e.id);
      expect(eventIds).toEqual([...eventIds].sort((x, y) => x - y));
      expect(new Set(eventIds).size).toBe(eventIds.length);

      const after = await store.listEvents({ afterId: eventIds[5]!, limit: 10 });
      expect(after).toEqual(seen.slice(6));
      expect((await store.listEvents({ afterId: eventIds[0]!, limit: 2 })).map((e) => e.id)).toEqual(
        eventIds.slice(1, 3),
      );
      expect(await store.listEvents({ limit: 2 })).toEqual(seen.slice(8));
      expect(await store.listEvents({ afterId: eventIds[9]!, limit: 5 })).toEqual([]);

      expect(await store.statsSince("2026-11-20")).toEqual({
        authorizationsPerDay: { "2026-11-20": 2, "2026-11-21": 1 },
        failuresByErrcode: { "40163": 2, "40029": 1, unknown: 1 },
      });
      expect((await store.statsSince("2026-11-19")).authorizationsPerDay["2026-11-19"]).toBe(1);
      await expect(store.statsSince("20 Nov")).rejects.toBeInstanceOf(StoreInputError);
    });

    it("saveAuthorization stores the user, the event with its counters and the keys, as the separate calls do", async () => {
      const first = makeUser("oSave1", { unionid: "uSave1", lastAuthorizedAt: T0 + 1 });
      const event = { type: "authorization", at: T0 + 1, data: { openid: "oSave1", firstTime: true } };
      const stored = await store.saveAuthorization({
        user: first,
        event,
        keys: [{ key: "oauth:code:save1", value: '{"done":1}', ttlMs: 10_000 }],
      });
      expect(stored).toEqual({ ...event, id: stored.id });
      expect(await store.getUser("oSave1")).toEqual(first);
      expect(await store.get("oauth:code:save1")).toBe('{"done":1}');
      expect(await store.listEvents({ limit: 10 })).toEqual([stored]);
      expect((await store.statsSince("2026-11-20")).authorizationsPerDay).toEqual({ "2026-11-20": 1 });
      expect(ids((await store.searchUsers({ q: "uSave1", limit: 10 })).users)).toEqual(["oSave1"]);

      // A re-authorization replaces the user and its index entries; ids keep increasing with appendEvent.
      const again = { ...first, nickname: "改名了", lastAuthorizedAt: T0 + 2 };
      const plain = await store.appendEvent({ type: "check", at: T0 + 2, data: {} });
      const second = await store.saveAuthorization({
        user: again,
        event: { ...event, at: T0 + 2 },
        keys: [],
      });
      expect(second.id).toBeGreaterThan(plain.id);
      expect(plain.id).toBeGreaterThan(stored.id);
      expect(await store.getUser("oSave1")).toEqual(again);
      expect(ids((await store.searchUsers({ q: "改名", limit: 10 })).users)).toEqual(["oSave1"]);
      expect((await store.searchUsers({ q: "用户oSave1", limit: 10 })).users).toEqual([]);
      expect(await store.countUsers()).toBe(1);
      expect((await store.statsSince("2026-11-20")).authorizationsPerDay).toEqual({ "2026-11-20": 2 });

      // A bad key TTL is refused before anything is stored.
      await expect(
        store.saveAuthorization({
          user: makeUser("oSave2"),
          event: { ...event, data: { openid: "oSave2" } },
          keys: [{ key: "k", value: "v", ttlMs: 0 }],
        }),
      ).rejects.toBeInstanceOf(StoreInputError);
      expect(await store.getUser("oSave2")).toBeUndefined();
      expect(await store.listEvents({ limit: 10 })).toHaveLength(3);
    });

    describe("ephemeral keys", () => {
      it("expires values after their TTL", async () => {
        await store.set("ttl:a", "1", 250);
        expect(await store.putIfAbsent("ttl:b", "2", 250)).toBe(true);
        expect(await store.get("ttl:a")).toBe("1");
        await sleep(400);
        expect(await store.get("ttl:a")).toBeUndefined();
        expect(await store.get("ttl:b")).toBeUndefined();
        expect(await store.take("ttl:b")).toBeUndefined();
        expect(await store.compareAndDelete("ttl:a", "1")).toBe(false);
        expect(await store.putIfAbsent("ttl:b", "3", 10_000)).toBe(true);
        expect(await store.get("ttl:b")).toBe("3");
      });

      it("putIfAbsent stores only the first value; set overwrites", async () => {
        expect(await store.putIfAbsent("dedup:msg1", "first", 10_000)).toBe(true);
        expect(await store.putIfAbsent("dedup:msg1", "second", 10_000)).toBe(false);
        expect(await store.get("dedup:msg1")).toBe("first");
        await store.set("dedup:msg1", "third", 10_000);
        expect(await store.get("dedup:msg1")).toBe("third");
        await expect(store.set("k", "v", 0)).rejects.toBeInstanceOf(StoreInputError);
      });

      it("take hands a value to exactly one of many concurrent callers", async () => {
        await store.set("state:nonce", "payload", 10_000);
        const other = openAnother();
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).take("state:nonce")),
        );
        expect(results.filter((r) => r === "payload")).toHaveLength(1);
        expect(results.filter((r) => r === undefined)).toHaveLength(9);
        expect(await store.get("state:nonce")).toBeUndefined();
      });

      it("take with a mark sets the mark only for the one caller that got a live value", async () => {
        await store.set("state:n1", "payload", 10_000);
        const other = openAnother();
        const mark = { key: "state-used:n1", value: "1", ttlMs: 10_000 };
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).take("state:n1", mark)),
        );
        expect(results.filter((r) => r === "payload")).toHaveLength(1);
        expect(await store.get("state:n1")).toBeUndefined();
        expect(await store.get("state-used:n1")).toBe("1");

        // Nothing to take: no mark. A bad mark TTL is refused and the value stays.
        expect(
          await store.take("state:none", { key: "state-used:none", value: "1", ttlMs: 10_000 }),
        ).toBeUndefined();
        expect(await store.get("state-used:none")).toBeUndefined();
        await store.set("state:n2", "kept", 10_000);
        await expect(store.take("state:n2", { key: "m", value: "1", ttlMs: 0 })).rejects.toBeInstanceOf(
          StoreInputError,
        );
        expect(await store.get("state:n2")).toBe("kept");
      });

      it("compareAndDelete deletes only the expected value", async () => {
        await store.set("token:global", "tok-1", 10_000);
        expect(await store.compareAndDelete("token:global", "tok-0")).toBe(false);
        expect(await store.get("token:global")).toBe("tok-1");
        expect(await store.compareAndDelete("token:global", "tok-1")).toBe(true);
        expect(await store.get("token:global")).toBeUndefined();
        expect(await store.compareAndDelete("token:global", "tok-1")).toBe(false);
      });
    });

    describe("window counters", () => {
      it("count hits in a fixed window, then forget them", async () => {
        expect(await store.readCounter("fail:a")).toBeUndefined();
        const first = await store.hitCounter("fail:a", 300);
        expect(first.count).toBe(1);
        expect(first.resetAt).toBeGreaterThan(Date.now());
        expect(first.resetAt).toBeLessThanOrEqual(Date.now() + 300);
        const second = await store.hitCounter("fail:a", 60_000);
        // A later hit counts in the window the first one opened; it does not extend it.
        expect(second.count).toBe(2);
        expect(Math.abs(second.resetAt - first.resetAt)).toBeLessThan(50);
        expect((await store.readCounter("fail:a"))?.count).toBe(2);
        expect((await store.readCounter("fail:b")) ?? "none").toBe("none");
        await sleep(first.resetAt - Date.now() + 100);
        expect(await store.readCounter("fail:a")).toBeUndefined();
        const fresh = await store.hitCounter("fail:a", 60_000);
        expect(fresh.count).toBe(1);
        expect(fresh.resetAt).toBeGreaterThan(Date.now() + 50_000);
        await expect(store.hitCounter("fail:c", 0)).rejects.toBeInstanceOf(StoreInputError);
      });

      it("a read asked for right after a hit sees it, and concurrent hits on two instances all count", async () => {
        // Not awaited in between: the read is sent in the same turn as the hit (a burst of requests).
        const [hit, read] = await Promise.all([
          store.hitCounter("fail:burst", 60_000),
          store.readCounter("fail:burst"),
        ]);
        expect(hit.count).toBe(1);
        expect(read?.count).toBe(1);

        const other = openAnother();
        const counts = await Promise.all(
          Array.from({ length: 30 }, (_, i) => (i % 2 ? other : store).hitCounter("fail:many", 60_000)),
        );
        expect([...counts.map((c) => c.count)].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 30 }, (_, i) => i + 1),
        );
        expect((await other.readCounter("fail:many"))?.count).toBe(30);
      });
    });

    describe("durable records", () => {
      it("puts, replaces, reads, lists by id and deletes, per collection, with no expiry", async () => {
        await store.putRecord("apps", "b", '{"n":2}');
        await store.putRecord("apps", "a", '{"n":1}');
        await store.putRecord("apps", "c", "three");
        await store.putRecord("keys", "a", "other collection");
        await store.putRecord("apps", "c", "three, replaced");
        expect(await store.getRecord("apps", "a")).toBe('{"n":1}');
        expect(await store.getRecord("apps", "nope")).toBeUndefined();
        expect(await store.getRecord("nothing", "a")).toBeUndefined();
        // Another instance (process, connection) sees the same records.
        expect(await openAnother().listRecords("apps")).toEqual([
          { id: "a", value: '{"n":1}' },
          { id: "b", value: '{"n":2}' },
          { id: "c", value: "three, replaced" },
        ]);
        expect(await store.listRecords("keys")).toEqual([{ id: "a", value: "other collection" }]);
        expect(await store.listRecords("empty")).toEqual([]);
        expect(await store.deleteRecord("apps", "b")).toBe(true);
        expect(await store.deleteRecord("apps", "b")).toBe(false);
        expect((await store.listRecords("apps")).map((r) => r.id)).toEqual(["a", "c"]);
        expect(await store.getRecord("keys", "a")).toBe("other collection");
      });

      it("refuses empty or over-long collection and id names with StoreInputError", async () => {
        const long = "x".repeat(257);
        for (const attempt of [
          () => store.putRecord("", "a", "v"),
          () => store.putRecord("apps", "", "v"),
          () => store.putRecord(long, "a", "v"),
          () => store.getRecord("apps", long),
          () => store.listRecords(""),
          () => store.deleteRecord("apps", ""),
        ]) {
          await expect(attempt()).rejects.toBeInstanceOf(StoreInputError);
        }
        await store.putRecord("x".repeat(256), "y".repeat(256), "longest names");
        expect(await store.getRecord("x".repeat(256), "y".repeat(256))).toBe("longest names");
      });
    });

    describe("withLock", () => {
      async function exclusive(stores: Store[], callers: number): Promise<void> {
        let active = 0;
        let maxActive = 0;
        let done = 0;
        await Promise.all(
          Array.from({ length: callers }, (_, i) =>
            stores[i % stores.length]!.withLock(
              "global-token",
              5_000,
              async () => {
                active++;
                maxActive = Math.max(maxActive, active);
                await sleep(3);
                active--;
                done++;
              },
              { waitMs: 15_000 },
            ),
          ),
        );
        expect(maxActive).toBe(1);
        expect(done).toBe(callers);
      }

      it("never lets 20 concurrent callers overlap", async () => {
        await exclusive([store], 20);
      });

      it("never lets callers on two separate instances overlap", async () => {
        await exclusive([store, openAnother()], 20);
      });

      it("returns the value, releases after a throw, and times out while held", async () => {
        expect(await store.withLock("l", 5_000, async () => 42, { waitMs: 0 })).toBe(42);
        await expect(
          store.withLock("l", 5_000, async () => Promise.reject(new Error("boom")), { waitMs: 0 }),
        ).rejects.toThrow("boom");
        expect(await store.withLock("l", 5_000, async () => "again", { waitMs: 0 })).toBe("again");

        const other = openAnother();
        await store.withLock(
          "l",
          5_000,
          async () => {
            await expect(other.withLock("l", 5_000, async () => 1, { waitMs: 50 })).rejects.toBeInstanceOf(
              LockTimeoutError,
            );
          },
          { waitMs: 0 },
        );
      });

      it("frees the lock when its holder dies, and the late holder cannot release the new one", async () => {
        const dying = openAnother();
        let wakeDead!: () => void;
        let acquiredAt = 0;
        const ttlMs = 400;
        const askedAt = Date.now();
        const deadHolder = dying.withLock(
          "l",
          ttlMs,
          () =>
            new Promise<void>((r) => {
              acquiredAt = Date.now();
              wakeDead = r;
            }),
          { waitMs: 0 },
        );
        for (const deadline = Date.now() + 5_000; acquiredAt === 0 && Date.now() < deadline; ) await sleep(5);
        expect(acquiredAt).toBeGreaterThan(0);
        // Held: nobody else gets it while the holder's time runs.
        await expect(openAnother().withLock("l", 5_000, async () => 1, { waitMs: 0 })).rejects.toBeInstanceOf(
          LockTimeoutError,
        );
        await store.withLock(
          "l",
          5_000,
          async () => {
            // Only once the silent holder's time ran out. It got the lock no earlier than it asked, so
            // its time ends no earlier than askedAt + ttl (measured from there, not from when this test
            // started waiting: a busy machine may start the wait late).
            expect(Date.now() - askedAt).toBeGreaterThanOrEqual(ttlMs - 5);
            wakeDead(); // the "dead" holder wakes up late and releases…
            await deadHolder;
            // …which must not have freed the lock we now hold.
            await expect(
              openAnother().withLock("l", 5_000, async () => 1, { waitMs: 0 }),
            ).rejects.toBeInstanceOf(LockTimeoutError);
          },
          { waitMs: 3_000 },
        );
      });
    });

    it("answers ping", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
