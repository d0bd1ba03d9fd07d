import { SANDBOX_DEFAULTS, SANDBOX_SECOND_APP } from "@wxdesk/sandbox";
import { createWeChatClient, type MenuButton } from "@wxdesk/wechat";
import { describe, expect, it } from "vitest";
import type { ServerConfig } from "../config/server-config.js";
import { sandboxPerTest } from "../testing/sandbox-per-test.js";
import {
  dropRedisPrefix,
  getJson,
  type Listening,
  listen,
  redisUrlForTests,
  testConfig,
  testRedisPrefix,
} from "../testing/test-server.js";
import { createAppContext } from "./create-app-context.js";

const REDIS_URL = redisUrlForTests();

const t = sandboxPerTest();

/** What WeChat (the t.sandbox) holds as `appid`'s menu, read with that account's own token. */
async function menuOf(appid: string, secret: string): Promise<MenuButton[] | undefined> {
  const client = createWeChatClient({ apiBase: t.sandbox.url });
  const { accessToken } = await client.getStableAccessToken({ appid, secret });
  const response = await fetch(
    `${t.sandbox.url}/cgi-bin/menu/get?access_token=${encodeURIComponent(accessToken)}`,
  );
  const body = (await response.json()) as { menu?: { button: MenuButton[] } };
  return body.menu?.button;
}

async function start(
  config: ServerConfig,
  prefix: string | undefined,
): Promise<Listening & { stop(): Promise<void> }> {
  const ctx = await createAppContext(config, prefix ? { redisKeyPrefix: prefix } : {});
  const server = await listen(ctx);
  const stop = async () => {
    await server.close();
    await ctx.close();
  };
  t.cleanup(stop);
  return { ...server, stop };
}

async function publish(server: Listening, config: ServerConfig, name: string) {
  return getJson<{ ok?: boolean }>(`${server.url}/admin/api/menu`, {
    method: "PUT",
    headers: { authorization: `Bearer ${config.adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({ button: [{ type: "click", name, key: "K1" }] }),
  });
}

async function signedAndVerified(server: Listening) {
  const page = "http://127.0.0.1/shop?id=1";
  const signed = await getJson<{ appId: string; timestamp: number; nonceStr: string; signature: string }>(
    `${server.url}/jssdk/config?url=${encodeURIComponent(page)}`,
  );
  expect(signed.status).toBe(200);
  const verdict = await getJson<{ ok: boolean; errmsg: string }>(`${t.sandbox.url}/_sandbox/jssdk/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...signed.body, url: page }),
  });
  return { appId: signed.body.appId, verdict: verdict.body };
}

describe.each([
  { backend: "SQLite file", redis: false },
  { backend: "Redis", redis: true },
])("WXDESK_APPID a1 → b2 on the same $backend (issue 9.2)", ({ redis }) => {
  it.skipIf(redis && !REDIS_URL)(
    "the menu goes to b2 and JS-SDK pages are signed with b2's ticket",
    async () => {
      const prefix = redis ? testRedisPrefix() : undefined;
      if (prefix && REDIS_URL) t.cleanup(() => dropRedisPrefix(REDIS_URL, prefix));
      // One data folder, its secrets as the server generated them on the first start.
      const shared = testConfig(t.sandbox.url, t.dir.path, redis && REDIS_URL ? { redisUrl: REDIS_URL } : {});
      const a1: ServerConfig = shared;
      const b2: ServerConfig = {
        ...shared,
        appid: SANDBOX_SECOND_APP.appid,
        secret: SANDBOX_SECOND_APP.secret,
      };

      const first = await start(a1, prefix);
      expect((await publish(first, a1, "甲账号")).status).toBe(200);
      // Both of a1's credentials cached: the access token (menu) and the ticket (JS-SDK).
      expect(await signedAndVerified(first)).toEqual({
        appId: a1.appid,
        verdict: { ok: true, errmsg: "config:ok" },
      });
      await first.stop();

      const second = await start(b2, prefix);
      const published = await publish(second, b2, "乙账号");
      expect(published.status).toBe(200);
      expect(await menuOf(SANDBOX_SECOND_APP.appid, SANDBOX_SECOND_APP.secret)).toEqual([
        { type: "click", name: "乙账号", key: "K1", sub_button: [] },
      ]);
      // a1's menu is untouched: nothing of b2's went to the old account.
      expect(await menuOf(SANDBOX_DEFAULTS.appid, SANDBOX_DEFAULTS.secret)).toEqual([
        { type: "click", name: "甲账号", key: "K1", sub_button: [] },
      ]);
      expect(await signedAndVerified(second)).toEqual({
        appId: b2.appid,
        verdict: { ok: true, errmsg: "config:ok" },
      });
    },
  );
});
