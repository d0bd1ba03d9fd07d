import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  Browser,
  consent,
  fullJourney,
  type OAuthHarness,
  startFlow,
  startOAuthHarness,
} from "./oauth-test-harness.js";

const EXCHANGE = "/sns/oauth2/access_token";

describe("OAuth flow under WeChat faults", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness();
  });
  afterEach(async () => {
    await h.sandboxJson("/_sandbox/faults", [], "PUT");
  });
  afterAll(async () => {
    await h?.close();
  });

  async function faults(rules: unknown[]): Promise<void> {
    const { status } = await h.sandboxJson("/_sandbox/faults", rules, "PUT");
    expect(status).toBe(200);
  }

  async function calls(path: string): Promise<number> {
    return (await h.calls())[path] ?? 0;
  }

  it("fault run: -1 on 20% of sns/* calls, 100 fresh browsers, ≥ 99 land greeted by nickname", async () => {
    await faults([{ path: "/sns/*", rate: 0.2, errcode: -1 }]);
    const people = h.users.filter((u) => !u.snapshot);
    const outcomes: boolean[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const user = people[(batch * 10 + i) % people.length]!;
          const journey = await fullJourney(h, new Browser(), { openid: user.openid });
          const ok =
            journey.landing.status === 200 && journey.html.includes(`你好，${escapeText(user.nickname)}`);
          if (!ok) {
            const page = journey.callback.status === 302 ? journey.html : await journey.callback.text();
            console.info(
              `[fault run] ${user.nickname}: callback ${journey.callback.status}`,
              page.slice(0, 3000),
            );
          }
          return ok;
        }),
      );
      outcomes.push(...results);
    }
    const landed = outcomes.filter(Boolean).length;
    console.info(`[fault run] ${landed}/100 journeys ended on the landing page with the nickname`);
    expect(landed).toBeGreaterThanOrEqual(99);
  }, 120_000);

  it("a timeout after the code was sent: no resend, '网络不稳定' page, a fresh start works", async () => {
    await faults([{ path: EXCHANGE, rate: 1, timeout: true }]);
    const browser = new Browser();
    const before = await calls(EXCHANGE);
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=/after");
    const response = await browser.fetch(await consent(h, flow));
    expect(response.status).toBe(502);
    const html = await response.text();
    expect(html).toContain("网络不稳定，请重新进入");
    expect(html).toContain('href="/oauth/start?scope=snsapi_userinfo&amp;next=%2Fafter"');
    expect((await calls(EXCHANGE)) - before).toBe(1);

    await faults([]);
    const retry = await startFlow(h, browser, "?scope=snsapi_userinfo&next=/after");
    const callback = await browser.fetch(await consent(h, retry));
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/after");
  }, 20_000);

  it("a connection reset after sending: no resend, fresh-start page", async () => {
    await faults([{ path: EXCHANGE, rate: 1, reset: true }]);
    const browser = new Browser();
    const before = await calls(EXCHANGE);
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const response = await browser.fetch(await consent(h, flow));
    expect(response.status).toBe(502);
    expect(await response.text()).toContain("网络不稳定，请重新进入");
    expect((await calls(EXCHANGE)) - before).toBe(1);
  });

  it("-1 on every exchange: a few safe resends (the code survives -1), then a readable 502 page", async () => {
    await faults([{ path: EXCHANGE, rate: 1, errcode: -1 }]);
    const browser = new Browser();
    const before = await calls(EXCHANGE);
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const callbackUrl = await consent(h, flow);
    const response = await browser.fetch(callbackUrl);
    expect(response.status).toBe(502);
    const html = await response.text();
    expect(html).toContain("错误码 -1");
    expect(html).toContain("微信登录没有完成");
    expect((await calls(EXCHANGE)) - before).toBe(5);
    // The sandbox did not consume the code: the exchange itself still works afterwards.
    await faults([]);
    const code = new URL(callbackUrl).searchParams.get("code") ?? "";
    const token = await h.ctx.wechat.exchangeCode({ appid: h.config.appid, secret: h.config.secret, code });
    expect(token.openid).toBeTruthy();
  });

  it("userinfo failing every time: 502 page, user not stored", async () => {
    await faults([{ path: "/sns/userinfo", rate: 1, errcode: -1 }]);
    const { body: user } = await h.sandboxJson<{ openid: string }>("/_sandbox/users", {
      nickname: "无资料用户",
    });
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_userinfo");
    const response = await browser.fetch(await consent(h, flow, user.openid));
    expect(response.status).toBe(502);
    expect(await response.text()).toContain("错误码 -1");
    expect(await h.ctx.store.getUser(user.openid)).toBeUndefined();
    expect(browser.cookie("wxdesk_session")).toBeUndefined();
  }, 20_000);
});

/** The landing page escapes the nickname; emoji and CJK pass through unchanged. */
function escapeText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
