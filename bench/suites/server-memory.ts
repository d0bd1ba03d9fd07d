import { join } from "node:path";
import { adminQueryMix } from "../lib/admin-queries.js";
import { NO_UPSTREAM, newServerKeys, startCallbackServer } from "../lib/callback-server-child.js";
import type { ChildServer } from "../lib/child-server.js";
import { keepAliveAgent } from "../lib/keep-alive.js";
import type { Figures } from "../lib/results.js";
import { scratchDir } from "../lib/scratch-dir.js";
import { USER_COUNT } from "../lib/seed-users.js";
import { seededSqlite } from "../lib/seeded-sqlite.js";
import { runTasks } from "../lib/task-load.js";

const BURST = 3000;
const BURST_CONCURRENCY = 8;

/**
 * The callback server's resident memory (VmRSS): just started on an empty store, just started on
 * 100,000 stored users (SQLite, seeded before the start), and after a burst of admin searches.
 */
export async function serverMemory(): Promise<Figures> {
  const users = USER_COUNT.toLocaleString("en-US");
  const idle = await idleRssMb();
  const seeded = await seededSqlite();
  let server: ChildServer | undefined;
  const agent = keepAliveAgent(BURST_CONCURRENCY);
  try {
    server = await startCallbackServer({ apiBase: NO_UPSTREAM, dbPath: seeded.dbPath, keys: seeded.keys });
    const withUsers = await settledRssMb(server);
    const task = await adminQueryMix(
      { agent, serverUrl: server.url, adminKey: seeded.keys.adminKey },
      seeded.users,
    );
    const burst = await runTasks({ concurrency: BURST_CONCURRENCY, count: BURST, task });
    if (burst.failures > 0)
      throw new Error(`memory: ${burst.failures} of ${BURST} searches answered wrong or failed`);
    const afterSearch = await settledRssMb(server);
    return {
      "server.memory.idle_rss": { value: idle, unit: "MB (just started, empty store)" },
      "server.memory.users_rss": { value: withUsers, unit: `MB (just started, ${users} users in SQLite)` },
      "server.memory.after_search_rss": {
        value: afterSearch,
        unit: `MB (after ${BURST.toLocaleString("en-US")} admin searches, ${BURST_CONCURRENCY} concurrent)`,
      },
      "server.store.sqlite.seed_seconds": { value: round2(seeded.seedSeconds), unit: `s for ${users} users` },
      "server.store.sqlite.seed_rate": {
        value: Math.round(USER_COUNT / seeded.seedSeconds),
        unit: "users/s (Store.upsertUser, one at a time)",
      },
      "server.store.sqlite.file_size": { value: round2(seeded.fileMb), unit: `MB for ${users} users` },
    };
  } finally {
    agent.destroy();
    await server?.stop();
  }
}

async function idleRssMb(): Promise<number> {
  const dir = scratchDir("wxdesk-bench-memory-");
  let server: ChildServer | undefined;
  try {
    server = await startCallbackServer({
      apiBase: NO_UPSTREAM,
      dbPath: join(dir.path, "wxdesk.db"),
      keys: newServerKeys(),
    });
    return await settledRssMb(server);
  } finally {
    await server?.stop();
    dir.remove();
  }
}

/** VmRSS after a second without requests: start-up or the burst's garbage has had a chance to go. */
async function settledRssMb(server: ChildServer): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return round2((await server.rssKb()) / 1024);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
