import type { ActivityEvent } from "@wxdesk/electron/desk-api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { deskError } from "../../testing/memory-desk-api.js";
import { MAX_EVENTS, mergeEvents, STATUS_POLL_MS, useActivityStore } from "./activity-store.js";

const store = () => useActivityStore.getState();
const ev = (id: number): ActivityEvent => ({ id, type: "refresh", at: id, data: {} });

afterEach(() => {
  vi.useRealTimers();
  useActivityStore.getState().reset();
  uninstallDesk();
});

describe("mergeEvents", () => {
  it("keeps events oldest first, once each, and at most MAX_EVENTS of the newest", () => {
    expect(mergeEvents([ev(1), ev(3)], [ev(2), ev(3), ev(4)]).map((e) => e.id)).toEqual([1, 2, 3, 4]);
    const many = Array.from({ length: MAX_EVENTS + 10 }, (_, i) => ev(i + 1));
    const kept = mergeEvents([], many);
    expect(kept).toHaveLength(MAX_EVENTS);
    expect(kept[0]?.id).toBe(11);
    const next = mergeEvents(kept, [ev(MAX_EVENTS + 11)]);
    expect(next).toHaveLength(MAX_EVENTS);
    expect(next.at(-1)?.id).toBe(MAX_EVENTS + 11);
  });
});

describe("activity store", () => {
  it("loads the history, then adds live events as they come", async () => {
    const desk = await installMemoryDesk();
    desk.emit({ type: "menu", at: 1, data: { kind: "publish", versionId: 1 } });
    const stop = store().start();
    await vi.waitFor(() => expect(store().loaded).toBe(true));
    expect(store().events.map((e) => e.type)).toEqual(["menu"]);
    desk.emit({ type: "authorization", at: 2, data: { openid: "o1" } });
    expect(store().events.map((e) => e.type)).toEqual(["menu", "authorization"]);
    stop();
  });

  it("loses nothing and doubles nothing that arrives while the history loads", async () => {
    const desk = await installMemoryDesk();
    desk.emit({ type: "menu", at: 1, data: {} });
    const release = desk.holdNext("activity.recent");
    store().start();
    // Arrives after subscribing, before the history answers: it is in both.
    desk.emit({ type: "refresh", at: 2, data: {} });
    release();
    await vi.waitFor(() => expect(store().loaded).toBe(true));
    expect(store().events.map((e) => e.id)).toEqual([1, 2]);
  });

  it("stops listening when stopped (leaving the screen)", async () => {
    const desk = await installMemoryDesk();
    const stop = store().start();
    await vi.waitFor(() => expect(store().loaded).toBe(true));
    stop();
    desk.emit({ type: "refresh", at: 2, data: {} });
    expect(store().events).toEqual([]);
  });

  it("says why the stream is down, and notices when it comes back", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const why = deskError(
      "network",
      "The live activity stream was interrupted",
      "实时动态连接中断，正在重新连接……",
    );
    const desk = await installMemoryDesk({ activityStatus: { connected: false, error: why } });
    store().start();
    await vi.waitFor(() => expect(store().status?.connected).toBe(false));
    expect(store().status?.error?.messageZh).toContain("实时动态连接中断");
    desk.state.activityStatus = { connected: true };
    vi.advanceTimersByTime(STATUS_POLL_MS);
    await vi.waitFor(() => expect(store().status?.connected).toBe(true));
  });

  it("shows what it has when the history fails, and keeps the live events", async () => {
    const desk = await installMemoryDesk();
    desk.failNext("activity.recent", deskError("unauthorized", "Wrong key", "密钥不对"));
    store().start();
    await vi.waitFor(() => expect(store().loaded).toBe(true));
    expect(store().error?.code).toBe("unauthorized");
    desk.emit({ type: "check", at: 3, data: { ok: true } });
    expect(store().events).toHaveLength(1);
  });

  it("holds new events at the newest id shown, and lets them in again", async () => {
    const desk = await installMemoryDesk();
    desk.emit({ type: "refresh", at: 1, data: {} });
    store().start();
    await vi.waitFor(() => expect(store().loaded).toBe(true));
    store().hold(true);
    desk.emit({ type: "refresh", at: 2, data: {} });
    expect(store().heldAt).toBe(1);
    store().hold(true);
    expect(store().heldAt).toBe(1);
    store().hold(false);
    expect(store().heldAt).toBeUndefined();
  });
});
