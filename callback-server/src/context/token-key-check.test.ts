import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { AppContext } from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import { tokenKeyFingerprint } from "../crypto/token-key-fingerprint.js";
import { openStore } from "../store/open-store.js";
import { makeUser } from "../store/testing/store-fixtures.js";
import { sandboxPerTest } from "../testing/sandbox-per-test.js";
import {
  dropRedisPrefix,
  getJson,
  listen,
  redisUrlForTests,
  sandboxCalls,
  storeBackends,
  testConfig,
  testRedisPrefix,
} from "../testing/test-server.js";
import { createAppContext } from "./create-app-context.js";
import { TOKEN_KEY_CANARY, TokenKeyMismatchError } from "./token-key-check.js";

const REDIS_URL = redisUrlForTests();
const KEY_1 = "1a".repeat(32);
const KEY_2 = "2b".repeat(32);

const t = sandboxPerTest("wxdesk-key-check-");

/** A real authorization of a sandbox fixture user, stored by `ctx` (sealed with its key). */
async function authorize(ctx: AppContext, index: number): Promise<string> {
  const users = (await getJson<Array<{ openid: string }>>(`${t.sandbox.url}/_sandbox/users`)).body;
  const openid = users[index]?.openid as string;
  const consent = await getJson<{ location: string }>(`${t.sandbox.url}/_sandbox/consent`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      appid: ctx.config.appid,
      redirect_uri: "http://127.0.0.1/oauth/callback",
      scope: "snsapi_base",
      state: "s",
      openid,
    }),
  });
  const code = new URL(consent.body.location).searchParams.get("code") as string;
  const token = await ctx.wechat.exchangeCode({ appid: ctx.config.appid, secret: ctx.config.secret, code });
  await ctx.userTokens.recordAuthorization({ token, scope: "snsapi_base" });
  return openid;
}

describe.each(storeBackends(REDIS_URL))("token-key canary ($name)", ({ redisUrl }) => {
  let prefix: string;
  beforeEach(() => {
    prefix = testRedisPrefix();
    if (redisUrl) t.cleanup(() => dropRedisPrefix(redisUrl, prefix));
  });
  const config = (tokenKey: string, extra: Partial<ServerConfig> = {}): ServerConfig =>
    testConfig(t.sandbox.url, t.dir.path, { tokenKey, ...(redisUrl ? { redisUrl } : {}), ...extra });
  const open = async (c: ServerConfig) => {
    const ctx = await createAppContext(c, redisUrl ? { redisKeyPrefix: prefix } : {});
    t.cleanup(() => ctx.close());
    return ctx;
  };

  it("an instance with another key refuses to start while one with the store's key runs", async () => {
    const first = await open(config(KEY_1));
    expect(first.tokenKeyCheck).toBe("created");
    await authorize(first, 0);

    const error = await open(config(KEY_2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenKeyMismatchError);
    expect((error as TokenKeyMismatchError).problems[0]?.field).toBe("WXDESK_TOKEN_KEY");
    expect((error as TokenKeyMismatchError).fingerprint).toBe(tokenKeyFingerprint(KEY_2));

    // The refused start changed nothing: the first key still opens the store.
    expect((await open(config(KEY_1))).tokenKeyCheck).toBe("opened");
  });

  it("a store from before the canary: its newest user's tokens decide (refused with another key)", async () => {
    const store = await openStore({
      redisUrl,
      sqlitePath: join(t.dir.path, "wxdesk.db"),
      keyPrefix: prefix,
    });
    const { createTokenCipher } = await import("../crypto/token-cipher.js");
    const sealedBy1 = createTokenCipher(KEY_1);
    await store.upsertUser(
      makeUser("oOld", {
        tokens: {
          ...makeUser("x").tokens,
          accessTokenEnc: sealedBy1.encrypt("AT"),
          refreshTokenEnc: sealedBy1.encrypt("RT"),
        },
      }),
    );
    expect(await store.getMeta(TOKEN_KEY_CANARY)).toBeUndefined();
    await store.close();

    await expect(open(config(KEY_2))).rejects.toBeInstanceOf(TokenKeyMismatchError);
    expect((await open(config(KEY_1))).tokenKeyCheck).toBe("created");
  });
});

it("after an accepted new key: users marked undecryptable in words, actions 409 token_undecryptable, WeChat never asked", async () => {
  const before = await createAppContext(testConfig(t.sandbox.url, t.dir.path, { tokenKey: KEY_1 }));
  const lost = await authorize(before, 0);
  await before.close();

  // The second start, with another key the operator accepted (the stored tokens are given up).
  const ctx = await createAppContext(
    testConfig(t.sandbox.url, t.dir.path, { tokenKey: KEY_2, acceptNewTokenKey: tokenKeyFingerprint(KEY_2) }),
  );
  t.cleanup(() => ctx.close());
  expect(ctx.tokenKeyCheck).toBe("replaced");
  const fresh = await authorize(ctx, 1);
  const server = await listen(ctx);
  t.cleanup(() => server.close());
  const call = (method: string, path: string, key = ctx.config.adminKey) =>
    getJson<Record<string, unknown>>(`${server.url}/admin/api${path}`, {
      method,
      headers: { authorization: `Bearer ${key}` },
    });

  const list = (await call("GET", "/users", ctx.config.supportKey)).body as {
    users: Array<{ openid: string; tokens: { state: string; undecryptable?: Record<string, string> } }>;
  };
  const byId = new Map(list.users.map((u) => [u.openid, u.tokens]));
  expect(byId.get(fresh)?.state).toBe("valid");
  expect(byId.get(lost)?.state).toBe("undecryptable");
  expect(byId.get(lost)?.undecryptable?.messageZh).toContain("令牌无法解密");
  expect(byId.get(lost)?.undecryptable?.message).toContain("cannot be decrypted");
  const detail = (await call("GET", `/users/${lost}`, ctx.config.supportKey)).body as {
    tokens: { state: string };
  };
  expect(detail.tokens.state).toBe("undecryptable");
  const filtered = (await call("GET", "/users?tokenState=undecryptable", ctx.config.supportKey)).body as {
    users: Array<{ openid: string }>;
  };
  expect(filtered.users.map((u) => u.openid)).toEqual([lost]);

  const calls = await sandboxCalls(t.sandbox);
  for (const [method, path, key] of [
    ["POST", `/users/${lost}/check`, ctx.config.supportKey],
    ["POST", `/users/${lost}/refresh`, ctx.config.adminKey],
    ["POST", `/users/${lost}/userinfo`, ctx.config.adminKey],
  ] as const) {
    const answer = await call(method, path, key);
    expect({ path, status: answer.status }).toEqual({ path, status: 409 });
    const error = answer.body.error as { code: string; messageZh: string; message: string };
    expect(error.code).toBe("token_undecryptable");
    expect(error.messageZh).toContain("token-key");
    expect(error.message).toContain("token-key");
  }
  // Not one WeChat call for them: no sns/auth, no refresh, no userinfo.
  expect(await sandboxCalls(t.sandbox)).toEqual(calls);
  const checks = (await ctx.store.listEvents({ limit: 50 })).filter(
    (e) => e.type === "check" || e.type === "failure",
  );
  expect(checks).toEqual([]);
  expect((await ctx.store.listEvents({ limit: 50 })).map((e) => e.type)).toContain("token_key_replaced");

  // The user authorized under the new key works as ever.
  const ok = await call("POST", `/users/${fresh}/check`, ctx.config.supportKey);
  expect(ok.body).toMatchObject({ ok: true, tokens: { state: "valid" } });
});
