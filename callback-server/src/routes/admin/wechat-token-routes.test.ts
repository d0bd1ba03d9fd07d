import { describe, expect, it } from "vitest";
import { type AppInstance, startInstances } from "../../testing/app-instances.js";
import { sandboxPerTest } from "../../testing/sandbox-per-test.js";
import { redisUrlForTests, sandboxCalls, TEST_SERVICE_KEY } from "../../testing/test-server.js";

/** The account's one token holder: service keys read the cached global token and ticket. */

const REDIS_URL = redisUrlForTests();
const t = sandboxPerTest("wxdesk-service-token-");

interface TokenAnswer {
  access_token?: string;
  ticket?: string;
  expires_at?: number;
  expires_in?: number;
  error?: { code: string; messageZh: string; errcode?: number; retryAfterSeconds?: number };
}

async function read(
  instance: AppInstance,
  path: string,
  key: string = TEST_SERVICE_KEY,
): Promise<{ status: number; body: TokenAnswer; headers: Headers }> {
  const response = await fetch(`${instance.server.url}/admin/api${path}`, {
    headers: key === "none" ? {} : { authorization: `Bearer ${key}` },
  });
  return { status: response.status, body: (await response.json()) as TokenAnswer, headers: response.headers };
}

const fetches = async (path: string) => (await sandboxCalls(t.sandbox))[path] ?? 0;

describe.skipIf(!REDIS_URL)("400 concurrent reads across 4 instances on one Redis", () => {
  it("cost WeChat exactly one token fetch and one ticket fetch; every caller gets the same value", async () => {
    const instances = await startInstances(t, { count: 4, redisUrl: REDIS_URL });
    const burst = (path: string) =>
      Promise.all(Array.from({ length: 400 }, (_, i) => read(instances[i % 4] as AppInstance, path)));

    const tokens = await burst("/wechat/access-token");
    expect(tokens.map((a) => a.status)).toEqual(Array(400).fill(200));
    expect(new Set(tokens.map((a) => a.body.access_token)).size).toBe(1);
    expect(await fetches("/cgi-bin/stable_token")).toBe(1);
    for (const { body, headers } of tokens) {
      expect(body.expires_in).toBeGreaterThan(7000);
      expect(body.expires_at).toBeGreaterThan(Date.now());
      expect(headers.get("cache-control")).toBe("no-store");
    }

    const tickets = await burst("/wechat/jsapi-ticket");
    expect(tickets.map((a) => a.status)).toEqual(Array(400).fill(200));
    expect(new Set(tickets.map((a) => a.body.ticket)).size).toBe(1);
    expect(await fetches("/cgi-bin/ticket/getticket")).toBe(1);
    expect(await fetches("/cgi-bin/stable_token")).toBe(1);
  });
});

describe("?invalid=<token>: compare-and-expire", () => {
  it("renews the token held when it is the one reported; a stale report after the renewal renews nothing", async () => {
    // cgi-bin/token hands out a new token on every fetch; a short interval so the renewal limit
    // alone could not be what keeps the stale report from renewing.
    const [a, b] = await startInstances(t, { count: 2, tokenSource: "token", renewIntervalMs: 200 });
    if (!a || !b) throw new Error("two instances");
    const first = (await read(a, "/wechat/access-token")).body.access_token ?? "";
    expect(await fetches("/cgi-bin/token")).toBe(1);

    const renewed = await read(b, `/wechat/access-token?invalid=${encodeURIComponent(first)}`);
    expect(renewed.status).toBe(200);
    expect(renewed.body.access_token).not.toBe(first);
    expect(await fetches("/cgi-bin/token")).toBe(2);

    // Well after the renewal interval: the old token reported again (by a slow caller) renews nothing.
    const renewal = `global:${a.ctx.config.appid}:token:access_token:renewal`;
    await expect.poll(() => a.ctx.store.get(renewal), { timeout: 5000, interval: 50 }).toBeUndefined();
    for (const instance of [a, b]) {
      const stale = await read(instance, `/wechat/access-token?invalid=${encodeURIComponent(first)}`);
      expect(stale.status).toBe(200);
      expect(stale.body.access_token).toBe(renewed.body.access_token);
      // And the instance that still held the old token in memory hands out the new one from now on.
      expect((await read(instance, "/wechat/access-token")).body.access_token).toBe(
        renewed.body.access_token,
      );
    }
    expect(await fetches("/cgi-bin/token")).toBe(2);

    // A token nobody holds (garbage) renews nothing either.
    expect((await read(a, "/wechat/access-token?invalid=not-a-token")).body.access_token).toBe(
      renewed.body.access_token,
    );
    expect(await fetches("/cgi-bin/token")).toBe(2);

    const events = await a.ctx.store.listEvents({ limit: 100 });
    expect(events.filter((e) => e.type === "token_superseded")).toHaveLength(1);
  });

  it("the renewed token reported again within the minute: 502 that says why, with Retry-After, no fetch", async () => {
    const [a] = await startInstances(t, { count: 1, tokenSource: "token" });
    if (!a) throw new Error("one instance");
    const first = (await read(a, "/wechat/access-token")).body.access_token ?? "";
    const second = (await read(a, `/wechat/access-token?invalid=${first}`)).body.access_token ?? "";
    expect(second).not.toBe(first);
    const again = await read(a, `/wechat/access-token?invalid=${second}`);
    expect(again.status).toBe(502);
    expect(again.body.error?.code).toBe("wechat_error");
    expect(again.body.error?.messageZh).toContain("微信仍然拒绝它");
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await fetches("/cgi-bin/token")).toBe(2);
    // The held token is still served to plain reads.
    expect((await read(a, "/wechat/access-token")).body.access_token).toBe(second);
  });
});

describe("who may read tokens", () => {
  it("only service keys: admin and support get 403, no key 401, and nothing is fetched for them", async () => {
    const [a] = await startInstances(t, { count: 1 });
    if (!a) throw new Error("one instance");
    for (const path of ["/wechat/access-token", "/wechat/jsapi-ticket"]) {
      for (const key of [a.ctx.config.adminKey ?? "", a.ctx.config.supportKey ?? ""]) {
        const answer = await read(a, path, key);
        expect(answer.status).toBe(403);
        expect(answer.body.error?.code).toBe("forbidden");
        expect(JSON.stringify(answer.body)).not.toMatch(/access_token"|ticket"/);
      }
      expect((await read(a, path, "none")).status).toBe(401);
    }
    expect(await fetches("/cgi-bin/stable_token")).toBe(0);
  });

  it("a bad ?invalid= is a 400 that names the field", async () => {
    const [a] = await startInstances(t, { count: 1 });
    if (!a) throw new Error("one instance");
    const answer = await read(a, `/wechat/access-token?invalid=${"x".repeat(600)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("bad_request");
  });
});
