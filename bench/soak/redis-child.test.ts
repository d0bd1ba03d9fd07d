import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../lib/scratch-dir.js";
import { redisMissing, startRedis } from "./redis-child.js";

const missing = redisMissing();
if (missing && process.env.CI === "true") throw new Error(`CI=true: ${missing}`);
if (missing) console.warn(`[wxdesk] skipping the soak's Redis case: ${missing}`);

describe.skipIf(missing !== undefined)("the soak's own redis-server", () => {
  it("keeps what was written across a stop and a start on its folder (AOF)", async () => {
    const dir = scratchDir("wxdesk-soak-redis-test-");
    const redis = await startRedis(dir.path);
    try {
      const client = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
      await client.connect();
      await client.set("soak:user", "小明");
      client.disconnect();

      await redis.stop();
      await redis.start();

      const again = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
      await again.connect();
      expect(await again.get("soak:user")).toBe("小明");
      again.disconnect();
    } finally {
      await redis.stop();
      dir.remove();
    }
  });
});
