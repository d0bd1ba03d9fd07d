import {
  runJourneys,
  startOAuthHarness,
} from "../../callback-server/src/routes/oauth/testing/oauth-test-harness.js";
import type { Figures } from "../lib/results.js";
import { percentile } from "../lib/task-load.js";

const JOURNEYS = Number(process.env.BENCH_FAULT_JOURNEYS ?? 300);
const CONCURRENCY = 10;
const RATE = 0.2;

/** The four ways the sandbox breaks a WeChat call (sandbox/README.md, PUT /_sandbox/faults). */
const KINDS = {
  errcode: { errcode: -1 },
  http500: { http: 500 },
  reset: { reset: true },
  timeout: { timeout: true },
} as const;

/**
 * Whole OAuth journeys (snsapi_userinfo: exchange + userinfo) while 20 % of every `sns/*` call
 * fails, per kind of failure: how many end on `next`, and how long they take. A journey is
 * `/oauth/start` → the sandbox's consent sheet (允许) → callback → … (automatic restarts go
 * through the consent sheet again) in a fresh browser. Server and sandbox run in this process
 * (what is measured is the flow's outcome, not throughput).
 */
export async function oauthFaults(): Promise<Figures> {
  const figures: Figures = {};
  for (const [name, fault] of Object.entries(KINDS)) {
    const h = await startOAuthHarness();
    try {
      await h.sandboxJson("/_sandbox/faults", [{ path: "/sns/*", rate: RATE, ...fault }], "PUT");
      const runs = await runJourneys(h, { count: JOURNEYS, concurrency: CONCURRENCY });
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
      const key = `server.oauth_faults.${name}`;
      const completed = runs.filter((r) => r.completed).length;
      for (const run of runs.filter((r) => !r.completed)) console.info(`[oauth-faults ${name}]`, run);
      Object.assign(figures, {
        [`${key}.journeys`]: { value: runs.length, unit: "journeys" },
        [`${key}.completed`]: { value: (100 * completed) / runs.length, unit: "%" },
        [`${key}.restarted`]: {
          value: (100 * runs.filter((r) => r.authorizations > 1).length) / runs.length,
          unit: "%",
        },
        [`${key}.p50`]: { value: percentile(ms, 50), unit: "ms" },
        [`${key}.p99`]: { value: percentile(ms, 99), unit: "ms" },
        [`${key}.max`]: { value: ms.at(-1) ?? Number.NaN, unit: "ms" },
      });
    } finally {
      await h.close();
    }
  }
  return figures;
}
