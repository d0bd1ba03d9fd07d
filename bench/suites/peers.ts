import { join } from "node:path";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import type { Agent } from "undici";
import { browserCall, CookieJar, loadAgent } from "../lib/browser-client.js";
import { newServerKeys, startCallbackServer } from "../lib/callback-server-child.js";
import { type ChildServer, freePort, startChildServer } from "../lib/child-server.js";
import {
  consent,
  greetablePeople,
  type Journey,
  type Person,
  type Prepared,
  serverJourney,
  WXDESK_START,
} from "../lib/oauth-journeys.js";
import type { Figures } from "../lib/results.js";
import { sandboxCalls, setFaults, startSandboxChild } from "../lib/sandbox-child.js";
import { scratchDir } from "../lib/scratch-dir.js";
import { percentile, runTasks, type Task } from "../lib/task-load.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Rounds of floor → peer → wxdesk; each figure is the median over rounds (same load for every side). */
const ROUNDS = Number(process.env.BENCH_PEERS_ROUNDS ?? 3);
/** `BENCH_PEERS_CONCURRENCY=1` shows each side's own latency, with no queueing (not a result: 64 is). */
const CONCURRENCY = Number(process.env.BENCH_PEERS_CONCURRENCY ?? 64);
/** WeChat is a network hop away: the sandbox adds this to every sns/* call (its fault rules). */
const UPSTREAM_MS = 20;
const PREPARE_CONCURRENCY = 32;
/** Untimed journeys first, on every side: JIT, pools and caches warm; their rate sizes the timed part. */
const WARM_UP = 256;
const TARGET_VS_PEER = 1.5;
const TARGET_VS_FLOOR = 0.8;
/** At most this many journeys per second fit through two calls of UPSTREAM_MS each. */
const BEST_RATE = (CONCURRENCY * 1000) / (2 * UPSTREAM_MS);

interface Side extends Journey {
  name: "floor" | "express" | "wxdesk" | "wxdesk_2_workers";
  server?: ChildServer;
}

interface Part {
  perSecond: number;
  p50: number;
  p99: number;
  journeys: number;
  cpuMs: number;
  samples: number[];
}

/**
 * The user's whole journey — WeChat's redirect to the callback → the landing page greeting them by
 * nickname — through wxdesk's deployable bundle and through what a Node developer writes today
 * (express 5 + `wechat-oauth`, bench/peers/), against the floor (a bare client making the same two
 * WeChat calls), in one run, 64 at a time, 20 ms added to every WeChat call.
 */
