import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import type { ChildServer } from "../lib/child-server.js";
import { httpCall, type keepAliveAgent } from "../lib/keep-alive.js";
import { runLoad } from "../lib/load.js";
import type { Figures } from "../lib/results.js";
import { consentLocation, sandboxCalls } from "../lib/sandbox-child.js";
import { withSnsRig } from "../lib/sns-rig.js";
import { runTasks } from "../lib/task-load.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = 64;
/** WeChat is a network hop away: the sandbox adds this to every sns/* call (its fault rules). */
const UPSTREAM_MS = 20;
const TARGET_VS_FLOOR = 0.7;
const PREPARE_CONCURRENCY = 32;
/** Untimed callbacks first, on both sides: JIT, connection pools and statement caches warm. */
const WARM_UP = 256;

interface PreparedCallback {
  /** `/oauth/callback?code=…&state=…`, as WeChat redirects the browser. */
  path: string;
  /** The browser-binding cookie `/oauth/start` set in that browser. */
  cookie: string;
}

/**
 * Completed OAuth callbacks per second through one callback server process, at 20 ms upstream
 * latency and concurrency 64, against the floor: the same two WeChat calls (code → token,
 * userinfo) made by a bare keep-alive client, same sandbox, same concurrency, same run.
 */
export async function callbackThroughput(): Promise<Figures> {
  return withSnsRig(
    { scratch: "wxdesk-bench-callback-", connections: CONCURRENCY, upstreamMs: UPSTREAM_MS },
    async ({ sandbox, server, agent, openids }) => {
      // 1. The floor. Enough codes for SECONDS at the best rate the latency allows, after a warm-up.
      const best = (CONCURRENCY * 1000) / (2 * UPSTREAM_MS);
      await runFloor(agent, sandbox.url, await mintCodes(agent, sandbox.url, openids, WARM_UP));
      const floor = await runFloor(
        agent,
        sandbox.url,
        await mintCodes(agent, sandbox.url, openids, Math.ceil(best * SECONDS)),
      );

      // 2. Through the server, after a warm-up whose rate sizes the timed part to about SECONDS.
      const warm = await fireCallbacks(
        server,
        await prepareCallbacks(agent, server.url, sandbox.url, openids, WARM_UP),
      );
      const expected = Math.min(floor.perSecond, (WARM_UP / warm.seconds) * 1.25);
      const count = Math.max(4 * CONCURRENCY, Math.ceil(expected * SECONDS));
      const flows = await prepareCallbacks(agent, server.url, sandbox.url, openids, count);
      const callsBefore = await sandboxCalls(sandbox.url);
      const cpuBefore = await server.cpuMs();
      const load = await fireCallbacks(server, flows);
      const cpuMs = (await server.cpuMs()) - cpuBefore;
      const callsAfter = await sandboxCalls(sandbox.url);
      // Each callback made exactly its two WeChat calls: no replays, no retries counted as callbacks.
      const exchanged = delta(callsBefore, callsAfter, "/sns/oauth2/access_token");
      const userinfos = delta(callsBefore, callsAfter, "/sns/userinfo");
      if (exchanged !== flows.length || userinfos !== flows.length) {
        throw new Error(
          `callbacks: ${flows.length} landed but WeChat saw ${exchanged} exchanges, ${userinfos} userinfo calls`,
        );
      }
      const landed = flows.length;

      const rps = landed / load.seconds;
      const condition = `${UPSTREAM_MS} ms upstream, ${CONCURRENCY} concurrent`;
      return {
        "server.callback.rps": { value: Math.round(rps), unit: `callbacks/s (${condition})` },
        "server.callback.p50": { value: load.p50Ms, unit: "ms" },
        "server.callback.p99": { value: load.p99Ms, unit: "ms" },
        "server.callback.cpu_per_callback": { value: round2(cpuMs / landed), unit: "ms server CPU/callback" },
        "server.callback.floor.rps": {
          value: Math.round(floor.perSecond),
          unit: `callbacks/s, bare client (${condition})`,
        },
        "server.callback.floor.p50": { value: round2(floor.p50Ms), unit: "ms" },
        "server.callback.floor.p99": { value: round2(floor.p99Ms), unit: "ms" },
        "server.callback.vs_floor": {
          value: round2(rps / floor.perSecond),
          unit: `× floor (target ≥ ${TARGET_VS_FLOOR})`,
        },
      };
    },
  );
}

/**
 * Fires each prepared callback once (autocannon calls setupRequest once per request), 64 at a time;
 * only a 302 to the landing page counts, and every one must.
 */
