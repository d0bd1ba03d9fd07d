import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WeChatApiError } from "../errors/index.js";
import { createWeChatClient } from "./create-client.js";
import { type FakeWeChat, startFakeWeChat } from "./testing/fake-wechat-server.js";

const APPID = "wx00000000000000a1";
const SECRET = "0123456789abcdef0123456789abcdef";
let fake: FakeWeChat;

beforeAll(async () => {
  fake = await startFakeWeChat();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.hits.length = 0;
});

const client = () => createWeChatClient({ apiBase: fake.origin, retryBaseDelayMs: 1 });

describe("createWeChatClient — requests as WeChat documents them", () => {
  it("exchangeCode sends appid, secret, code, grant_type in that order and maps the token", async () => {
    fake.respond = () => ({
      json: {
        access_token: "AT",
        expires_in: 7200,
        refresh_token: "RT",
        openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc",
        scope: "snsapi_userinfo",
        unionid: "UID",
      },
    });
    const token = await client().exchangeCode({ appid: APPID, secret: SECRET, code: "C/1+2" });
    expect(fake.hits[0]?.method).toBe("GET");
    expect(fake.hits[0]?.path).toBe("/sns/oauth2/access_token");
    expect(fake.hits[0]?.rawQuery).toBe(
      `appid=${APPID}&secret=${SECRET}&code=C%2F1%2B2&grant_type=authorization_code`,
    );
    expect(token).toEqual({
      accessToken: "AT",
      expiresIn: 7200,
      refreshToken: "RT",
      openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc",
      scope: "snsapi_userinfo",
      isSnapshotUser: false,
      unionid: "UID",
    });
  });

  it("flags snapshot users and leaves unionid absent (not undefined) when WeChat sends none", async () => {
    fake.respond = () => ({
      json: {
        access_token: "AT",
        expires_in: 7200,
        refresh_token: "RT",
        openid: "o1",
        scope: "snsapi_userinfo",
        is_snapshotuser: 1,
      },
    });
    const token = await client().exchangeCode({ appid: APPID, secret: SECRET, code: "c" });
    expect(token.isSnapshotUser).toBe(true);
    expect(Object.keys(token)).not.toContain("unionid");
  });

  it("refreshUserToken sends appid, grant_type, refresh_token (no secret)", async () => {
    fake.respond = () => ({
      json: {
        access_token: "AT2",
        expires_in: 7200,
        refresh_token: "RT",
        openid: "o1",
        scope: "snsapi_base",
      },
    });
    await client().refreshUserToken({ appid: APPID, refreshToken: "RT" });
    expect(fake.hits[0]?.path).toBe("/sns/oauth2/refresh_token");
    expect(fake.hits[0]?.rawQuery).toBe(`appid=${APPID}&grant_type=refresh_token&refresh_token=RT`);
  });

  it("getAccessToken uses grant_type, appid, secret order", async () => {
    fake.respond = () => ({ json: { access_token: "BASIC", expires_in: 7200 } });
    expect(await client().getAccessToken({ appid: APPID, secret: SECRET })).toEqual({
      accessToken: "BASIC",
      expiresIn: 7200,
    });
    expect(fake.hits[0]?.path).toBe("/cgi-bin/token");
    expect(fake.hits[0]?.rawQuery).toBe(`grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
  });

  it("getStableAccessToken POSTs JSON with force_refresh", async () => {
    fake.respond = () => ({ json: { access_token: "STABLE", expires_in: 7000 } });
    await client().getStableAccessToken({ appid: APPID, secret: SECRET });
    await client().getStableAccessToken({ appid: APPID, secret: SECRET, forceRefresh: true });
    expect(fake.hits.map((h) => [h.method, h.path, h.rawQuery])).toEqual([
      ["POST", "/cgi-bin/stable_token", ""],
      ["POST", "/cgi-bin/stable_token", ""],
    ]);
    expect(fake.hits[0]?.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(fake.hits[0]?.body.toString("utf8") ?? "")).toEqual({
      grant_type: "client_credential",
      appid: APPID,
      secret: SECRET,
      force_refresh: false,
    });
    expect(JSON.parse(fake.hits[1]?.body.toString("utf8") ?? "").force_refresh).toBe(true);
  });

  it("getUserInfo defaults lang to zh_CN and accepts sex as a numeric string", async () => {
    fake.respond = () => ({
      json: {
        openid: "o1",
        nickname: "微信用户😀",
        sex: "1",
        province: "",
        city: "",
        country: "",
        headimgurl: "https://thirdwx.qlogo.cn/mmopen/x/132",
        privilege: [],
      },
    });
    const info = await client().getUserInfo({ accessToken: "AT", openid: "o1" });
    expect(fake.hits[0]?.rawQuery).toBe("access_token=AT&openid=o1&lang=zh_CN");
    expect(info).toEqual({
      openid: "o1",
      nickname: "微信用户😀",
      sex: 1,
      province: "",
      city: "",
      country: "",
      headimgurl: "https://thirdwx.qlogo.cn/mmopen/x/132",
      privilege: [],
    });
    await client().getUserInfo({ accessToken: "AT", openid: "o1", lang: "en" });
    expect(fake.hits[1]?.query.get("lang")).toBe("en");
  });

  it("checkUserToken resolves on errcode 0, throws on 40003 and on a body without errcode", async () => {
    fake.respond = () => ({ json: { errcode: 0, errmsg: "ok" } });
    await expect(client().checkUserToken({ accessToken: "AT", openid: "o1" })).resolves.toBeUndefined();
    expect(fake.hits[0]?.path).toBe("/sns/auth");
    fake.respond = () => ({ json: { errcode: 40003, errmsg: "invalid openid" } });
    await expect(client().checkUserToken({ accessToken: "AT", openid: "o1" })).rejects.toMatchObject({
      errcode: 40003,
      errorClass: "request",
    });
    fake.respond = () => ({ json: {} });
    await expect(client().checkUserToken({ accessToken: "AT", openid: "o1" })).rejects.toMatchObject({
      errcode: -10003,
    });
  });

  it("createMenu POSTs raw UTF-8 JSON (no \\u escapes) with the token in the query", async () => {
    fake.respond = () => ({ json: { errcode: 0, errmsg: "ok" } });
    await client().createMenu("TOKEN", { button: [{ type: "click", name: "今日歌曲", key: "V1001" }] });
    const hit = fake.hits[0];
    expect(hit?.method).toBe("POST");
    expect(hit?.path).toBe("/cgi-bin/menu/create");
    expect(hit?.rawQuery).toBe("access_token=TOKEN");
    expect(hit?.headers["content-type"]).toBe("application/json; charset=utf-8");
    const raw = hit?.body.toString("latin1") ?? "";
    expect(raw).not.toContain("\\u");
    expect(hit?.body.includes(Buffer.from("今日歌曲", "utf8"))).toBe(true);
    expect(JSON.parse(hit?.body.toString("utf8") ?? "")).toEqual({
      button: [{ type: "click", name: "今日歌曲", key: "V1001" }],
    });
  });

  it("getMenu maps 46003 to null and reads menuid as number or string", async () => {
    fake.respond = () => ({ json: { errcode: 46003, errmsg: "menu no exist rid: 1-2-3" } });
    expect(await client().getMenu("T")).toBeNull();
    fake.respond = () => ({
      json: {
        menu: {
          button: [{ type: "click", name: "今日歌曲", key: "K", sub_button: [] }],
          menuid: "208396938",
        },
        conditionalmenu: [
          {
            button: [{ type: "view", name: "v", url: "http://x.y/", sub_button: [] }],
            matchrule: { group_id: 2 },
            menuid: 208396993,
          },
        ],
      },
    });
    const result = await client().getMenu("T");
    expect(result?.menu.menuid).toBe(208396938);
    expect(result?.menu.button[0]).toEqual({ type: "click", name: "今日歌曲", key: "K", sub_button: [] });
    expect(result?.conditionalmenu?.[0]?.menuid).toBe(208396993);
    expect(result?.conditionalmenu?.[0]?.matchrule).toEqual({ group_id: 2 });
  });

  it("conditional menus, trymatch, selfmenu info and delete use their documented endpoints", async () => {
    fake.respond = (hit) => {
      switch (hit.path) {
        case "/cgi-bin/menu/addconditional":
          return { json: { menuid: "208379533" } };
        case "/cgi-bin/menu/trymatch":
          return { json: { button: [{ type: "click", name: "b", key: "k", sub_button: [] }] } };
        case "/cgi-bin/get_current_selfmenu_info":
          return {
            json: { is_menu_open: 1, selfmenu_info: { button: [{ type: "text", name: "t", value: "x" }] } },
          };
        default:
          return { json: { errcode: 0, errmsg: "" } };
      }
    };
    const c = client();
    expect(
      await c.addConditionalMenu("T", {
        button: [{ type: "click", name: "a", key: "k" }],
        matchrule: { tag_id: "2" },
      }),
    ).toEqual({ menuid: "208379533" });
    await c.deleteConditionalMenu("T", "208379533");
    expect((await c.tryMatchMenu("T", "o1")).button).toHaveLength(1);
    expect(await c.getCurrentSelfMenuInfo("T")).toEqual({
      is_menu_open: 1,
      selfmenu_info: { button: [{ type: "text", name: "t", value: "x" }] },
    });
    await c.deleteMenu("T");
    expect(fake.hits.map((h) => `${h.method} ${h.path}`)).toEqual([
      "POST /cgi-bin/menu/addconditional",
      "POST /cgi-bin/menu/delconditional",
      "POST /cgi-bin/menu/trymatch",
      "GET /cgi-bin/get_current_selfmenu_info",
      "GET /cgi-bin/menu/delete",
    ]);
    expect(JSON.parse(fake.hits[1]?.body.toString() ?? "")).toEqual({ menuid: "208379533" });
    expect(JSON.parse(fake.hits[2]?.body.toString() ?? "")).toEqual({ user_id: "o1" });
  });

  it("getTicket defaults to jsapi and accepts the errcode:0 success body", async () => {
    fake.respond = () => ({ json: { errcode: 0, errmsg: "ok", ticket: "TICKET", expires_in: 7200 } });
    expect(await client().getTicket("T")).toEqual({ ticket: "TICKET", expiresIn: 7200 });
    await client().getTicket("T", "wx_card");
    expect(fake.hits.map((h) => h.rawQuery)).toEqual([
      "access_token=T&type=jsapi",
      "access_token=T&type=wx_card",
    ]);
  });

  it("throws WeChatApiError with the endpoint path, never the URL with the secret", async () => {
    fake.respond = () => ({
      json: { errcode: 40125, errmsg: "invalid appsecret, view more at http://t.cn/RAEkdVq" },
    });
    const error = await client()
      .getAccessToken({ appid: APPID, secret: SECRET })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).endpoint).toBe("/cgi-bin/token");
    expect((error as WeChatApiError).message).not.toContain(SECRET);
    expect((error as WeChatApiError).errorClass).toBe("config");
  });
});
