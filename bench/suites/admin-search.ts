import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { RedisStore } from "@wxdesk/callback-server";
import { Redis } from "ioredis";
import { adminQueryMix, QUERY_KINDS } from "../lib/admin-queries.js";
import { NO_UPSTREAM, startCallbackServer } from "../lib/callback-server-child.js";
import type { ChildServer } from "../lib/child-server.js";
import { onInterrupt } from "../lib/interrupt-cleanup.js";
import { keepAliveAgent } from "../lib/keep-alive.js";
import type { Figures } from "../lib/results.js";
import { scratchDir } from "../lib/scratch-dir.js";
import { seedStore, USER_COUNT } from "../lib/seed-users.js";
import { seededSqlite } from "../lib/seeded-sqlite.js";
import { percentile, runTasks } from "../lib/task-load.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const TARGET_P95_MS = 20;
const WARM_UP = 60;

/**
 * `GET /admin/api/users?q=…&limit=50` over 100,000 stored users, one request at a time (one
 * person typing in the admin table), a mix of questions: p50/p95/p99 against p95 ≤ 20 ms. SQLite,
 * then Redis when REDIS_URL is set (seeded under a key prefix of its own, deleted afterwards).
 */
export async function adminSearch(): Promise<Figures> {
  const seeded = await seededSqlite();
  const figures: Figures = {
    "server.store.sqlite.seed_seconds": {
      value: round2(seeded.seedSeconds),
      unit: `s for ${USER_COUNT.toLocaleString("en-US")} users`,
    },
    ...(await measureBackend("server.admin_search", {
      dbPath: seeded.dbPath,
      keys: seeded.keys,
      users: seeded.users,
    })),
  };

  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    console.log("[admin-search] REDIS_URL not set: the Redis figures are skipped");
    return figures;
  }
  const prefix = `wxdesk:bench:${randomBytes(6).toString("hex")}:`;
  const dir = scratchDir("wxdesk-bench-redis-");
  const forget = onInterrupt(() => dropPrefix(redisUrl, prefix));
  try {
    const store = new RedisStore({ url: redisUrl, keyPrefix: prefix });
    let seedSeconds: number;
    try {
      seedSeconds = await seedStore(store, seeded.users, 64);
    } finally {
      await store.close();
    }
    figures["server.store.redis.seed_seconds"] = {
      value: round2(seedSeconds),
      unit: `s for ${USER_COUNT.toLocaleString("en-US")} users (64 concurrent)`,
    };
    Object.assign(
      figures,
      await measureBackend("server.admin_search.redis", {
        dbPath: join(dir.path, "wxdesk.db"),
        keys: seeded.keys,
        users: seeded.users,
        redis: { url: redisUrl, prefix },
      }),
    );
  } finally {
    forget();
    await dropPrefix(redisUrl, prefix);
    dir.remove();
  }
  return figures;
}

async function measureBackend(
  name: string,
  options: Omit<Parameters<typeof startCallbackServer>[0], "apiBase"> & {
    users: Parameters<typeof adminQueryMix>[1];
  },
): Promise<Figures> {
  let server: ChildServer | undefined;
  const agent = keepAliveAgent(1);
  try {
    server = await startCallbackServer({ ...options, apiBase: NO_UPSTREAM });
    const task = await adminQueryMix(
      { agent, serverUrl: server.url, adminKey: options.keys.adminKey },
      options.users,
    );
    // Warm-up: prepared statements, the first pages of the indexes, V8's compiled paths.
    const warm = await runTasks({ concurrency: 1, count: WARM_UP, task });
    if (warm.failures > 0)
      throw new Error(`${name}: ${warm.failures} of ${WARM_UP} warm-up searches answered wrong`);
    const run = await runTasks({ concurrency: 1, seconds: SECONDS, task });
    if (run.failures > 0) throw new Error(`${name}: ${run.failures} searches answered wrong or failed`);

    const figures: Figures = {
      [`${name}.p50`]: { value: round2(run.p50Ms), unit: `ms (${run.total} searches, mix)` },
      [`${name}.p95`]: { value: round2(run.p95Ms), unit: "ms" },
      [`${name}.p99`]: { value: round2(run.p99Ms), unit: "ms" },
      [`${name}.p95_vs_target`]: {
        value: round2(run.p95Ms / TARGET_P95_MS),
        unit: `× ${TARGET_P95_MS} ms target (≤ 1 meets it)`,
      },
    };
    for (const kind of QUERY_KINDS) {
      const samples = run.byLabel.get(kind) ?? [];
      figures[`${name}.${kind}.p95`] = { value: round2(percentile(samples, 95)), unit: "ms" };
    }
    return figures;
  } finally {
    agent.destroy();
    await server?.stop();
  }
}

/** Deletes every key under the bench's own prefix. */
async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
