import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  Browser,
  followJourney,
  fullJourney,
  type OAuthHarness,
  startOAuthHarness,
} from "./testing/oauth-test-harness.js";

/** Forward auth (`GET /oauth/verify`) and the start link nginx builds (`next_raw`). */

const FORWARD_HEADERS = ["x-wechat-openid", "x-wechat-unionid", "x-wechat-scope"];

describe("GET /oauth/verify (nginx auth_request)", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ nextAllow: ["https://shop.example.cn"] });
  });
  afterAll(async () => {
    await h?.close();
  });

  function user(nickname: string) {
    const found = h.users.find((u) => u.nickname === nickname);
    if (!found) throw new Error(`no fixture user ${nickname}`);
    return found;
  }

  async function expectRefused(browser: Browser, code: string) {
    const answer = await browser.fetch(`${h.url}/oauth/verify`);
    expect(answer.status).toBe(401);
    expect(answer.headers.get("location")).toBeNull();
    expect(answer.headers.get("cache-control")).toBe("no-store");
    for (const name of FORWARD_HEADERS) expect(answer.headers.get(name), name).toBeNull();
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(code);
  }

  it("a browser without a session: 401 with a short JSON body, no redirect, no identity headers", async () => {
    await expectRefused(new Browser(), "no_session");
  });

  it("a forged or tampered session cookie: 401", async () => {
    const forged = new Browser();
    const fake = Buffer.from(
      JSON.stringify({ openid: "oFORGED", scope: "snsapi_base", iat: 1, sid: "x".repeat(16) }),
    );
    forged.setCookie("wxdesk_session", fake.toString("base64url"));
    await expectRefused(forged, "no_session");

    const real = new Browser();
    await fullJourney(h, real, { scope: "snsapi_base", openid: user("张伟").openid });
    const value = real.cookie("wxdesk_session") ?? "";
    const tampered = new Browser();
    // Another user's openid under the first user's signature.
    tampered.setCookie("wxdesk_session", value.replace(/^[^.]+/, fake.toString("base64url")));
    await expectRefused(tampered, "no_session");
  });

  it("a signed-in user: 200 with openid, unionid and scope in headers, not cached", async () => {
    const wang = user("王芳");
    expect(wang.unionid).toBeDefined();
    const browser = new Browser();
    await fullJourney(h, browser, { scope: "snsapi_userinfo", openid: wang.openid });
    const answer = await browser.fetch(`${h.url}/oauth/verify`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-wechat-openid")).toBe(wang.openid);
    expect(answer.headers.get("x-wechat-unionid")).toBe(wang.unionid);
    expect(answer.headers.get("x-wechat-scope")).toBe("snsapi_userinfo");
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("carries the unionid the store learned earlier into a later snsapi_base session", async () => {
    const li = user("陈静");
    await fullJourney(h, new Browser(), { scope: "snsapi_userinfo", openid: li.openid });
    const browser = new Browser();
    await fullJourney(h, browser, { scope: "snsapi_base", openid: li.openid });
    const answer = await browser.fetch(`${h.url}/oauth/verify`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-wechat-scope")).toBe("snsapi_base");
    expect(answer.headers.get("x-wechat-unionid")).toBe(li.unionid);
  });

  it("a user without a unionid: no unionid header at all", async () => {
    const zhou = user("周杰");
    expect(zhou.unionid).toBeUndefined();
    const browser = new Browser();
    await fullJourney(h, browser, { scope: "snsapi_userinfo", openid: zhou.openid });
    const answer = await browser.fetch(`${h.url}/oauth/verify`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-wechat-openid")).toBe(zhou.openid);
    expect(answer.headers.has("x-wechat-unionid")).toBe(false);
  });

  it("a snapshot-page guest is not signed in: 401 snapshot_guest", async () => {
    const browser = new Browser();
    const journey = await fullJourney(h, browser, { scope: "snsapi_userinfo", openid: user("孙悦").openid });
    expect(journey.callback.headers.get("location")).toContain("/oauth/snapshot");
    expect(browser.cookie("wxdesk_session")).toBeDefined();
    await expectRefused(browser, "snapshot_guest");
  });

  it("reads nothing from the store and calls nothing at WeChat", async () => {
    const browser = new Browser();
    await fullJourney(h, browser, { scope: "snsapi_base", openid: user("张伟").openid });
    const before = await h.calls();
    const reads = ["getUser", "get", "getMeta", "searchUsers"].map((name) =>
      vi.spyOn(h.ctx.store, name as "get"),
    );
    try {
      for (let i = 0; i < 5; i++) expect((await browser.fetch(`${h.url}/oauth/verify`)).status).toBe(200);
      for (const read of reads) expect(read).not.toHaveBeenCalled();
    } finally {
      for (const read of reads) read.mockRestore();
    }
    expect(await h.calls()).toEqual(before);
  });
});

describe("GET /oauth/start?next_raw=… (what nginx sends: the original URL, not encoded)", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ nextAllow: ["https://shop.example.cn"] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const openid = () => h.users[0]?.openid ?? "";

  it.each([
    "/shop/orders?id=1&sort=new",
    "/shop/a%20b?q=%2B1&x=a%26b&next=/elsewhere",
    "/shop/%E4%B8%AD%E6%96%87?next_raw=/x",
    "https://shop.example.cn/cart?x=1&y=2",
  ])("lands on %j exactly as it was asked for", async (target) => {
    const browser = new Browser();
    const end = await followJourney(
      h,
      browser,
      `${h.url}/oauth/start?scope=snsapi_base&next_raw=${target}`,
      openid(),
    );
    expect(end.location).toBe(target);
  });

  it("defaults to snsapi_base when no scope comes first", async () => {
    const answer = await new Browser().fetch(`${h.url}/oauth/start?next_raw=/shop`);
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.get("location") ?? "").searchParams.get("scope")).toBe("snsapi_base");
  });

  it.each([
    "?next_raw=//evil.com/x",
    "?next_raw=https://evil.com/?a=1&b=2",
    "?next_raw=https://shop.example.cn.evil.com/",
    "?next_raw=/%2F%2Fevil.com",
    "?next=/a&next_raw=/b",
    "?link=x&next_raw=/b",
    "?scope=snsapi_base&scope=snsapi_userinfo&next_raw=/b",
  ])("refuses %s with the page 不允许跳转到该地址 and no state", async (query) => {
    const browser = new Browser();
    const answer = await browser.fetch(`${h.url}/oauth/start${query}`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get("location")).toBeNull();
    expect(await answer.text()).toContain("不允许跳转到该地址");
    expect(browser.cookie("wxdesk_oauth")).toBeUndefined();
  });
});
