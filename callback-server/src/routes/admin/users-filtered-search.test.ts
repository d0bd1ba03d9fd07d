import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../store/open-store.js";
import type { Store, UserPage, UserRecord } from "../../store/store-types.js";
import { DAY_MS, makeUser, T0 } from "../../store/testing/store-fixtures.js";
import {
  dropRedisPrefix,
  redisUrlForTests,
  storeBackends,
  tempDir,
  testRedisPrefix,
} from "../../testing/test-server.js";
import {
  type FilteredSearch,
  searchUsersFiltered,
  type UserFilters,
  type WalkBounds,
} from "./users-filtered-search.js";

const redisUrl = redisUrlForTests();
const backends = storeBackends(redisUrl);

const NOW = T0 + 3_600_000;

/** Newest first, like the store: by lastAuthorizedAt, ties by openid, both descending. */
function newestFirst(users: UserRecord[]): UserRecord[] {
  return [...users].sort((a, b) =>
    a.lastAuthorizedAt !== b.lastAuthorizedAt
      ? b.lastAuthorizedAt - a.lastAuthorizedAt
      : a.openid < b.openid
        ? 1
        : -1,
  );
}

describe.each(backends)("searchUsersFiltered ($name)", ({ redisUrl }) => {
  let dir: ReturnType<typeof tempDir>;
  let prefix: string;
  let store: Store;
  let storeCalls: number;
  let counting: Store;

  beforeEach(async () => {
    dir = tempDir("wxdesk-users-filter-");
    prefix = testRedisPrefix();
    store = await openStore({ redisUrl, sqlitePath: join(dir.path, "wxdesk.db"), keyPrefix: prefix });
    storeCalls = 0;
    // The same store, counting the pages the walk asks for (its work bound).
    counting = Object.create(store, {
      searchUsers: {
        value: (search: Parameters<Store["searchUsers"]>[0]): Promise<UserPage> => {
          storeCalls++;
          return store.searchUsers(search);
        },
      },
    }) as Store;
  });
  afterEach(async () => {
    await store.close();
    if (redisUrl) await dropRedisPrefix(redisUrl, prefix);
    dir.remove();
  });

  /** Every page from the first on, following cursors; also checks each request kept its bound. */
  async function collect(
    filters: UserFilters,
    limit: number,
    bounds?: WalkBounds,
    q?: string,
  ): Promise<{ users: UserRecord[]; requests: number }> {
    const users: UserRecord[] = [];
    let cursor: string | undefined;
    for (let requests = 1; requests < 500; requests++) {
      storeCalls = 0;
      const search: FilteredSearch = { q, cursor, limit, filters, now: NOW, readable: () => true };
      const page = await searchUsersFiltered(counting, search, bounds);
      expect(page.users.length).toBeLessThanOrEqual(limit);
      if (bounds) expect(storeCalls).toBeLessThanOrEqual(bounds.maxPages);
      users.push(...page.users);
      if (!page.nextCursor) return { users, requests };
      cursor = page.nextCursor;
    }
    throw new Error("paging did not end");
  }
  const ids = (users: UserRecord[]) => users.map((u) => u.openid);

  it("filters by scope across many store pages: newest first, no gap, no repeat", async () => {
    const all: UserRecord[] = [];
    for (let i = 0; i < 450; i++) {
      // Pairs share a timestamp: ties must page correctly through a cut in the middle of a page.
      all.push(
        makeUser(`o${String(i).padStart(4, "0")}`, {
          scope: i % 3 === 0 ? "snsapi_base" : "snsapi_userinfo",
          lastAuthorizedAt: T0 - Math.floor(i / 2) * 1000,
        }),
      );
    }
    for (const user of all) await store.upsertUser(user);
    const base = newestFirst(all).filter((u) => u.scope === "snsapi_base");

    for (const limit of [1, 7, 50, 200]) {
      expect(ids((await collect({ scope: "snsapi_base" }, limit)).users)).toEqual(ids(base));
    }
    // Without filters it is the store's own page.
    const plain = await searchUsersFiltered(store, {
      limit: 10,
      filters: {},
      now: NOW,
      readable: () => true,
    });
    expect(ids(plain.users)).toEqual(ids(newestFirst(all).slice(0, 10)));
  });

  it("filters by token state as of now, combined with q and scope", async () => {
    const users = [
      makeUser("oValid", { nickname: "甲 valid", lastAuthorizedAt: T0 - 1 }),
      makeUser("oExpiring", {
        nickname: "甲 expiring",
        lastAuthorizedAt: T0 - 2,
        tokens: { ...makeUser("x").tokens, accessExpiresAt: NOW + 5 * 60_000 },
      }),
      makeUser("oAccessExpired", {
        nickname: "甲 stale",
        lastAuthorizedAt: T0 - 3,
        tokens: { ...makeUser("x").tokens, accessExpiresAt: NOW - 1 },
      }),
      makeUser("oReauth", {
        nickname: "甲 gone",
        lastAuthorizedAt: T0 - 4,
        needsReauth: { at: T0, reason: "42002 refresh_token expired" },
      }),
      makeUser("oOld", {
        nickname: "乙 old",
        scope: "snsapi_base",
        lastAuthorizedAt: T0 - 5,
        tokens: { ...makeUser("x").tokens, refreshExpiresAt: NOW - DAY_MS },
      }),
    ];
    for (const user of users) await store.upsertUser(user);

    expect(ids((await collect({ tokenState: "valid" }, 10)).users)).toEqual(["oValid"]);
    expect(ids((await collect({ tokenState: "expiring" }, 10)).users)).toEqual(["oExpiring"]);
    expect(ids((await collect({ tokenState: "access_expired" }, 10)).users)).toEqual(["oAccessExpired"]);
    expect(ids((await collect({ tokenState: "needs_reauth" }, 10)).users)).toEqual(["oReauth", "oOld"]);
    expect(ids((await collect({ tokenState: "needs_reauth" }, 10, undefined, "甲")).users)).toEqual([
      "oReauth",
    ]);
    expect(ids((await collect({ tokenState: "needs_reauth", scope: "snsapi_base" }, 10)).users)).toEqual([
      "oOld",
    ]);
    expect((await collect({ tokenState: "valid", scope: "snsapi_base" }, 10)).users).toEqual([]);
  });

  it("a rare match under a small work bound: short pages with a cursor, and it is still found", async () => {
    const all: UserRecord[] = [];
    for (let i = 0; i < 60; i++) {
      all.push(makeUser(`o${String(i).padStart(3, "0")}`, { lastAuthorizedAt: T0 - i * 1000 }));
    }
    // The only base user is the oldest one: every bounded request before it answers nothing.
    all[59] = { ...all[59]!, scope: "snsapi_base" };
    for (const user of all) await store.upsertUser(user);

    const bounds = { maxPages: 2, maxExamined: 10 };
    const { users, requests } = await collect({ scope: "snsapi_base" }, 5, bounds);
    expect(ids(users)).toEqual(["o059"]);
    // 60 users, at most 10 looked at per request: six requests at least.
    expect(requests).toBeGreaterThanOrEqual(6);
  });
});
