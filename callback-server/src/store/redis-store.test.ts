import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, it } from "vitest";
import { RedisStore } from "./redis-store.js";
import { describeStoreContract } from "./testing/store-contract.js";

const url = process.env.REDIS_URL;
const inCi = process.env.CI === "true";

/** Why Redis cannot be used, or undefined when it answers PING. */
async function unavailable(): Promise<string | undefined> {
  if (!url) return "REDIS_URL is not set";
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on("error", () => {}); // reported below through the rejected connect()
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `Redis at ${url} is unreachable: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    probe.disconnect();
  }
}

const reason = await unavailable();

if (reason && inCi) {
  // In CI a missing Redis is a broken pipeline, not a reason to skip half the store tests.
  describe("Redis store", () => {
    it("needs Redis in CI", () => {
      throw new Error(`${reason} (CI=true: the Redis store must be tested)`);
    });
  });
} else if (reason) {
  // Outside CI a machine without Redis may skip it: said on the console and in the skipped test's name.
  console.warn(`Skipping the Redis store contract: ${reason}.`);
  describe("Redis store", () => {
    it.skip(`the store contract — skipped: ${reason}`);
  });
} else {
  const redisUrl = url!;
  const admin = new Redis(redisUrl);
  afterAll(() => admin.quit());

  async function dropPrefix(prefix: string): Promise<void> {
    let cursor = "0";
    do {
      const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  }

  const backing = (search?: { searchScanCap: number; searchCandidateCap: number }) => () => {
    const keyPrefix = `wxdesk:test:${randomBytes(6).toString("hex")}:`;
    return {
      open: () => new RedisStore({ url: redisUrl, keyPrefix, ...search }),
      destroy: () => dropPrefix(keyPrefix),
    };
  };

  describeStoreContract("Redis", backing());
  // Candidate cap 0 forces the newest-first walk, and a scan cap of 3 forces partial pages
  // with cursors: paging must still be complete and ordered.
  describeStoreContract(
    "Redis, search always walking, scan cap 3",
    backing({ searchScanCap: 3, searchCandidateCap: 0 }),
  );
}
