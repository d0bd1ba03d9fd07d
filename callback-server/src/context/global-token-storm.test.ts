import type { FaultRule } from "@wxdesk/sandbox";
import { describe, expect, it } from "vitest";
import type { AppContext } from "../app-context.js";
import { startInstances } from "../testing/app-instances.js";
import { sandboxPerTest } from "../testing/sandbox-per-test.js";
import { type Listening, redisUrlForTests, sandboxCalls } from "../testing/test-server.js";
import { globalTokenKeys } from "./global-token-keys.js";

const REDIS_URL = redisUrlForTests();

type Source = "stable_token" | "token";
const TOKEN_PATH: Record<Source, string> = { stable_token: "/cgi-bin/stable_token", token: "/cgi-bin/token" };

/**
 * Issue 8.11: every business call answers 40001 while the token endpoint works — what a second
 * system holding the AppSecret (or a missing whitelist entry, or a missing permission) looks like.
 * The first rule lets the token endpoint through (a matching rule with no action serves normally).
 */
function stormRules(source: Source = "stable_token", errcode = 40001): FaultRule[] {
  return [
    { path: TOKEN_PATH[source], rate: 1, latencyMs: 0 },
    { path: "/cgi-bin/*", rate: 1, errcode },
  ];
}
const STORM = stormRules();

interface ErrorBody {
  error: { code: string; message: string; messageZh: string; errcode?: number; retryAfterSeconds?: number };
}

const t = sandboxPerTest();

