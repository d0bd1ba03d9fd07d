import { afterEach, describe, expect, it, vi } from "vitest";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { deskError } from "../../testing/memory-desk-api.js";
import { generatedUser } from "../../testing/memory-users-fixture.js";
import { EMPTY_QUERY, PAGE_SIZE } from "./users-query.js";
import { LIVE_DELAY_MS, SEARCH_DELAY_MS, useUsersStore } from "./users-store.js";

const NOW = Date.UTC(2025, 2, 1, 6, 0, 0);
const store = () => useUsersStore.getState();

afterEach(() => {
  vi.useRealTimers();
  useUsersStore.getState().reset();
  uninstallDesk();
});

describe("users store: paging", () => {
  it("loads one page at a time by cursor, in the server's order, and stops at the last", async () => {
    const desk = await installMemoryDesk({ userCount: 250, now: () => NOW });
    await store().search();
    expect(store().rows).toHaveLength(PAGE_SIZE);
    expect(store().nextCursor).toBeDefined();
    await store().loadMore();
    await store().loadMore();
    expect(store().rows.map((r) => r.openid)).toEqual(desk.state.users.map((u) => u.openid));
    expect(store().nextCursor).toBeUndefined();
    const searches = desk.calls.filter((c) => c === "users.search").length;
    await store().loadMore();
    expect(desk.calls.filter((c) => c === "users.search")).toHaveLength(searches);
  });

  it("never holds all 100,000 users after the first page: only what was asked for", async () => {
    await installMemoryDesk({ userCount: 100_000, now: () => NOW });
    await store().search();
    await store().loadMore();
    expect(store().rows).toHaveLength(2 * PAGE_SIZE);
  });

  it("asks for one page at a time even when scrolling asks twice", async () => {
    const desk = await installMemoryDesk({ userCount: 250, now: () => NOW });
    await store().search();
    await Promise.all([store().loadMore(), store().loadMore()]);
    expect(store().rows).toHaveLength(2 * PAGE_SIZE);
    expect(desk.calls.filter((c) => c === "users.search")).toHaveLength(2);
  });

  it("lists a user once even when they moved to another page between two requests", async () => {
    const desk = await installMemoryDesk({ userCount: 150, now: () => NOW });
    await store().search();
    // User 120 authorizes again: the newest-first order moves them to the top, pushing user 99 onto page 2.
    const again = desk.state.users.splice(120, 1)[0];
    if (again) desk.state.users.unshift(again);
    const user99 = desk.state.users[100]?.openid;
    await store().loadMore();
    const openids = store().rows.map((r) => r.openid);
    expect(openids.filter((o) => o === user99)).toHaveLength(1);
    expect(new Set(openids).size).toBe(openids.length);
    expect(openids).toHaveLength(149);
  });

  it("keeps the cursor when a page fails, so trying again asks for the same page", async () => {
    const desk = await installMemoryDesk({ userCount: 150, now: () => NOW });
    await store().search();
    const cursor = store().nextCursor;
    desk.failNext("users.search", deskError("network", "The server did not answer", "服务器没有响应"));
    await store().loadMore();
    expect(store().error?.code).toBe("network");
    expect(store().nextCursor).toBe(cursor);
    await store().loadMore();
    expect(store().error).toBeUndefined();
    expect(store().rows).toHaveLength(150);
  });
});