async function fireCallbacks(server: ChildServer, flows: PreparedCallback[]) {
  let next = 0;
  let landed = 0;
  let firstWrong: string | undefined;
  const load = await runLoad(
    {
      url: server.url,
      amount: flows.length,
      connections: CONCURRENCY,
      requests: [
        {
          method: "GET",
          setupRequest: (request) => {
            const flow = flows[next++];
            if (!flow) throw new Error("more callbacks requested than prepared");
            return { ...request, path: flow.path, headers: { ...request.headers, cookie: flow.cookie } };
          },
          onResponse: (status, body, _context, headers) => {
            const location = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === "location")?.[1];
            if (status === 302 && location === "/") landed++;
            else firstWrong ??= `HTTP ${status} → ${String(location)}: ${body.slice(0, 160)}`;
          },
        },
      ],
    },
    { expectClass: 3 },
  );
  if (load.failures > 0 || landed !== flows.length || next !== flows.length) {
    throw new Error(
      `callbacks: ${flows.length} prepared, ${next} sent, ${landed} landed, ${load.failures} failed (${firstWrong ?? "socket errors"})`,
    );
  }
  return load;
}

/** Fresh single-use codes for the floor, from the sandbox's consent (as many users as it has). */
async function mintCodes(
  agent: ReturnType<typeof keepAliveAgent>,
  sandboxUrl: string,
  openids: string[],
  count: number,
): Promise<string[]> {
  const codes: string[] = [];
  const run = await runTasks({
    concurrency: PREPARE_CONCURRENCY,
    count,
    task: async (i) => {
      const location = await consentLocation(agent, sandboxUrl, {
        redirectUri: "http://127.0.0.1/oauth/callback",
        scope: "snsapi_userinfo",
        state: "floor",
        openid: openids[i % openids.length] as string,
      });
      const code = location.searchParams.get("code");
      if (!code) return false;
      codes.push(code);
      return "code";
    },
  });
  if (run.failures > 0) throw new Error(`floor: ${run.failures} of ${count} consents failed`);
  return codes;
}

/** What the server does upstream for one callback, and nothing else: code → token, then userinfo. */
async function runFloor(agent: ReturnType<typeof keepAliveAgent>, sandboxUrl: string, codes: string[]) {
  const { appid, secret } = SANDBOX_DEFAULTS;
  const floor = await runTasks({
    concurrency: CONCURRENCY,
    count: codes.length,
    task: async (i) => {
      const token = await httpCall(
        agent,
        `${sandboxUrl}/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${codes[i]}&grant_type=authorization_code`,
      );
      const { access_token, openid } = JSON.parse(token.body) as { access_token?: string; openid?: string };
      if (token.status !== 200 || !access_token || !openid) return false;
      const info = await httpCall(
        agent,
        `${sandboxUrl}/sns/userinfo?access_token=${access_token}&openid=${openid}&lang=zh_CN`,
      );
      const user = JSON.parse(info.body) as { openid?: string; errcode?: number };
      return info.status === 200 && user.openid === openid && user.errcode === undefined ? "floor" : false;
    },
  });
  if (floor.failures > 0) throw new Error(`floor: ${floor.failures} of ${codes.length} failed`);
  return floor;
}

/**
 * Each callback as a real browser brings it: `GET /oauth/start` in a fresh browser (a state bound
 * to its new cookie), WeChat's consent for that state (a fresh code), the redirect back.
 */
async function prepareCallbacks(
  agent: ReturnType<typeof keepAliveAgent>,
  serverUrl: string,
  sandboxUrl: string,
  openids: string[],
  count: number,
): Promise<PreparedCallback[]> {
  const flows: PreparedCallback[] = [];
  const run = await runTasks({
    concurrency: PREPARE_CONCURRENCY,
    count,
    task: async (i) => {
      const start = await httpCall(agent, `${serverUrl}/oauth/start?scope=snsapi_userinfo`);
      const authorize = new URL(String(start.headers.location));
      const binding = /^(wxdesk_oauth=[^;]+)/.exec(String(start.headers["set-cookie"]?.[0] ?? ""))?.[1];
      const state = authorize.searchParams.get("state");
      const redirectUri = authorize.searchParams.get("redirect_uri");
      if (start.status !== 302 || !binding || !state || !redirectUri) return false;
      const callback = await consentLocation(agent, sandboxUrl, {
        redirectUri,
        scope: "snsapi_userinfo",
        state,
        openid: openids[i % openids.length] as string,
      });
      flows.push({ path: `${callback.pathname}${callback.search}`, cookie: binding });
      return "flow";
    },
  });
  if (run.failures > 0) throw new Error(`prepare: ${run.failures} of ${count} flows failed`);
  return flows;
}

function delta(before: Record<string, number>, after: Record<string, number>, path: string): number {
  return (after[path] ?? 0) - (before[path] ?? 0);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