async function setFaults(rules: FaultRule[]): Promise<void> {
  const response = await fetch(`${t.sandbox.url}/_sandbox/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rules),
  });
  expect(response.status).toBe(200);
}

async function tokenFetches(source: Source = "stable_token"): Promise<number> {
  return (await sandboxCalls(t.sandbox))[TOKEN_PATH[source]] ?? 0;
}

/** `count` instances on one store (the same SQLite file, or one Redis prefix), each listening. */
function instances(
  count: number,
  redis: boolean,
  renewIntervalMs?: number,
  tokenSource: Source = "stable_token",
): Promise<Array<{ ctx: AppContext; server: Listening }>> {
  return startInstances(t, {
    count,
    tokenSource,
    ...(redis ? { redisUrl: REDIS_URL } : {}),
    ...(renewIntervalMs === undefined ? {} : { renewIntervalMs }),
  });
}

/** `n` requests spread over the instances: JS-SDK signatures (cold ticket cache) and menu publishes. */
async function burst(
  servers: Array<{ server: Listening; ctx: AppContext }>,
  n: number,
): Promise<Array<{ status: number; body: ErrorBody; retryAfter: string | null }>> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const { server, ctx } = servers[i % servers.length] as { server: Listening; ctx: AppContext };
      const response =
        i % 4 === 3
          ? await fetch(`${server.url}/admin/api/menu`, {
              method: "PUT",
              headers: { authorization: `Bearer ${ctx.config.adminKey}`, "content-type": "application/json" },
              body: JSON.stringify({ button: [{ type: "click", name: `菜单${i}`, key: `K${i}` }] }),
            })
          : await fetch(`${server.url}/jssdk/config?url=${encodeURIComponent(`http://127.0.0.1/p/${i}`)}`);
      const text = await response.text();
      return {
        status: response.status,
        body: JSON.parse(text) as ErrorBody,
        retryAfter: response.headers.get("retry-after"),
      };
    }),
  );
}

async function supersededEvents(ctx: AppContext) {
  return (await ctx.store.listEvents({ limit: 500 })).filter((e) => e.type === "token_superseded");
}

/**
 * `warm`: a token is cached when the storm starts (the ticket cache is cold either way), so the one
 * fetch is the renewal. Cold: the first fetch fills the empty cache, the second is the renewal.
 */
describe.each<{ name: string; count: number; redis: boolean; warm: boolean; source: Source }>([
  { name: "1 instance on SQLite, token cached", count: 1, redis: false, warm: true, source: "stable_token" },
  {
    name: "4 instances on one SQLite file, nothing cached",
    count: 4,
    redis: false,
    warm: false,
    source: "stable_token",
  },
  {
    name: "4 instances on one Redis, token cached",
    count: 4,
    redis: true,
    warm: true,
    source: "stable_token",
  },
  {
    name: "4 instances on one Redis, nothing cached",
    count: 4,
    redis: true,
    warm: false,
    source: "stable_token",
  },
  { name: "2 instances on one Redis, cgi-bin/token", count: 2, redis: true, warm: true, source: "token" },
])("40001 storm, $name", ({ count, redis, warm, source }) => {
  it.skipIf(redis && !REDIS_URL)(
    "200 requests: one renewal, every answer a 502 that says why, one token_superseded event",
    async () => {
      const servers = await instances(count, redis, undefined, source);
      if (warm) await servers[0]?.ctx.globalTokens.getAccessToken();
      await setFaults(stormRules(source));
      const before = await tokenFetches(source);
      const fetches = before + (warm ? 1 : 2);

      const answers = await burst(servers, 200);
      expect(await tokenFetches(source)).toBe(fetches);
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(502));
      for (const { body, retryAfter } of answers) {
        expect(body.error.code).toBe("wechat_error");
        expect(body.error.errcode).toBe(40001);
        expect(body.error.message).toContain(
          "renewed the access_token moments ago and WeChat still refuses it",
        );
        expect(body.error.message).toContain("another system");
        expect(body.error.messageZh).toContain("刚刚重新获取了 access_token，微信仍然拒绝它");
        expect(body.error.messageZh).toContain("IP 不在白名单");
        expect(Number(retryAfter)).toBeGreaterThan(0);
        expect(body.error.retryAfterSeconds).toBe(Number(retryAfter));
      }
      const events = await supersededEvents(servers[0]?.ctx as AppContext);
      expect(events).toHaveLength(1);
      expect(events[0]?.data.freshTokenAlsoFailed).toBe(true);

      // Within the interval: refused at once, no fetch, no new event.
      const again = await burst(servers, 40);
      expect(again.every((a) => a.status === 502)).toBe(true);
      expect(await tokenFetches(source)).toBe(fetches);
      expect(await supersededEvents(servers[0]?.ctx as AppContext)).toHaveLength(1);
    },
  );
});

it("a 42001 storm: one renewal, 502s that say why, one failure event and no token_superseded", async () => {
  const servers = await instances(2, false);
  const ctx = servers[0]?.ctx as AppContext;
  await ctx.globalTokens.getAccessToken();
  await setFaults(stormRules("stable_token", 42001));
  const before = await tokenFetches();
  const answers = await burst(servers, 60);
  expect(await tokenFetches()).toBe(before + 1);
  expect(answers.map((a) => [a.status, a.body.error.errcode])).toEqual(Array(60).fill([502, 42001]));
  expect(answers[0]?.body.error.messageZh).toContain("微信仍然拒绝它");
  const events = await ctx.store.listEvents({ limit: 500 });
  expect(events.filter((e) => e.type === "token_superseded")).toEqual([]);
  const refused = events.filter((e) => e.type === "failure");
  expect(refused.map((e) => e.data.action)).toEqual(["access_token_refused"]);
  expect(refused[0]?.data).toMatchObject({ errcode: 42001, freshTokenAlsoFailed: true });
});

describe.each([
  { name: "SQLite", redis: false },
  { name: "Redis", redis: true },
])("after the renewal interval ($name)", ({ redis }) => {
  it.skipIf(redis && !REDIS_URL)(
    "one more renewal is allowed, and the storm still has one event",
    async () => {
      // A short interval; one request at a time, so no assertion depends on how fast a burst runs.
      const servers = await instances(2, redis, 300);
      const [a, b] = servers as [
        { ctx: AppContext; server: Listening },
        { ctx: AppContext; server: Listening },
      ];
      await a.ctx.globalTokens.getAccessToken();
      await setFaults(STORM);
      const before = await tokenFetches();
      expect((await burst([a], 1))[0]?.status).toBe(502);
      expect(await tokenFetches()).toBe(before + 1);

      // The renewal key's TTL is the interval: once it is gone, one caller (on any instance) may renew.
      const renewalKey = globalTokenKeys(a.ctx.config.appid, a.ctx.config.tokenSource).renewal;
      await expect.poll(() => a.ctx.store.get(renewalKey), { timeout: 5000, interval: 50 }).toBeUndefined();
      expect((await burst([b], 1))[0]?.status).toBe(502);
      expect(await tokenFetches()).toBe(before + 2);
      expect(await supersededEvents(a.ctx)).toHaveLength(1);

      // The storm ends: the renewed token works again, nothing more is fetched.
      await setFaults([]);
      const ok = await burst(servers, 8);
      expect(ok.map((x) => x.status)).toEqual(Array(8).fill(200));
      expect(await tokenFetches()).toBe(before + 2);
    },
  );
});
