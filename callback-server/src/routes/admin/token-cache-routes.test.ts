import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppContext } from "../../app-context.js";
import { createAppContext } from "../../context/create-app-context.js";
import { globalTokenKeys } from "../../context/global-token-keys.js";
import {
  getJson,
  type Listening,
  listen,
  sandboxCalls,
  tempDir,
  testConfig,
} from "../../testing/test-server.js";

let sandbox: StartedSandbox;
let dir: ReturnType<typeof tempDir>;
let ctx: AppContext;
let server: Listening;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = tempDir();
  ctx = await createAppContext(testConfig(sandbox.url, dir.path));
  server = await listen(ctx);
});

afterAll(async () => {
  await server.close();
  await ctx.close();
  await sandbox.close();
  dir.remove();
});

const clear = (key: string | undefined) =>
  getJson<{ ok: boolean; appid: string; dropped: string[] }>(
    `${server.url}/admin/api/wechat/token-cache/clear`,
    { method: "POST", headers: { authorization: `Bearer ${key}` } },
  );

async function sign(): Promise<number> {
  const url = encodeURIComponent("http://127.0.0.1/page");
  return (await getJson(`${server.url}/jssdk/config?url=${url}`)).status;
}

it("POST wechat/token-cache/clear drops this AppID's token and ticket; the next use fetches new ones", async () => {
  expect(await sign()).toBe(200);
  const before = await sandboxCalls(sandbox);
  const keys = globalTokenKeys(ctx.config.appid, ctx.config.tokenSource);
  expect(await ctx.store.get(keys.accessToken)).toBeDefined();

  expect((await clear(ctx.config.supportKey)).status).toBe(403);
  expect(await ctx.store.get(keys.accessToken)).toBeDefined();

  const answer = await clear(ctx.config.adminKey);
  expect(answer).toEqual({
    status: 200,
    body: { ok: true, appid: ctx.config.appid, dropped: ["access_token", "jsapi_ticket"] },
  });
  expect(await ctx.store.get(keys.accessToken)).toBeUndefined();
  expect(await ctx.store.get(keys.jsapiTicket)).toBeUndefined();
  const [event] = (await ctx.store.listEvents({ limit: 50 })).filter((e) => e.type === "token_cache_cleared");
  expect(event?.data).toEqual({
    appid: ctx.config.appid,
    by: "admin",
    dropped: ["access_token", "jsapi_ticket"],
  });

  // Not this process's memory either: the very next signature fetches both again.
  expect(await sign()).toBe(200);
  const after = await sandboxCalls(sandbox);
  expect(after["/cgi-bin/stable_token"]).toBe((before["/cgi-bin/stable_token"] ?? 0) + 1);
  expect(after["/cgi-bin/ticket/getticket"]).toBe((before["/cgi-bin/ticket/getticket"] ?? 0) + 1);
});

it("says when there was nothing to drop, and is in the OpenAPI document", async () => {
  await clear(ctx.config.adminKey);
  const again = await clear(ctx.config.adminKey);
  expect(again.body.dropped).toEqual([]);
  const doc = await getJson<{ paths: Record<string, unknown> }>(`${server.url}/admin/api/openapi.json`);
  expect(Object.keys(doc.body.paths)).toContain("/admin/api/wechat/token-cache/clear");
  expect((await clear(undefined)).status).toBe(401);
});
