import { parseAuthorizeUrl } from "@wxdesk/wechat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisUrlForTests, storeBackends } from "../../testing/test-server.js";
import { api } from "../admin/testing/users-test-kit.js";
import { menuLinkToken } from "./menu-link.js";
import {
  Browser,
  type OAuthHarness,
  type StartedFlow,
  startOAuthHarness,
  submitConsent,
  toLocal,
} from "./testing/oauth-test-harness.js";

const redisUrl = redisUrlForTests();
const backends = storeBackends(redisUrl);

describe.each(backends)("OAuth with the direct authorize link ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ redisUrl, nextAllow: ["https://shop.example.cn"] });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function directUrl(scope: string, next: string): Promise<string> {
    const { status, body } = await api<{ directUrl: string }>(h, "POST", "/links", { body: { scope, next } });
    expect(status).toBe(200);
    return body.directUrl;
  }
  /** As `consent()` of the harness, for a direct URL (its state is the fixed `wxdesk`). */
  async function consentTo(url: string, openid: string): Promise<string> {
    const parsed = parseAuthorizeUrl(url);
    const flow: StartedFlow = {
      authorizeUrl: new URL(url),
      state: parsed.state ?? "",
      redirectUri: parsed.redirectUri ?? "",
    };
    const { status, body } = await h.sandboxJson<{ location: string }>("/_sandbox/consent", {
      appid: parsed.appid,
      redirect_uri: flow.redirectUri,
      scope: parsed.scope,
      state: flow.state,
      openid,
    });
    expect(status).toBe(200);
    return toLocal(h, body.location);
  }
  const userNamed = (nickname: string) => h.users.find((u) => u.nickname === nickname)!;
  const exchanges = async () => (await h.calls())["/sns/oauth2/access_token"] ?? 0;

  it("menu tap → WeChat consent page (允许) → callback → lands on next, signed in, listed", async () => {
    const user = userNamed("陈静");
    const url = await directUrl("snsapi_userinfo", "/orders?from=menu");

    // The simulated WeChat client opens the direct URL itself: the consent sheet, then 允许.
    const page = new URL(url);
    page.searchParams.set("sandbox_openid", user.openid);
    const sheet = await fetch(page, { redirect: "manual" });
    expect(sheet.status).toBe(200);
    const decided = await submitConsent(h, await sheet.text(), "allow");
    expect(decided.status).toBe(302);
    const callbackUrl = toLocal(h, decided.headers.get("location") ?? "");
    const query = new URL(callbackUrl).searchParams;
    expect(query.get("state")).toBe("wxdesk");
    expect(query.get("link")).toBeTruthy();
    expect(query.get("code")).toBeTruthy();

    // A browser that never visited us before: no binding cookie, and it is still let in.
    const browser = new Browser();
    const callback = await browser.fetch(callbackUrl);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/orders?from=menu");
    expect(browser.cookie("wxdesk_session")).toBeTruthy();

    const me = await browser.fetch(`${h.url}/api/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      openid: user.openid,
      nickname: "陈静",
      scope: "snsapi_userinfo",
    });
    const listed = await api<{ users: Array<{ openid: string }> }>(h, "GET", `/users?q=${user.openid}`);
    expect(listed.body.users.map((u) => u.openid)).toEqual([user.openid]);

    // A refresh in the same browser replays the first answer; no second exchange.
    const before = await exchanges();
    const again = await browser.fetch(callbackUrl);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/orders?from=menu");
    // Another browser with the same URL is refused, as for a normal callback.
    const other = await new Browser().fetch(callbackUrl);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("请在同一个浏览器里完成登录");
    expect(await exchanges()).toBe(before);
  });

  it("snsapi_base to an allowed site: silent, lands there", async () => {
    const user = userNamed("黄强");
    const callbackUrl = await consentTo(
      await directUrl("snsapi_base", "https://shop.example.cn/p?id=1"),
      user.openid,
    );
    const callback = await new Browser().fetch(callbackUrl);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("https://shop.example.cn/p?id=1");
    expect((await h.ctx.store.getUser(user.openid))?.scope).toBe("snsapi_base");
  });

  it("a forged or altered link is refused and the code is not exchanged (it still works afterwards)", async () => {
    const user = userNamed("徐明");
    const callbackUrl = await consentTo(await directUrl("snsapi_base", "/safe"), user.openid);
    const genuine = new URL(callbackUrl);
    const [payload = "", signature = ""] = (genuine.searchParams.get("link") ?? "").split(".");
    const altered = Buffer.from(
      JSON.stringify({ scope: "snsapi_base", next: "https://evil.example/", v: 1 }),
      "utf8",
    ).toString("base64url");
    const before = await exchanges();

    for (const link of [
      `${altered}.${signature}`,
      `${payload}.${"A".repeat(signature.length)}`,
      "nonsense",
      "",
    ]) {
      const forged = new URL(genuine);
      forged.searchParams.set("link", link);
      const answer = await new Browser().fetch(forged.href);
      expect(answer.status, link).toBe(400);
      expect(answer.headers.get("location")).toBeNull();
      expect(await answer.text()).toContain("菜单链接无效");
    }
    expect(await exchanges()).toBe(before);
    expect(await h.ctx.store.getUser(user.openid)).toBeUndefined();

    const real = await new Browser().fetch(callbackUrl);
    expect(real.status).toBe(302);
    expect(real.headers.get("location")).toBe("/safe");
  });

  it("a signed link whose next is no longer allowed is refused before the exchange", async () => {
    // Signed with the server's secret, as if made before the allowlist changed.
    const token = menuLinkToken(
      { scope: "snsapi_base", next: "https://gone.example/x" },
      h.config.sessionSecret,
    );
    const { body } = await h.sandboxJson<{ location: string }>("/_sandbox/consent", {
      appid: h.config.appid,
      redirect_uri: `${h.config.publicUrl}/oauth/callback?link=${token}`,
      scope: "snsapi_base",
      state: "wxdesk",
      openid: userNamed("张伟").openid,
    });
    const before = await exchanges();
    const answer = await new Browser().fetch(toLocal(h, body.location));
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("不允许跳转到该地址");
    expect(await exchanges()).toBe(before);
  });

  it("拒绝 on a direct link: the denial page retries through /oauth/start (a bound flow)", async () => {
    const url = await directUrl("snsapi_userinfo", "/coupon");
    const redirectUri = parseAuthorizeUrl(url).redirectUri ?? "";
    const denied = await new Browser().fetch(toLocal(h, `${redirectUri}&state=wxdesk`));
    expect(denied.status).toBe(200);
    const html = await denied.text();
    expect(html).toContain("你已拒绝授权");
    expect(html).toContain('href="/oauth/start?scope=snsapi_userinfo&amp;next=%2Fcoupon"');
  });

  it("a snapshot-page user on a direct link gets guest mode and is not stored", async () => {
    const user = userNamed("孙悦");
    const callbackUrl = await consentTo(await directUrl("snsapi_userinfo", "/"), user.openid);
    const browser = new Browser();
    const callback = await browser.fetch(callbackUrl);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/oauth/snapshot");
    const me = await browser.fetch(`${h.url}/api/me`);
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ error: { code: "snapshot_guest" } });
    expect(await h.ctx.store.countUsers()).toBe(3);
  });
});
