import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisUrlForTests, storeBackends } from "../../testing/test-server.js";
import {
  Browser,
  consent,
  fullJourney,
  type OAuthHarness,
  startFlow,
  startOAuthHarness,
  submitConsent,
  toLocal,
} from "./testing/oauth-test-harness.js";

const redisUrl = redisUrlForTests();
const backends = storeBackends(redisUrl);

describe.each(backends)("OAuth journey ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ redisUrl });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("start → WeChat consent page (允许) → callback → landing greets by nickname → /api/me", async () => {
    const user = h.users.find((u) => u.nickname === "王芳")!;
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    expect(flow.authorizeUrl.origin).toBe(h.sandbox.url);
    expect(flow.authorizeUrl.pathname).toBe("/connect/oauth2/authorize");
    expect(flow.authorizeUrl.hash).toBe("#wechat_redirect");
    expect(flow.state).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(flow.redirectUri).toBe(`${h.config.publicUrl}/oauth/callback`);

    // The simulated WeChat client: the authorize page for this user shows the consent sheet.
    const page = new URL(flow.authorizeUrl);
    page.searchParams.set("sandbox_openid", user.openid);
    const sheet = await fetch(page, { redirect: "manual" });
    expect(sheet.status).toBe(200);
    const decided = await submitConsent(h, await sheet.text(), "allow");
    expect(decided.status).toBe(302);
    const callbackUrl = toLocal(h, decided.headers.get("location") ?? "");
    expect(new URL(callbackUrl).searchParams.get("state")).toBe(flow.state);

    const callback = await browser.fetch(callbackUrl);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/");
    expect(browser.cookie("wxdesk_session")).toBeTruthy();
    expect(browser.cookie("wxdesk_oauth")).toBeUndefined();

    const landing = await browser.fetch(`${h.url}/`);
    expect(landing.status).toBe(200);
    const html = await landing.text();
    expect(html).toContain("你好，王芳");
    expect(html).toContain(`src="${user.headimgurl}"`);
    expect(html).toContain('src="https://res.wx.qq.com/open/js/jweixin-1.6.0.js"');
    expect(landing.headers.get("content-security-policy")).toMatch(
      /script-src 'sha256-[^']+' https:\/\/res\.wx\.qq\.com/,
    );

    const me = await browser.fetch(`${h.url}/api/me`);
    expect(me.status).toBe(200);
    const body = (await me.json()) as Record<string, unknown>;
    expect(body).toEqual({
      openid: user.openid,
      nickname: "王芳",
      headimgurl: user.headimgurl,
      scope: "snsapi_userinfo",
      unionid: user.unionid,
      tokenState: "valid",
    });
    expect(JSON.stringify(body)).not.toMatch(/token"/i);
  });

  it("拒绝 on the consent sheet → the denial page with a retry link, no session", async () => {
    const user = h.users.find((u) => u.nickname === "赵敏✨")!;
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=%2Fcoupon");
    const page = new URL(flow.authorizeUrl);
    page.searchParams.set("sandbox_openid", user.openid);
    const decided = await submitConsent(h, await (await fetch(page, { redirect: "manual" })).text(), "deny");
    const callbackUrl = toLocal(h, decided.headers.get("location") ?? "");
    expect(new URL(callbackUrl).searchParams.has("code")).toBe(false);
    const denied = await browser.fetch(callbackUrl);
    expect(denied.status).toBe(200);
    const html = await denied.text();
    expect(html).toContain("你已拒绝授权");
    expect(html).toContain('href="/oauth/start?scope=snsapi_userinfo&amp;next=%2Fcoupon"');
    expect(browser.cookie("wxdesk_session")).toBeUndefined();
  });

  it("snsapi_base: the silent authorize redirect, no userinfo call, greeted with a short openid", async () => {
    const user = h.users.find((u) => u.nickname === "杨磊")!;
    const before = await h.calls();
    const browser = new Browser();
    const flow = await startFlow(h, browser, "");
    expect(flow.authorizeUrl.searchParams.get("scope")).toBe("snsapi_base");
    const page = new URL(flow.authorizeUrl);
    page.searchParams.set("sandbox_openid", user.openid);
    const silent = await fetch(page, { redirect: "manual" });
    expect(silent.status).toBe(302);
    const callback = await browser.fetch(toLocal(h, silent.headers.get("location") ?? ""));
    expect(callback.status).toBe(302);
    const html = await (await browser.fetch(`${h.url}/`)).text();
    expect(html).toContain(`你好，${user.openid.slice(0, 6)}…${user.openid.slice(-4)}`);
    const after = await h.calls();
    expect((after["/sns/oauth2/access_token"] ?? 0) - (before["/sns/oauth2/access_token"] ?? 0)).toBe(1);
    expect(after["/sns/userinfo"] ?? 0).toBe(before["/sns/userinfo"] ?? 0);
    const me = (await (await browser.fetch(`${h.url}/api/me`)).json()) as Record<string, unknown>;
    expect(me.scope).toBe("snsapi_base");
    expect(me.openid).toBe(user.openid);
  });

  it("refreshing the callback URL: no error, same user, one code exchange at WeChat", async () => {
    const user = h.users.find((u) => u.nickname === "刘洋🚀")!;
    const browser = new Browser();
    const before = (await h.calls())["/sns/oauth2/access_token"] ?? 0;
    const first = await fullJourney(h, browser, { openid: user.openid, next: "/?from=menu" });
    expect(first.callback.headers.get("location")).toBe("/?from=menu");
    expect(first.html).toContain("你好，刘洋🚀");
    for (let i = 0; i < 3; i++) {
      const again = await browser.fetch(first.callbackUrl);
      expect(again.status).toBe(302);
      expect(again.headers.get("location")).toBe("/?from=menu");
    }
    const me = (await (await browser.fetch(`${h.url}/api/me`)).json()) as Record<string, unknown>;
    expect(me.openid).toBe(user.openid);
    expect(((await h.calls())["/sns/oauth2/access_token"] ?? 0) - before).toBe(1);
  });

  it("two concurrent hits with the same code: both end at next, one exchange", async () => {
    const user = h.users.find((u) => u.nickname === "黄强")!;
    const browser = new Browser();
    const before = (await h.calls())["/sns/oauth2/access_token"] ?? 0;
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=/done");
    const callbackUrl = await consent(h, flow, user.openid);
    const [a, b] = await Promise.all([browser.fetch(callbackUrl), browser.fetch(callbackUrl)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(a.headers.get("location")).toBe("/done");
    expect(b.headers.get("location")).toBe("/done");
    expect(((await h.calls())["/sns/oauth2/access_token"] ?? 0) - before).toBe(1);
  });

  it("the same code from another browser (leaked URL) is refused, not replayed", async () => {
    const browser = new Browser();
    const first = await fullJourney(h, browser, {});
    expect(first.callback.status).toBe(302);
    const stranger = new Browser();
    const stolen = await stranger.fetch(first.callbackUrl);
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain("请在同一个浏览器里完成登录");
    expect(stranger.cookie("wxdesk_session")).toBeUndefined();
  });

  it("snapshot user: guest session, explanation page, nothing stored", async () => {
    const user = h.users.find((u) => u.snapshot)!;
    const browser = new Browser();
    const usersBefore = await h.ctx.store.countUsers();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=/shop");
    const callbackUrl = await consent(h, flow, user.openid);
    const callback = await browser.fetch(callbackUrl);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/oauth/snapshot?next=%2Fshop");
    const page = await browser.fetch(`${h.url}/oauth/snapshot?next=%2Fshop`);
    const html = await page.text();
    expect(html).toContain("你正在浏览快照页");
    expect(html).toContain("点击页面下方「使用完整服务」后即可继续");
    expect(html).toContain('href="/oauth/start?scope=snsapi_userinfo&amp;next=%2Fshop"');
    expect(await h.ctx.store.countUsers()).toBe(usersBefore);
    const stored = await h.ctx.store.searchUsers({ q: "微信用户", limit: 10 });
    expect(stored.users).toEqual([]);
    const me = await browser.fetch(`${h.url}/api/me`);
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: { code: string } }).error.code).toBe("snapshot_guest");
    const landing = await (await browser.fetch(`${h.url}/`)).text();
    expect(landing).toContain("你正在浏览快照页");
  });

  it("/api/me without a session → 401 no_session; the landing page offers 微信登录", async () => {
    const browser = new Browser();
    const me = await browser.fetch(`${h.url}/api/me`);
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: { code: string } }).error.code).toBe("no_session");
    const html = await (await browser.fetch(`${h.url}/`)).text();
    expect(html).toContain('href="/oauth/start?scope=snsapi_userinfo"');
    expect(html).toContain("微信登录");
  });

  it("a tampered session cookie counts as no session", async () => {
    const browser = new Browser();
    await fullJourney(h, browser, {});
    const value = browser.cookie("wxdesk_session") ?? "";
    const [payload = "", sig = ""] = value.split(".");
    const forged = Buffer.from(
      JSON.stringify({ openid: "oSomeoneElse", scope: "snsapi_userinfo", iat: 1, sid: "abcdefgh12" }),
    ).toString("base64url");
    browser.setCookie("wxdesk_session", `${forged}.${sig}`);
    expect((await browser.fetch(`${h.url}/api/me`)).status).toBe(401);
    browser.setCookie("wxdesk_session", `${payload}.${sig}`);
    expect((await browser.fetch(`${h.url}/api/me`)).status).toBe(200);
  });
});
