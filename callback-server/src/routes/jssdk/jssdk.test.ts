import { createHash } from "node:crypto";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { createWeChatClient } from "@wxdesk/wechat";
import { describe, expect, it } from "vitest";
import { serverPerFile } from "../../testing/server-per-file.js";
import { getJson } from "../../testing/test-server.js";

interface Signed {
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

const t = serverPerFile({
  publicUrl: "http://127.0.0.1:8080",
  nextAllow: ["http://localhost:3000"],
});

const config = (url: string) =>
  getJson<Signed & { error?: { code: string } }>(
    `${t.server.url}/jssdk/config?url=${encodeURIComponent(url)}`,
  );

async function verify(body: Signed, url: string): Promise<{ ok: boolean; errmsg: string }> {
  const response = await getJson<{ ok: boolean; errmsg: string }>(`${t.sandbox.url}/_sandbox/jssdk/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, url }),
  });
  return response.body;
}

describe("GET /jssdk/config", () => {
  it("signs a page on the public origin; the sandbox's WeChat client accepts it", async () => {
    const url = "http://127.0.0.1:8080/shop/item?id=42&from=menu";
    const { status, body } = await config(url);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["appId", "nonceStr", "signature", "timestamp"]);
    expect(body.appId).toBe(t.ctx.config.appid);
    expect(body.nonceStr).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(await verify(body, url)).toEqual({ ok: true, errmsg: "config:ok" });
  });

  it("signs pages on WXDESK_NEXT_ALLOW origins", async () => {
    const url = "http://localhost:3000/app";
    const { status, body } = await config(url);
    expect(status).toBe(200);
    expect((await verify(body, url)).ok).toBe(true);
  });

  it("strips the #fragment before signing (recomputed by hand with an independently fetched ticket)", async () => {
    const page = "http://127.0.0.1:8080/article?id=7";
    const { body } = await config(`${page}#comments`);
    const other = createWeChatClient({ apiBase: t.sandbox.url });
    const token = await other.getStableAccessToken({
      appid: SANDBOX_DEFAULTS.appid,
      secret: SANDBOX_DEFAULTS.secret,
    });
    const { ticket } = await other.getTicket(token.accessToken);
    // §8.2: sha1 of the four fields in this order, over the URL without its fragment.
    const sign = (url: string) =>
      createHash("sha1")
        .update(`jsapi_ticket=${ticket}&noncestr=${body.nonceStr}&timestamp=${body.timestamp}&url=${url}`)
        .digest("hex");
    expect(body.signature).toBe(sign(page));
    expect(body.signature).not.toBe(sign(`${page}#comments`));
    expect((await verify(body, page)).ok).toBe(true);
  });

  it("refuses other origins and non-http URLs with 400", async () => {
    for (const url of [
      "https://evil.example.com/",
      "http://127.0.0.1:9999/",
      "http://127.0.0.1.evil.com:8080/",
    ]) {
      const { status, body } = await config(url);
      expect(status, url).toBe(400);
      expect(body.error?.code).toBe("url_not_allowed");
    }
    for (const url of ["javascript:alert(1)", "not a url", "/relative/path"]) {
      const { status, body } = await config(url);
      expect(status, url).toBe(400);
      expect(body.error?.code).toBe("bad_request");
    }
    const missing = await getJson<{ error: { code: string; field: string } }>(`${t.server.url}/jssdk/config`);
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request", field: "querystring.url" } },
    });
  });
});