export async function peers(): Promise<Figures> {
  const dir = scratchDir("wxdesk-bench-peers-");
  const agent = loadAgent(CONCURRENCY);
  const children: ChildServer[] = [];
  try {
    const sandbox = await startSandboxChild();
    children.push(sandbox);
    const wxdesk = await startCallbackServer({
      apiBase: sandbox.url,
      dbPath: join(dir.path, "wxdesk.db"),
      keys: newServerKeys(),
      built: true,
    });
    children.push(wxdesk);
    // The same bundle with WXDESK_WORKERS=2 (its own SQLite file): what the second core adds.
    const wxdesk2 = await startCallbackServer({
      apiBase: sandbox.url,
      dbPath: join(dir.path, "wxdesk-2-workers.db"),
      keys: newServerKeys(),
      built: true,
      env: { WXDESK_WORKERS: "2" },
    });
    children.push(wxdesk2);
    const peerPort = await freePort();
    const express = await startChildServer({
      entry: "bench/peers/express-peer.ts",
      env: {
        PEER_PORT: String(peerPort),
        PEER_WECHAT_BASE: sandbox.url,
        PEER_APPID: SANDBOX_DEFAULTS.appid,
        PEER_SECRET: SANDBOX_DEFAULTS.secret,
        NODE_ENV: "production",
      },
      readyPath: "/healthz",
      port: peerPort,
    });
    children.push(express);
    await setFaults(sandbox.url, [{ path: "/sns/*", rate: 1, latencyMs: UPSTREAM_MS }]);
    const people = await greetablePeople(agent, sandbox.url);

    const sides: Side[] = [
      floorSide(agent, sandbox.url),
      { name: "express", server: express, ...serverJourney(agent, express.url, "/start", sandbox.url) },
      {
        name: "wxdesk",
        server: wxdesk,
        ...serverJourney(agent, wxdesk.url, WXDESK_START, sandbox.url),
      },
      {
        name: "wxdesk_2_workers",
        server: wxdesk2,
        ...serverJourney(agent, wxdesk2.url, WXDESK_START, sandbox.url),
      },
    ];
    const counts = new Map<Side, number>();
    for (const side of sides) {
      const warm = await runPart(side, sandbox.url, people, WARM_UP);
      counts.set(
        side,
        Math.max(4 * CONCURRENCY, Math.ceil(Math.min(BEST_RATE, warm.perSecond * 1.25) * SECONDS)),
      );
    }
    const parts = new Map<Side, Part[]>(sides.map((side) => [side, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of sides) {
        parts.get(side)?.push(await runPart(side, sandbox.url, people, counts.get(side) ?? 0));
      }
    }
    const rss = new Map<Side, number>();
    for (const side of sides) if (side.server) rss.set(side, await side.server.rssKb());
    return figures(sides, parts, rss);
  } finally {
    await agent.close();
    for (const child of children.reverse()) await child.stop();
    dir.remove();
  }
}

/** Prepares `count` journeys untimed, then runs them 64 at a time; every one must greet its person. */
async function runPart(side: Side, sandboxUrl: string, people: Person[], count: number): Promise<Part> {
  const prepared: Prepared[] = [];
  const prep = await runTasks({
    concurrency: PREPARE_CONCURRENCY,
    count,
    task: async (i) => {
      const flow = await side.prepare(people[i % people.length] as Person);
      if (!flow) return false;
      prepared.push(flow);
      return "prepared";
    },
  });
  if (prep.failures > 0)
    throw new Error(`${side.name}: ${prep.failures} of ${count} journeys could not be prepared`);
  const callsBefore = await sandboxCalls(sandboxUrl);
  const cpuBefore = (await side.server?.cpuMs()) ?? 0;
  const task: Task = async (i) => ((await side.journey(prepared[i] as Prepared)) ? "journey" : false);
  const load = await runTasks({ concurrency: CONCURRENCY, count: prepared.length, task });
  const cpuMs = ((await side.server?.cpuMs()) ?? 0) - cpuBefore;
  const callsAfter = await sandboxCalls(sandboxUrl);
  if (load.failures > 0) throw new Error(`${side.name}: ${load.failures} of ${count} journeys failed`);
  // Each journey made exactly its two WeChat calls: no retries or replays counted as journeys.
  for (const path of ["/sns/oauth2/access_token", "/sns/userinfo"]) {
    const calls = (callsAfter[path] ?? 0) - (callsBefore[path] ?? 0);
    if (calls !== load.total)
      throw new Error(`${side.name}: ${load.total} journeys but WeChat saw ${calls} ${path}`);
  }
  return {
    perSecond: load.perSecond,
    p50: load.p50Ms,
    p99: load.p99Ms,
    journeys: load.total,
    cpuMs,
    samples: load.byLabel.get("journey") ?? [],
  };
}

/** What any server must do upstream for a journey, and nothing else: code → token, then userinfo. */
function floorSide(agent: Agent, sandboxUrl: string): Side {
  const { appid, secret } = SANDBOX_DEFAULTS;
  return {
    name: "floor",
    prepare: async (person) => {
      const callback = await consent(agent, sandboxUrl, person, "http://127.0.0.1/callback", "floor");
      const code = callback && new URL(callback).searchParams.get("code");
      return code ? { person, jar: new CookieJar(), callback, code } : false;
    },
    journey: async ({ person, code }) => {
      const token = await browserCall(
        agent,
        `${sandboxUrl}/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${code}&grant_type=authorization_code`,
      );
      const { access_token, openid } = JSON.parse(token.body) as { access_token?: string; openid?: string };
      if (token.status !== 200 || !access_token || openid !== person.openid) return false;
      const info = await browserCall(
        agent,
        `${sandboxUrl}/sns/userinfo?access_token=${access_token}&openid=${openid}&lang=zh_CN`,
      );
      const user = JSON.parse(info.body) as { nickname?: string };
      return info.status === 200 && user.nickname === person.nickname;
    },
  };
}

function figures(sides: Side[], parts: Map<Side, Part[]>, rss: Map<Side, number>): Figures {
  const out: Figures = {};
  const condition = `whole journey, ${UPSTREAM_MS} ms upstream, ${CONCURRENCY} concurrent, median of ${ROUNDS}`;
  const rateOf = (name: Side["name"]) => parts.get(sides.find((s) => s.name === name) as Side) ?? [];
  for (const side of sides) {
    const list = parts.get(side) ?? [];
    const key = `peers.${side.name}`;
    out[`${key}.journeys_per_second`] = {
      value: Math.round(median(list.map((p) => p.perSecond))),
      unit: `journeys/s (${condition})`,
    };
    out[`${key}.p50`] = { value: round2(median(list.map((p) => p.p50))), unit: "ms per journey" };
    out[`${key}.p99`] = { value: round2(median(list.map((p) => p.p99))), unit: "ms" };
    if (side.server) {
      const cpu = list.reduce((sum, p) => sum + p.cpuMs, 0);
      const journeys = list.reduce((sum, p) => sum + p.journeys, 0);
      out[`${key}.cpu_per_journey`] = {
        value: round2(cpu / journeys),
        unit: "ms server CPU/journey (all rounds)",
      };
      out[`${key}.rss`] = { value: Math.round((rss.get(side) ?? 0) / 1024), unit: "MB VmRSS after the run" };
    }
  }
  // Ratios within each round (every side under the same machine load), then their median.
  const wx = rateOf("wxdesk");
  const ratio = (other: Part[]) =>
    median(wx.map((p, i) => p.perSecond / (other[i]?.perSecond ?? Number.NaN)));
  out["peers.wxdesk.vs_express"] = {
    value: round2(ratio(rateOf("express"))),
    unit: `× express + wechat-oauth (target ≥ ${TARGET_VS_PEER})`,
  };
  out["peers.wxdesk.vs_floor"] = {
    value: round2(ratio(rateOf("floor"))),
    unit: `× floor (target ≥ ${TARGET_VS_FLOOR})`,
  };
  const two = rateOf("wxdesk_2_workers");
  out["peers.wxdesk_2_workers.vs_1_worker"] = {
    value: round2(median(two.map((p, i) => p.perSecond / (wx[i]?.perSecond ?? Number.NaN)))),
    unit: "× wxdesk with one process (WXDESK_WORKERS=2 vs 1, same run; load client and sandbox share the cores)",
  };
  out["peers.wxdesk.p99_all_rounds"] = {
    value: round2(
      percentile(
        wx.flatMap((p) => p.samples).sort((a, b) => a - b),
        99,
      ),
    ),
    unit: "ms",
  };
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
