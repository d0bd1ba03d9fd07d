import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisStore } from "../store/redis-store.js";
import type { StoredEvent } from "../store/store-types.js";
import { type OwnRedis, ownRedisUnavailable, startOwnRedis } from "../testing/own-redis.js";
import { createEventBus } from "./event-bus.js";
import { systemClock } from "./system-clock.js";

const noRedis = ownRedisUnavailable();

describe.skipIf(noRedis)("event bus while Redis is down (an own redis-server)", () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await redis?.close();
  });

  it("starts without Redis, and delivers other instances' events once Redis is up", async () => {
    await redis.stop();
    const open = async () => {
      const store = new RedisStore({ url: redis.url });
      const bus = await createEventBus({ store, clock: systemClock, redisUrl: redis.url });
      return { store, bus };
    };
    // A server that starts before its Redis (a reboot) must come up, not exit.
    const early = await open();
    try {
      await redis.start();
      const late = await open();
      try {
        const seen: StoredEvent[] = [];
        early.bus.subscribe((event) => seen.push(event));
        // The early instance subscribes once its connection is ready: publish until it hears one.
        const deadline = Date.now() + 5_000;
        while (seen.length === 0 && Date.now() < deadline) {
          await late.bus.publish("check", { openid: "oLate" });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(seen[0]).toMatchObject({ type: "check", data: { openid: "oLate" } });
      } finally {
        await late.bus.close();
        await late.store.close();
      }
    } finally {
      await early.bus.close();
      await early.store.close();
    }
  }, 20_000);
});
