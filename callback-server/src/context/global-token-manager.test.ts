import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { createWeChatClient, jssdkSignature } from "@wxdesk/wechat";
import { describe, expect, it } from "vitest";
import type { AppContext } from "../app-context.js";
import type { SealedToken } from "../crypto/sealed-token.js";
import { sandboxPerTest } from "../testing/sandbox-per-test.js";
import {
  dropRedisPrefix,
  getJson,
  type Listening,
  listen,
  redisUrlForTests,
  sandboxCalls,
  testConfig,
  testRedisPrefix,
} from "../testing/test-server.js";
import { createAppContext } from "./create-app-context.js";
import { globalTokenKeys } from "./global-token-keys.js";

const ACCESS_TOKEN_KEY = globalTokenKeys(SANDBOX_DEFAULTS.appid, "stable_token").accessToken;

const REDIS_URL = redisUrlForTests();

const t = sandboxPerTest();

async function context(overrides: Parameters<typeof testConfig>[2] = {}): Promise<AppContext> {
  const ctx = await createAppContext(testConfig(t.sandbox.url, t.dir.path, overrides));
  t.cleanup(() => ctx.close());
  return ctx;
}

/** "Another system" with the same AppSecret forces a new stable token: ours becomes invalid (§6.2). */
async function forceRefreshElsewhere(): Promise<string> {
  const other = createWeChatClient({ apiBase: t.sandbox.url });
  const token = await other.getStableAccessToken({
    appid: SANDBOX_DEFAULTS.appid,
    secret: SANDBOX_DEFAULTS.secret,
    forceRefresh: true,
  });
  return token.accessToken;
}

describe("global access_token", () => {
  it("uses stable_token by default and caches the token (second call: no fetch)", async () => {
    const ctx = await context();
    const first = await ctx.globalTokens.getAccessToken();
    const second = await ctx.globalTokens.getAccessToken();
    expect(second).toBe(first);
    const calls = await sandboxCalls(t.sandbox);
    expect(calls["/cgi-bin/stable_token"]).toBe(1);
    expect(calls["/cgi-bin/token"]).toBeUndefined();
    const sealed = (await ctx.store.get(ACCESS_TOKEN_KEY)) ?? "";
    // Sealed at rest like user tokens: the store never holds the token itself.
    expect(sealed).not.toContain(first);
    const cached = JSON.parse(ctx.cipher.decrypt(sealed as SealedToken));
    expect(cached.token).toBe(first);
    expect(cached.expiresAt).toBeGreaterThan(Date.now() + 7000 * 1000);
  });

  it("clearCache drops the cached token and ticket (store and memory): the next use fetches anew", async () => {
    const ctx = await context();
    await ctx.globalTokens.getAccessToken();
    await ctx.globalTokens.getJsapiTicket();
    expect(await ctx.globalTokens.clearCache()).toEqual({ accessToken: true, jsapiTicket: true });
    expect(await ctx.store.get(ACCESS_TOKEN_KEY)).toBeUndefined();
    await ctx.globalTokens.getAccessToken();
    expect((await sandboxCalls(t.sandbox))["/cgi-bin/stable_token"]).toBe(2);
    expect(await ctx.globalTokens.clearCache()).toEqual({ accessToken: true, jsapiTicket: false });
    expect(await ctx.globalTokens.clearCache()).toEqual({ accessToken: false, jsapiTicket: false });
  });

  it("uses cgi-bin/token when WXDESK_TOKEN_SOURCE=token; concurrent callers share one fetch", async () => {
    const ctx = await context({ tokenSource: "token" });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => ctx.globalTokens.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    const calls = await sandboxCalls(t.sandbox);
    expect(calls["/cgi-bin/token"]).toBe(1);
    expect(calls["/cgi-bin/stable_token"]).toBeUndefined();
  });

  it("on 40001 renews the refused token exactly once, retries, and reports token_superseded once", async () => {
    const ctx = await context();
    const seen: string[] = [];
    ctx.events.subscribe((event) => seen.push(event.type));
    const ours = await ctx.globalTokens.getAccessToken();
    const theirs = await forceRefreshElsewhere();
    expect(theirs).not.toBe(ours);

    // Ten calls at once all fail with the superseded token; one refetch serves them all.
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ctx.globalTokens.withAccessToken((t) => ctx.wechat.getTicket(t))),
    );
    expect(new Set(results.map((r) => r.ticket)).size).toBe(1);
    expect(await ctx.globalTokens.getAccessToken()).toBe(theirs);
    const calls = await sandboxCalls(t.sandbox);
    // ours + the other system's forced one + exactly one refetch.
    expect(calls["/cgi-bin/stable_token"]).toBe(3);

    const events = await ctx.store.listEvents({ limit: 50 });
    const superseded = events.filter((e) => e.type === "token_superseded");
    expect(superseded).toHaveLength(1);
    expect(superseded[0]?.data.freshTokenAlsoFailed).toBe(false);
    expect(String(superseded[0]?.data.messageZh)).toContain("另一个系统");
    expect(String(superseded[0]?.data.messageEn)).toContain(
      "another system using the same AppSecret probably refreshed the token",
    );
    expect(JSON.stringify(events)).not.toContain(ours);
    expect(JSON.stringify(events)).not.toContain(theirs);
    expect(seen).toContain("token_superseded");
  });

  it("compare-and-expire: leaves a newer token in the cache alone", async () => {
    const ctx = await context();
    await ctx.globalTokens.getAccessToken();
    const theirs = await forceRefreshElsewhere();
    // Another instance already replaced the cached token with the new one.
    const newer = ctx.cipher.encrypt(JSON.stringify({ token: theirs, expiresAt: Date.now() + 7000_000 }));
    await ctx.store.set(ACCESS_TOKEN_KEY, newer, 7000_000);

    await ctx.globalTokens.withAccessToken((t) => ctx.wechat.getTicket(t));
    expect(await ctx.store.get(ACCESS_TOKEN_KEY)).toBe(newer);
    // No refetch from us: the second attempt used the newer cached token.
    expect((await sandboxCalls(t.sandbox))["/cgi-bin/stable_token"]).toBe(2);
  });

  it("a failed fetch publishes a failure event with the errcode and an explanation", async () => {
    const ctx = await context({ secret: "ffffffffffffffffffffffffffffffff" });
    await expect(ctx.globalTokens.getAccessToken()).rejects.toMatchObject({ errcode: 40125 });
    const [failure] = (await ctx.store.listEvents({ limit: 10 })).filter((e) => e.type === "failure");
    expect(failure?.data).toMatchObject({ errcode: 40125, action: "fetch_access_token" });
    expect(failure?.data.explanation).toMatchObject({ errcode: 40125 });
    expect(JSON.stringify(failure)).not.toContain("ffffffffffffffffffffffffffffffff");
  });
});