describe("users store: searching", () => {
  it("maps the filters onto the search: every row answers them", async () => {
    await installMemoryDesk({ userCount: 400, now: () => NOW });
    store().setScope("snsapi_base");
    await vi.waitFor(() => expect(store().loaded && !store().loading).toBe(true));
    expect(store().rows.length).toBeGreaterThan(0);
    expect(store().rows.every((r) => r.scope === "snsapi_base")).toBe(true);
    store().setTokenState("needs_reauth");
    await vi.waitFor(() => expect(store().loading).toBe(false));
    expect(store().rows.every((r) => r.scope === "snsapi_base" && r.tokenState === "needs_reauth")).toBe(
      true,
    );
    store().clearQuery();
    await vi.waitFor(() => expect(store().loading).toBe(false));
    expect(store().query).toEqual(EMPTY_QUERY);
    expect(new Set(store().rows.map((r) => r.scope)).size).toBe(2);
  });

  it("waits until typing pauses, then searches once for the last words", async () => {
    vi.useFakeTimers();
    const desk = await installMemoryDesk({
      users: [
        { ...generatedUser(0, NOW), nickname: "张伟" },
        { ...generatedUser(1, NOW), nickname: "张伟明" },
        { ...generatedUser(2, NOW), nickname: "李娜" },
      ],
      now: () => NOW,
    });
    store().setSearchText("张");
    store().setSearchText("张伟");
    store().setSearchText("张伟明");
    expect(desk.calls).not.toContain("users.search");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(desk.calls.filter((c) => c === "users.search")).toHaveLength(1);
    expect(store().rows.map((r) => r.nickname)).toEqual(["张伟明"]);
  });

  it("does not search pinyin an input method is still composing; the finished characters are searched", async () => {
    vi.useFakeTimers();
    const desk = await installMemoryDesk({
      users: [
        { ...generatedUser(0, NOW), nickname: "张伟" },
        { ...generatedUser(1, NOW), nickname: "李娜" },
      ],
      now: () => NOW,
    });
    store().setSearchText("zh", true);
    store().setSearchText("zhang", true);
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS * 2);
    expect(desk.calls).not.toContain("users.search");
    expect(store().query.q).toBe("zhang");
    store().setSearchText("张");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(desk.calls.filter((c) => c === "users.search")).toHaveLength(1);
    expect(store().rows.map((r) => r.nickname)).toEqual(["张伟"]);
  });

  it("never lets an older query's late answer overwrite a newer one", async () => {
    const desk = await installMemoryDesk({
      users: [
        { ...generatedUser(0, NOW), nickname: "张伟" },
        { ...generatedUser(1, NOW), nickname: "李娜" },
      ],
      now: () => NOW,
    });
    const releaseOld = desk.holdNext("users.search");
    useUsersStore.setState({ query: { ...EMPTY_QUERY, q: "张" } });
    const older = store().search();
    useUsersStore.setState({ query: { ...EMPTY_QUERY, q: "李" } });
    await store().search();
    expect(store().rows.map((r) => r.nickname)).toEqual(["李娜"]);
    releaseOld();
    await older;
    expect(store().rows.map((r) => r.nickname)).toEqual(["李娜"]);
    expect(store().loading).toBe(false);
  });

  it("drops a next page that belongs to the query before the current one", async () => {
    const desk = await installMemoryDesk({ userCount: 250, now: () => NOW });
    await store().search();
    const release = desk.holdNext("users.search");
    const page2 = store().loadMore();
    useUsersStore.setState({ query: { ...EMPTY_QUERY, scope: "snsapi_userinfo" } });
    await store().search();
    release();
    await page2;
    expect(store().rows.every((r) => r.scope === "snsapi_userinfo")).toBe(true);
    expect(new Set(store().rows.map((r) => r.openid)).size).toBe(store().rows.length);
  });

  it("shows why the list did not load", async () => {
    const desk = await installMemoryDesk();
    desk.failNext("users.search", deskError("unauthorized", "The key was refused", "密钥不对"));
    await store().search();
    expect(store().error?.messageZh).toBe("密钥不对");
    expect(store().rows).toEqual([]);
  });
});

describe("users store: export", () => {
  it("exports the current search's users and keeps the count to say", async () => {
    await installMemoryDesk({
      users: [
        { ...generatedUser(0, NOW), nickname: "张伟" },
        { ...generatedUser(1, NOW), nickname: "李娜" },
        { ...generatedUser(2, NOW), nickname: "张敏" },
      ],
    });
    useUsersStore.setState({ query: { ...EMPTY_QUERY, q: " 张 " } });
    await store().exportCsv();
    expect(store().exported?.rows).toBe(2);
    expect(store().exported?.q).toBe("张");
    expect(store().exported?.csv).toContain("张敏");
    expect(store().exported?.csv).not.toContain("李娜");
  });
});

describe("users store: live events", () => {
  const signIn = (openid: string) => ({ type: "authorization", at: NOW, data: { openid, firstTime: true } });

  it("reads the list again once per burst of user events, keeping its length; account events are ignored", async () => {
    vi.useFakeTimers();
    const desk = await installMemoryDesk({ userCount: 250, now: () => NOW });
    await store().search();
    await store().loadMore();
    expect(store().rows).toHaveLength(200);
    const listId = store().listId;
    const stop = store().followLive();
    const searches = () => desk.calls.filter((c) => c === "users.search").length;
    const before = searches();

    desk.emit({ type: "menu", at: NOW, data: { kind: "publish", versionId: 3 } });
    await vi.advanceTimersByTimeAsync(LIVE_DELAY_MS * 2);
    expect(searches()).toBe(before);

    const newcomer = { ...generatedUser(999, NOW), nickname: "新来的" };
    desk.state.users.unshift(newcomer);
    desk.emit(signIn(newcomer.openid));
    desk.emit({ type: "check", at: NOW, data: { openid: newcomer.openid, ok: true } });
    await vi.advanceTimersByTimeAsync(LIVE_DELAY_MS);
    expect(searches()).toBe(before + 1);
    expect(store().rows[0]?.openid).toBe(newcomer.openid);
    // The same depth as before (one request of 200), the table not sent back to its top.
    expect(store().rows).toHaveLength(200);
    expect(store().total).toBe(251);
    expect(store().listId).toBe(listId);

    stop();
    desk.emit(signIn(newcomer.openid));
    await vi.advanceTimersByTimeAsync(LIVE_DELAY_MS * 2);
    expect(searches()).toBe(before + 1);
  });

  it("waits for a search on its way, and never answers for an older query", async () => {
    vi.useFakeTimers();
    const desk = await installMemoryDesk({ userCount: 10, now: () => NOW });
    await store().search();
    store().followLive();
    const release = desk.holdNext("users.search");
    store().setScope("snsapi_userinfo");
    desk.emit(signIn(desk.state.users[0]?.openid ?? ""));
    await vi.advanceTimersByTimeAsync(LIVE_DELAY_MS);
    // The search is still on its way: the live read waits for it rather than racing it.
    expect(desk.calls.filter((c) => c === "users.search")).toHaveLength(2);
    release();
    await vi.advanceTimersByTimeAsync(LIVE_DELAY_MS * 2);
    expect(store().loading).toBe(false);
    expect(store().rows.every((r) => r.scope === "snsapi_userinfo")).toBe(true);
  });
});
