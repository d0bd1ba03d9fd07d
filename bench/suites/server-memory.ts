import { join } from "node:path";
import { IDLE_TRIM_DEFAULTS } from "../../callback-server/src/runtime/idle-trim-policy.js";
import { adminQueryMix } from "../lib/admin-queries.js";
import { loadAgent } from "../lib/browser-client.js";
import { NO_UPSTREAM, newServerKeys, startCallbackServer } from "../lib/callback-server-child.js";
import type { ChildServer } from "../lib/child-server.js";
import { keepAliveAgent } from "../lib/keep-alive.js";
import { greetablePeople, type Person, serverJourney, WXDESK_START } from "../lib/oauth-journeys.js";
import type { Figures } from "../lib/results.js";
import { startSandboxChild } from "../lib/sandbox-child.js";
import { scratchDir } from "../lib/scratch-dir.js";
import { USER_COUNT } from "../lib/seed-users.js";
import { seededSqlite } from "../lib/seeded-sqlite.js";
import { runTasks } from "../lib/task-load.js";

const BURST = 3000;
const BURST_CONCURRENCY = 8;
/** `BENCH_MEMORY_JOURNEYS` (1000): more shows whether memory keeps growing with the journeys or levels off. */
const JOURNEYS = Number(process.env.BENCH_MEMORY_JOURNEYS ?? 1000);
const JOURNEY_CONCURRENCY = 16;
const TARGETS = { idle: 80, journeys: 96, users: 110 };
/** The server gives memory back after this much quiet (callback-server/src/runtime/). */
const TRIM_WAIT_MS = IDLE_TRIM_DEFAULTS.quietTicks * IDLE_TRIM_DEFAULTS.tickMs;

/**
 * The deployable server's resident memory (VmRSS of `node callback-server/dist/server.js`, built
 * first): just started on an empty store, after 1,000 whole OAuth journeys (sandbox in its own
 * process), just started on 100,000 stored users (SQLite, seeded before the start), and after a
 * burst of admin searches.
 */
export async function serverMemory(): Promise<Figures> {
  const users = USER_COUNT.toLocaleString("en-US");
  const { idle, afterJourneys, atRest } = await idleAndJourneysRssMb();
  const seeded = await seededSqlite();
  let server: ChildServer | undefined;
  const agent = keepAliveAgent(BURST_CONCURRENCY);
  try {
    server = await startCallbackServer({
      apiBase: NO_UPSTREAM,
      dbPath: seeded.dbPath,
      keys: seeded.keys,
      built: true,
    });
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
      "server.memory.idle_rss": {
        value: idle,
        unit: `MB (built bundle just started, empty store; target ≤ ${TARGETS.idle})`,
      },
      "server.memory.after_journeys_rss": {
        value: afterJourneys,
        unit: `MB (after ${JOURNEYS.toLocaleString("en-US")} whole OAuth journeys, ${JOURNEY_CONCURRENCY} at a time; target ≤ ${TARGETS.journeys})`,
      },
      "server.memory.after_journeys_at_rest_rss": {
        value: atRest,
        unit: `MB (the same server ${TRIM_WAIT_MS / 1000 + 1} s after the journeys: it gives memory back after a minute without traffic)`,
      },
      "server.memory.users_rss": {
        value: withUsers,
        unit: `MB (just started, ${users} users in SQLite; target ≤ ${TARGETS.users})`,
      },
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

async function idleAndJourneysRssMb(): Promise<{ idle: number; afterJourneys: number; atRest: number }> {
  const dir = scratchDir("wxdesk-bench-memory-");
  let sandbox: ChildServer | undefined;
  let server: ChildServer | undefined;
  const agent = loadAgent(JOURNEY_CONCURRENCY);
  try {
    sandbox = await startSandboxChild();
    server = await startCallbackServer({
      apiBase: sandbox.url,
      dbPath: join(dir.path, "wxdesk.db"),
      keys: newServerKeys(),
      built: true,
    });
    const idle = await settledRssMb(server);
    const people = await greetablePeople(agent, sandbox.url);
    const flow = serverJourney(agent, server.url, WXDESK_START, sandbox.url);
    const run = await runTasks({
      concurrency: JOURNEY_CONCURRENCY,
      count: JOURNEYS,
      task: async (i) => {
        const prepared = await flow.prepare(people[i % people.length] as Person);
        return prepared && (await flow.journey(prepared)) ? "journey" : false;
      },
    });
    if (run.failures > 0) throw new Error(`memory: ${run.failures} of ${JOURNEYS} journeys failed`);
    const afterJourneys = await settledRssMb(server);
    await new Promise((resolve) => setTimeout(resolve, TRIM_WAIT_MS));
    return { idle, afterJourneys, atRest: await settledRssMb(server) };
  } finally {
    await agent.close();
    await server?.stop();
    await sandbox?.stop();
    dir.remove();
  }
}

/** VmRSS after a second without requests: start-up or the burst's garbage has had a chance to go. */
async function settledRssMb(server: ChildServer): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return round2((await server.rssKb()) / 1024);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
