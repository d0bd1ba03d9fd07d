import { jssdkSignature } from "@wxdesk/wechat";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APPID, type Harness, startHarness } from "../testing/sandbox-harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.post("/_sandbox/reset", {});
});

const verify = async (body: Record<string, unknown>) => {
  const res = await h.post("/_sandbox/jssdk/verify", body);
  return { status: res.status, body: (await res.json()) as { ok: boolean; errmsg: string } };
};

describe("ticket/getticket", () => {
  it("keeps the same ticket while valid, a new one after expiry, with errcode 0", async () => {
    const token = await h.client.getStableAccessToken({
      appid: APPID,
      secret: "0123456789abcdef0123456789abcdef",
    });
    const raw = await h.json(`/cgi-bin/ticket/getticket?access_token=${token.accessToken}&type=jsapi`);
    expect(raw).toMatchObject({ errcode: 0, errmsg: "ok", expires_in: 7200 });
    const again = await h.client.getTicket(token.accessToken, "jsapi");
    expect(again.ticket).toBe(raw.ticket);
    const card = await h.client.getTicket(token.accessToken, "wx_card");
    expect(card.ticket).not.toBe(raw.ticket);
    await h.advance(7201);
    const token2 = await h.client.getStableAccessToken({
      appid: APPID,
      secret: "0123456789abcdef0123456789abcdef",
    });
    const next = await h.client.getTicket(token2.accessToken, "jsapi");
    expect(next.ticket).not.toBe(raw.ticket);
  });
});

describe("/_sandbox/jssdk/verify", () => {
  it("judges wx.config like the WeChat client", async () => {
    const token = await h.globalToken();
    const { ticket } = await h.client.getTicket(token, "jsapi");
    const page = "http://127.0.0.1:3000/shop?id=7";
    const config = { appId: APPID, timestamp: 1414587457, nonceStr: "Wm3WZYTPz0wzccnW" };
    const signature = jssdkSignature({
      ticket,
      nonceStr: config.nonceStr,
      timestamp: config.timestamp,
      url: page,
    });
    expect(await verify({ ...config, signature, url: page })).toEqual({
      status: 200,
      body: { ok: true, errmsg: "config:ok" },
    });
    // The fragment is not part of the signed URL.
    expect((await verify({ ...config, signature, url: `${page}#section` })).body.ok).toBe(true);
    expect((await verify({ ...config, signature, url: `${page}&x=1` })).body).toEqual({
      ok: false,
      errmsg: "config:invalid signature",
    });
    expect((await verify({ ...config, nonceStr: "other", signature, url: page })).body.errmsg).toBe(
      "config:invalid signature",
    );
    expect((await verify({ ...config, signature, url: "http://evil.example/shop?id=7" })).body).toEqual({
      ok: false,
      errmsg: "config:invalid url domain",
    });
    // Once the ticket has expired, the old signature no longer passes.
    await h.advance(7201);
    expect((await verify({ ...config, signature, url: page })).body.errmsg).toBe("config:invalid signature");
  });

  it("rejects bad bodies with 400", async () => {
    expect((await verify({ appId: APPID })).status).toBe(400);
    expect((await h.post("/_sandbox/jssdk/verify", "[1,2")).status).toBe(400);
  });
});
