import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuLinkToken } from "./menu-link.js";
import {
  Browser,
  consent,
  fullJourney,
  type OAuthHarness,
  startFlow,
  startOAuthHarness,
} from "./testing/oauth-test-harness.js";

function attributes(line: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of line.split(";").slice(1)) {
    const [key = "", value = ""] = part.trim().split("=");
    map.set(key.toLowerCase(), value);
  }
  return map;
}

function cookieLine(browser: Browser, name: string): Map<string, string> {
  const line = browser.lastSetCookies.find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no Set-Cookie for ${name}`);
  return attributes(line);
}

describe("GET /oauth/start over plain http", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ nextAllow: ["https://shop.example.cn"] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each([
    "//evil.com",
    "/\\evil.com",
    "https://evil.com",
    "javascript:alert(1)",
    "/%2F%2Fevil.com",
    "%2F%2Fevil.com",
    "/%5Cevil.com",
    "/%09/evil.com",
    "https://shop.example.cn.evil.com/",
  ])("refuses next=%j with the page '不允许跳转到该地址' and makes no state", async (next) => {
    const browser = new Browser();
    const response = await browser.fetch(`${h.url}/oauth/start?next=${encodeURIComponent(next)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("不允许跳转到该地址");
    expect(browser.cookie("wxdesk_oauth")).toBeUndefined();
  });

  it("refuses a next given twice", async () => {
    const response = await fetch(`${h.url}/oauth/start?next=/a&next=//evil.com`, { redirect: "manual" });
    expect(response.status).toBe(400);
  });

  it("refuses an unknown scope", async () => {
    const response = await fetch(`${h.url}/oauth/start?scope=snsapi_login`, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("授权方式不正确");
  });

  it("an allowlisted absolute next is where the journey ends", async () => {
    const browser = new Browser();
    const flow = await startFlow(
      h,
      browser,
      `?next=${encodeURIComponent("https://shop.example.cn/cart?x=1")}`,
    );
    const callback = await browser.fetch(await consent(h, flow));
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("https://shop.example.cn/cart?x=1");
  });

  it("state cookie: HttpOnly, SameSite=Lax, short-lived, no Secure on http; session cookie likewise", async () => {
    const browser = new Browser();
    await startFlow(h, browser, "?scope=snsapi_userinfo");
    const state = cookieLine(browser, "wxdesk_oauth");
    expect(state.has("httponly")).toBe(true);
    expect(state.get("samesite")).toBe("Lax");
    expect(Number(state.get("max-age"))).toBeLessThanOrEqual(600);
    expect(state.has("secure")).toBe(false);

    const journey = await fullJourney(h, browser, {});
    expect(journey.callback.status).toBe(302);
    const line = journey.callback.headers.getSetCookie().find((l) => l.startsWith("wxdesk_session="));
    const session = attributes(line ?? "");
    expect(session.has("httponly")).toBe(true);
    expect(session.get("samesite")).toBe("Lax");
    expect(session.get("path")).toBe("/");
    expect(Number(session.get("max-age"))).toBe(7 * 24 * 3600);
    expect(session.has("secure")).toBe(false);
  });

  it("a signed menu link starts the flow with its scope and next", async () => {
    const token = menuLinkToken({ scope: "snsapi_userinfo", next: "/menu-page" }, h.config.sessionSecret);
    const browser = new Browser();
    const flow = await startFlow(h, browser, `?link=${token}`);
    expect(flow.authorizeUrl.searchParams.get("scope")).toBe("snsapi_userinfo");
    const callback = await browser.fetch(await consent(h, flow));
    expect(callback.headers.get("location")).toBe("/menu-page");
    // The link's own next wins; query parameters beside it are ignored.
    const other = new Browser();
    const sneaky = await startFlow(
      h,
      other,
      `?link=${token}&next=${encodeURIComponent("//evil.com")}&scope=snsapi_base`,
    );
    expect(sneaky.authorizeUrl.searchParams.get("scope")).toBe("snsapi_userinfo");
    expect((await other.fetch(await consent(h, sneaky))).headers.get("location")).toBe("/menu-page");
  });

  it("a menu link with a bad signature → 400 page", async () => {
    const token = menuLinkToken(
      { scope: "snsapi_userinfo", next: "/menu-page" },
      "another-secret-another-secret-12",
    );
    const response = await fetch(`${h.url}/oauth/start?link=${token}`, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("菜单链接无效");
  });

  it("a signed menu link whose next is no longer allowed is refused", async () => {
    const token = menuLinkToken(
      { scope: "snsapi_base", next: "https://old.example.cn/" },
      h.config.sessionSecret,
    );
    const response = await fetch(`${h.url}/oauth/start?link=${token}`, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("不允许跳转到该地址");
  });

  it("pages are never cached and carry a strict CSP", async () => {
    const response = await fetch(`${h.url}/`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'none'");
    const html = await response.text();
    expect(html).toContain('<meta name="viewport"');
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe("cookies behind an https public URL", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ publicScheme: "https" });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("state and session cookies are Secure; redirect_uri is https", async () => {
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    expect(flow.redirectUri.startsWith("https://127.0.0.1:")).toBe(true);
    expect(cookieLine(browser, "wxdesk_oauth").has("secure")).toBe(true);
    const journey = await fullJourney(h, browser, {});
    expect(journey.callback.status).toBe(302);
    const line = journey.callback.headers.getSetCookie().find((l) => l.startsWith("wxdesk_session="));
    const session = attributes(line ?? "");
    expect(session.has("secure")).toBe(true);
    expect(session.has("httponly")).toBe(true);
    expect(session.get("samesite")).toBe("Lax");
  });
});
