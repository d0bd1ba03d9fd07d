import { afterEach, describe, expect, it } from "vitest";
import { RedisStore } from "../store/redis-store.js";
import { SqliteStore } from "../store/sqlite-store.js";
import type { StoredEvent } from "../store/store-types.js";
import { dropRedisPrefix, redisUrlForTests, tempDir, testRedisPrefix } from "../testing/test-server.js";
import { createEventBus } from "./event-bus.js";
import { scrubEventData } from "./event-data.js";
import { systemClock } from "./system-clock.js";

const REDIS_URL = redisUrlForTests();
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("event bus", () => {
  it("persists, delivers locally and drops secret-looking fields", async () => {
    const dir = tempDir();
    cleanup.push(() => dir.remove());
    const store = new SqliteStore({ path: `${dir.path}/events.db` });
    cleanup.push(() => store.close());
    const bus = await createEventBus({ store, clock: systemClock });
    cleanup.push(() => bus.close());
    const seen: StoredEvent[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(e));

    const stored = await bus.publish("refresh", {
      openid: "o1",
      accessToken: "AT-SECRET",
      nested: { refresh_token: "RT-SECRET", ok: true },
      secret: "S",
      code: "C",
    });
    expect(stored.data).toEqual({ openid: "o1", nested: { ok: true } });
    expect(seen).toEqual([stored]);
    expect(await store.listEvents({ limit: 10 })).toEqual([stored]);

    unsubscribe();
    await bus.publish("check", { openid: "o1" });
    expect(seen).toHaveLength(1);
  });

  it("keeps harmless fields", () => {
    expect(
      scrubEventData({ tokenSource: "stable_token", errcode: 40001, list: [{ ticket: "x", a: 1 }] }),
    ).toEqual({
      tokenSource: "stable_token",
      errcode: 40001,
      list: [{ a: 1 }],
    });
  });

  it.skipIf(!REDIS_URL)(
    "with Redis, every instance's subscribers get every instance's events, once",
    async () => {
      const url = REDIS_URL as string;
      const prefix = testRedisPrefix();
      cleanup.push(() => dropRedisPrefix(url, prefix));
      const open = async () => {
        const store = new RedisStore({ url, keyPrefix: prefix });
        cleanup.push(() => store.close());
        const bus = await createEventBus({
          store,
          clock: systemClock,
          redisUrl: url,
          redisKeyPrefix: prefix,
        });
        cleanup.push(() => bus.close());
        return bus;
      };
      const [a, b] = [await open(), await open()];
      const seenA: StoredEvent[] = [];
      const seenB: StoredEvent[] = [];
      a.subscribe((e) => seenA.push(e));
      b.subscribe((e) => seenB.push(e));

      const fromA = await a.publish("authorization", { openid: "oA" });
      const fromB = await b.publish("check", { openid: "oB" });
      await waitFor(() => seenA.length >= 2 && seenB.length >= 2);
      // No sleep-and-hope for a duplicate: Redis hands a channel's messages to each subscriber in publish
      // order, so once a bus hears a marker the *other* bus published after both events, every copy of
      // those events (its own echo included) has reached it already.
      const markerFromB = await b.publish("check", { openid: "oMarkerB" });
      const markerFromA = await a.publish("check", { openid: "oMarkerA" });
      await waitFor(
        () => seenA.some((e) => e.id === markerFromB.id) && seenB.some((e) => e.id === markerFromA.id),
      );
      const markers = new Set([markerFromA.id, markerFromB.id]);
      const events = (seen: StoredEvent[]) => seen.filter((e) => !markers.has(e.id)).map((e) => e.id);
      expect(events(seenA).sort()).toEqual([fromA.id, fromB.id].sort());
      expect(events(seenB).sort()).toEqual([fromA.id, fromB.id].sort());
    },
  );
});