describe.each([
  { backend: "sqlite", redis: false },
  { backend: "redis", redis: true },
])("4 instances sharing one $backend store", ({ redis }) => {
  it.skipIf(redis && !REDIS_URL)(
    "400 concurrent cold JS-SDK requests → exactly 1 token fetch and 1 ticket fetch",
    async () => {
      const prefix = testRedisPrefix();
      if (redis && REDIS_URL) t.cleanup(() => dropRedisPrefix(REDIS_URL, prefix));
      const servers: Listening[] = [];
      for (let i = 0; i < 4; i += 1) {
        // One shared store (same SQLite file, or same Redis prefix); each instance its own context.
        const config = testConfig(t.sandbox.url, t.dir.path, redis ? { redisUrl: REDIS_URL } : {});
        const ctx = await createAppContext(
          { ...config, tokenKey: "cd".repeat(32) },
          redis ? { redisKeyPrefix: prefix } : {},
        );
        t.cleanup(() => ctx.close());
        const server = await listen(ctx);
        t.cleanup(() => server.close());
        servers.push(server);
      }

      const page = (i: number) => `http://127.0.0.1/page/${i}?from=menu#section-${i}`;
      const answers = await Promise.all(
        Array.from({ length: 400 }, (_, i) =>
          getJson<{ appId: string; timestamp: number; nonceStr: string; signature: string }>(
            `${servers[i % 4]?.url}/jssdk/config?url=${encodeURIComponent(page(i))}`,
          ),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(400).fill(200));

      const calls = await sandboxCalls(t.sandbox);
      expect(calls["/cgi-bin/stable_token"]).toBe(1);
      expect(calls["/cgi-bin/ticket/getticket"]).toBe(1);

      // Every signature is what the WeChat client would accept (URL signed without its fragment).
      const verdicts = await Promise.all(
        answers.map((a, i) =>
          getJson<{ ok: boolean; errmsg: string }>(`${t.sandbox.url}/_sandbox/jssdk/verify`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ ...a.body, url: page(i) }),
          }),
        ),
      );
      expect(verdicts.filter((v) => !v.body.ok)).toEqual([]);
    },
  );
});

it("recomputing the signature with an independently fetched ticket gives the same answer", async () => {
  const ctx = await context();
  const server = await listen(ctx);
  t.cleanup(() => server.close());
  const url = "http://127.0.0.1/landing?a=1&b=2";
  const { body } = await getJson<{ timestamp: number; nonceStr: string; signature: string }>(
    `${server.url}/jssdk/config?url=${encodeURIComponent(`${url}#frag`)}`,
  );
  const other = createWeChatClient({ apiBase: t.sandbox.url });
  const token = await other.getStableAccessToken({
    appid: SANDBOX_DEFAULTS.appid,
    secret: SANDBOX_DEFAULTS.secret,
  });
  const { ticket } = await other.getTicket(token.accessToken);
  expect(body.signature).toBe(
    jssdkSignature({ ticket, nonceStr: body.nonceStr, timestamp: body.timestamp, url }),
  );
});
