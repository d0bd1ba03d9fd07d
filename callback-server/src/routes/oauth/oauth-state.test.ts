import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offsetClock } from "../../context/system-clock.js";
import {
  Browser,
  consent,
  followJourney,
  fullJourney,
  isAuthorizeUrl,
  type OAuthHarness,
  startFlow,
  startOAuthHarness,
} from "./testing/oauth-test-harness.js";

/** Refusals are friendly pages, never a stack trace or a framework error. */
async function expectPage(response: Response, status: number, text: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toContain(text);
  expect(html).not.toMatch(/at .*\.(ts|js):\d+|Error:|stack/i);
  return html;
}

describe("OAuth state binding and WeChat errors", () => {
  const clock = offsetClock();
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ clock });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("forged state (never issued) → 400 page, no exchange, no session", async () => {
    const before = (await h.calls())["/sns/oauth2/access_token"] ?? 0;
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const callbackUrl = await consent(h, { ...flow, state: "ForgedState0123456789abcdefABCDEF" });
    await expectPage(await browser.fetch(callbackUrl), 400, "登录链接已失效");
    expect(browser.cookie("wxdesk_session")).toBeUndefined();
    expect((await h.calls())["/sns/oauth2/access_token"] ?? 0).toBe(before);
  });

  it("missing state → 400 page", async () => {
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const callbackUrl = new URL(await consent(h, flow));
    callbackUrl.searchParams.delete("state");
    await expectPage(await browser.fetch(callbackUrl.href), 400, "登录链接不完整");
  });

  it("a used state with a new code → 400 'already used'", async () => {
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const first = await browser.fetch(await consent(h, flow));
    expect(first.status).toBe(302);
    // The attacker (or a stale tab) brings the same state with another code.
    const again = new Browser();
    await startFlow(h, again, ""); // has a binding cookie of its own
    await expectPage(await again.fetch(await consent(h, flow)), 400, "登录链接已经用过了");
    await expectPage(await browser.fetch(await consent(h, flow)), 400, "登录链接已经用过了");
  });

  it("state started in another browser (no binding cookie / other cookie) → 400, code not exchanged", async () => {
    const before = (await h.calls())["/sns/oauth2/access_token"] ?? 0;
    const victim = new Browser();
    const flow = await startFlow(h, victim, "?scope=snsapi_userinfo&next=/orders");
    const callbackUrl = await consent(h, flow);
    const html = await expectPage(await new Browser().fetch(callbackUrl), 400, "请在同一个浏览器里完成登录");
    expect(html).toContain('href="/oauth/start?scope=snsapi_userinfo&amp;next=%2Forders"');
    const other = new Browser();
    await startFlow(h, other, "");
    await expectPage(
      await other.fetch(await consent(h, await startFlow(h, victim, ""))),
      400,
      "请在同一个浏览器",
    );
    expect((await h.calls())["/sns/oauth2/access_token"] ?? 0).toBe(before);
  });

  it("expired state (older than 10 minutes by the app clock) → 400 page", async () => {
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const callbackUrl = await consent(h, flow);
    clock.advance(10 * 60 + 1);
    try {
      await expectPage(await browser.fetch(callbackUrl), 400, "登录链接已失效");
    } finally {
      clock.advance(-(10 * 60 + 1));
    }
  });

  it("a session older than its 7-day Max-Age counts as no session, even if the cookie is replayed", async () => {
    const browser = new Browser();
    const journey = await fullJourney(h, browser, {});
    expect(journey.callback.status).toBe(302);
    expect((await browser.fetch(`${h.url}/api/me`)).status).toBe(200);
    clock.advance(7 * 24 * 3600 + 60);
    try {
      const me = await browser.fetch(`${h.url}/api/me`);
      expect(me.status).toBe(401);
      expect(await (await browser.fetch(`${h.url}/`)).text()).toContain("微信登录");
    } finally {
      clock.advance(-(7 * 24 * 3600 + 60));
    }
  });

  it("denial (拒绝: state, no code) → '你已拒绝授权' with a retry link for the same scope and next", async () => {
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=%2Fprofile%3Ftab%3D1");
    const denied = new URL(flow.redirectUri);
    denied.searchParams.set("state", flow.state);
    const local = new URL(denied.pathname + denied.search, h.url);
    const html = await expectPage(await browser.fetch(local.href), 200, "你已拒绝授权");
    expect(html).toContain('href="/oauth/start?scope=snsapi_userinfo&amp;next=%2Fprofile%3Ftab%3D1"');
    expect(browser.cookie("wxdesk_session")).toBeUndefined();
  });

  it("a code WeChat does not know (40029) → zh-CN page with the errcode, 400, failure event", async () => {
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=/x");
    const url = new URL(await consent(h, flow));
    url.searchParams.set("code", "NotARealCode000000000000000000000");
    const html = await expectPage(await browser.fetch(url.href), 400, "错误码 40029");
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('href="/oauth/start?scope=snsapi_userinfo&amp;next=%2Fx"');
    expect(html).not.toContain("NotARealCode");
    const events = await h.ctx.store.listEvents({ limit: 50 });
    const failure = events.filter((e) => e.type === "failure").at(-1);
    expect(failure?.data).toMatchObject({
      action: "oauth_exchange",
      errcode: 40029,
      endpoint: "/sns/oauth2/access_token",
      explanation: { errcode: 40029, errorClass: "code" },
    });
    expect(JSON.stringify(failure?.data)).not.toContain("NotARealCode");
  });

  it("a code already used at WeChat with no cached result (40163) → the server starts afresh by itself", async () => {
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const callbackUrl = new URL(await consent(h, flow));
    const code = callbackUrl.searchParams.get("code") ?? "";
    // Someone else (another system with our AppSecret) exchanged the code first.
    await h.ctx.wechat.exchangeCode({ appid: h.config.appid, secret: h.config.secret, code });
    const callback = await browser.fetch(callbackUrl.href);
    expect(callback.status).toBe(302);
    const restart = callback.headers.get("location") ?? "";
    expect(isAuthorizeUrl(h, restart)).toBe(true);
    const user = h.users.find((u) => !u.snapshot)?.openid ?? "";
    expect((await followJourney(h, browser, restart, user)).location).toBe("/");
  });

  it("a refresh after a failed exchange shows a page again, never a stack", async () => {
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const url = new URL(await consent(h, flow));
    url.searchParams.set("code", "AnotherUnknownCode00000000000000");
    await expectPage(await browser.fetch(url.href), 400, "40029");
    await expectPage(await browser.fetch(url.href), 400, "登录链接已经用过了");
  });

  it("a repeated or absurd code parameter is refused with a page", async () => {
    const browser = new Browser();
    await expectPage(await browser.fetch(`${h.url}/oauth/callback?code=a&code=b&state=x`), 400, "40029");
    await expectPage(
      await browser.fetch(`${h.url}/oauth/callback?code=${"x".repeat(600)}&state=x`),
      400,
      "40029",
    );
    await expectPage(await browser.fetch(`${h.url}/oauth/callback?code=&state=x`), 400, "41008");
  });

  it("an injected nickname is escaped on the landing page", async () => {
    const { body } = await h.sandboxJson<{ openid: string }>("/_sandbox/users", {
      nickname: `<img src=x onerror=alert(1)>"'&`,
    });
    const journey = await fullJourney(h, new Browser(), { openid: body.openid });
    expect(journey.html).toContain("你好，&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
    expect(journey.html).not.toContain("<img src=x");
  });
});
