import { expect, it } from "vitest";
import { globalTokenKeys } from "../../context/global-token-keys.js";
import { serverPerFile } from "../../testing/server-per-file.js";
import { getJson, sandboxCalls } from "../../testing/test-server.js";

const t = serverPerFile();

const clear = (key: string | undefined) =>
  getJson<{ ok: boolean; appid: string; dropped: string[] }>(
    `${t.server.url}/admin/api/wechat/token-cache/clear`,
    { method: "POST", headers: { authorization: `Bearer ${key}` } },
  );

async function sign(): Promise<number> {
  const url = encodeURIComponent("http://127.0.0.1/page");
  return (await getJson(`${t.server.url}/jssdk/config?url=${url}`)).status;
}

it("POST wechat/token-cache/clear drops this AppID's token and ticket; the next use fetches new ones", async () => {
  expect(await sign()).toBe(200);
  const before = await sandboxCalls(t.sandbox);
  const keys = globalTokenKeys(t.ctx.config.appid, t.ctx.config.tokenSource);
  expect(await t.ctx.store.get(keys.accessToken)).toBeDefined();

  expect((await clear(t.ctx.config.supportKey)).status).toBe(403);
  expect(await t.ctx.store.get(keys.accessToken)).toBeDefined();

  const answer = await clear(t.ctx.config.adminKey);
  expect(answer).toEqual({
    status: 200,
    body: { ok: true, appid: t.ctx.config.appid, dropped: ["access_token", "jsapi_ticket"] },
  });
  expect(await t.ctx.store.get(keys.accessToken)).toBeUndefined();
  expect(await t.ctx.store.get(keys.jsapiTicket)).toBeUndefined();
  const [event] = (await t.ctx.store.listEvents({ limit: 50 })).filter(
    (e) => e.type === "token_cache_cleared",
  );
  expect(event?.data).toEqual({
    appid: t.ctx.config.appid,
    by: "admin",
    dropped: ["access_token", "jsapi_ticket"],
  });

  // Not this process's memory either: the very next signature fetches both again.
  expect(await sign()).toBe(200);
  const after = await sandboxCalls(t.sandbox);
  expect(after["/cgi-bin/stable_token"]).toBe((before["/cgi-bin/stable_token"] ?? 0) + 1);
  expect(after["/cgi-bin/ticket/getticket"]).toBe((before["/cgi-bin/ticket/getticket"] ?? 0) + 1);
});

it("says when there was nothing to drop, and is in the OpenAPI document", async () => {
  await clear(t.ctx.config.adminKey);
  const again = await clear(t.ctx.config.adminKey);
  expect(again.body.dropped).toEqual([]);
  const doc = await getJson<{ paths: Record<string, unknown> }>(`${t.server.url}/admin/api/openapi.json`);
  expect(Object.keys(doc.body.paths)).toContain("/admin/api/wechat/token-cache/clear");
  expect((await clear(undefined)).status).toBe(401);
});
