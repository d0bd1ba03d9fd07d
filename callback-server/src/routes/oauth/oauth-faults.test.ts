import { buildAuthorizeUrl } from "@wxdesk/wechat";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bindingHash } from "../../session/oauth-state.js";
import { BROWSER_RESTART_BUDGET, MAX_AUTO_RESTARTS } from "../../session/restart-budget.js";
import { redisUrlForTests, storeBackends } from "../../testing/test-server.js";
import { menuLinkToken } from "./menu-link.js";
import {
  authorizeInSandbox,
  Browser,
  consent,
  followJourney,
  isAuthorizeUrl,
  type OAuthHarness,
  runJourneys,
  startFlow,
  startOAuthHarness,
} from "./testing/oauth-test-harness.js";

const EXCHANGE = "/sns/oauth2/access_token";
const USERINFO = "/sns/userinfo";

/** The four ways the sandbox breaks a WeChat call (sandbox/README.md, PUT /_sandbox/faults). */
const KINDS = [
  ["errcode -1", { errcode: -1 }],
  ["HTTP 500", { http: 500 }],
  ["connection reset", { reset: true }],
  ["timeout", { timeout: true }],
] as const;

const backends = storeBackends(redisUrlForTests());

describe.each(backends)(
  "OAuth flow under WeChat faults ($name): a failed exchange is final, the server restarts",
  ({ redisUrl }) => {
    let h: OAuthHarness;
    beforeAll(async () => {
      h = await startOAuthHarness({ redisUrl });
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
    const person = () => h.users.find((u) => !u.snapshot)?.openid ?? "";

    it.each(KINDS)(
      "%s on the exchange: sent once, never again; a 302 to WeChat with a fresh state; the journey completes",
      async (_name, fault) => {
        await faults([{ path: EXCHANGE, rate: 1, ...fault }]);
        const browser = new Browser();
        const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=/after");
        const callbackUrl = await consent(h, flow);
        const before = await calls(EXCHANGE);
        const callback = await browser.fetch(callbackUrl);
        expect(await calls(EXCHANGE)).toBe(before + 1);

        expect(callback.status).toBe(302);
        const restart = callback.headers.get("location") ?? "";
        expect(isAuthorizeUrl(h, restart)).toBe(true);
        const state = new URL(restart).searchParams.get("state") ?? "";
        expect(state).toMatch(/^[A-Za-z0-9]{32}$/);
        expect(state).not.toBe(flow.state);
        expect(new URL(restart).searchParams.get("scope")).toBe("snsapi_userinfo");
        const record = JSON.parse((await h.ctx.store.get(`oauth:state:${state}`)) ?? "{}");
        expect(record).toMatchObject({ scope: "snsapi_userinfo", next: "/after", attempt: 1 });

        // The same callback again (a refresh, WeChat's double request): the same restart, no exchange.
        const again = await browser.fetch(callbackUrl);
        expect(again.status).toBe(302);
        expect(again.headers.get("location")).toBe(restart);
        expect(await calls(EXCHANGE)).toBe(before + 1);

        await faults([]);
        const end = await followJourney(h, browser, restart, person());
        expect(end.location).toBe("/after");
        expect(browser.cookie("wxdesk_session")).toBeTruthy();
      },
      20_000,
    );

    it("bounded: every exchange failing → 3 restarts, then the readable retry page; the browser's budget ends it", async () => {
      await faults([{ path: EXCHANGE, rate: 1, errcode: -1 }]);
      const browser = new Browser();
      const start = `${h.url}/oauth/start?scope=snsapi_base&next=%2Fafter`;
      const journeys: Array<{ authorizations: number; exchanges: number }> = [];
      for (let i = 0; i < 3; i++) {
        const before = await calls(EXCHANGE);
        const end = await followJourney(h, browser, start, person());
        expect(end.location).toBeNull();
        expect(end.response.status).toBe(502);
        const html = await end.response.text();
        expect(html).toContain("网络不稳定，请重新进入");
        expect(html).toContain('href="/oauth/start?scope=snsapi_base&amp;next=%2Fafter"');
        journeys.push({ authorizations: end.authorizations, exchanges: (await calls(EXCHANGE)) - before });
      }
      // Each journey restarts at most MAX_AUTO_RESTARTS times; the browser has BROWSER_RESTART_BUDGET
      // in all (6): the first two journeys use it up, the third gets the page after its one exchange.
      expect(MAX_AUTO_RESTARTS).toBe(3);
      expect(BROWSER_RESTART_BUDGET).toBe(6);
      expect(journeys).toEqual([
        { authorizations: 4, exchanges: 4 },
        { authorizations: 4, exchanges: 4 },
        { authorizations: 1, exchanges: 1 },
      ]);
      // Another browser has its own budget.
      const other = await followJourney(h, new Browser(), start, person());
      expect(other.authorizations).toBe(4);
    }, 20_000);

    it("a direct link's failed exchange restarts into a flow bound to this browser, which completes", async () => {
      await faults([{ path: EXCHANGE, rate: 1, errcode: -1 }]);
      const link = menuLinkToken({ scope: "snsapi_base", next: "/from-menu" }, h.config.sessionSecret);
      const direct = buildAuthorizeUrl({
        appid: h.config.appid,
        redirectUri: `${h.config.publicUrl}/oauth/callback?link=${link}`,
        scope: "snsapi_base",
        state: "wxdesk",
        openBase: h.config.openBase,
      });
      const browser = new Browser();
      const callback = await browser.fetch(await authorizeInSandbox(h, direct, person()));
      expect(callback.status).toBe(302);
      const restart = callback.headers.get("location") ?? "";
      expect(isAuthorizeUrl(h, restart)).toBe(true);
      expect(new URL(restart).searchParams.get("redirect_uri")).toBe(`${h.config.publicUrl}/oauth/callback`);
      // The restarted state is bound to the binding cookie this answer gave the browser.
      const state = new URL(restart).searchParams.get("state") ?? "";
      const record = JSON.parse((await h.ctx.store.get(`oauth:state:${state}`)) ?? "{}");
      expect(record).toMatchObject({ next: "/from-menu", attempt: 1 });
      expect(record.browser).toBe(bindingHash(browser.cookie("wxdesk_oauth") ?? ""));

      await faults([]);
      const end = await followJourney(h, browser, restart, person());
      expect(end.location).toBe("/from-menu");
    });

    it("userinfo is retried (6 calls), then the server restarts too; the restarted journey completes", async () => {
      await faults([{ path: USERINFO, rate: 1, http: 500 }]);
      const browser = new Browser();
      const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=/after");
      const before = await calls(USERINFO);
      const callback = await browser.fetch(await consent(h, flow));
      expect(await calls(USERINFO)).toBe(before + 6);
      expect(callback.status).toBe(302);
      const restart = callback.headers.get("location") ?? "";
      expect(isAuthorizeUrl(h, restart)).toBe(true);

      await faults([]);
      const end = await followJourney(h, browser, restart, person());
      expect(end.location).toBe("/after");
    }, 20_000);

    it("userinfo failing every time: after the restarts, a 502 page; nothing stored, no session", async () => {
      await faults([{ path: USERINFO, rate: 1, errcode: -1 }]);
      const { body: user } = await h.sandboxJson<{ openid: string }>("/_sandbox/users", {
        nickname: "无资料用户",
      });
      const browser = new Browser();
      const end = await followJourney(h, browser, `${h.url}/oauth/start?scope=snsapi_userinfo`, user.openid);
      expect(end.authorizations).toBe(1 + MAX_AUTO_RESTARTS);
      expect(end.response.status).toBe(502);
      expect(await end.response.text()).toContain("错误码 -1");
      expect(await h.ctx.store.getUser(user.openid)).toBeUndefined();
      expect(browser.cookie("wxdesk_session")).toBeUndefined();
    }, 30_000);
  },
);

describe("OAuth fault run: 20 % of sns/* calls fail", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  // One after another, so the sandbox's seeded coin flips make the same run every time. All four
  // kinds at 300 journeys each, concurrently: `npm run bench -- oauth-faults`.
  it.each(KINDS.filter(([name]) => name !== "timeout"))(
    "%s on a fifth of sns/* calls: ≥ 99 of 100 journeys land on next",
    async (_name, fault) => {
      await h.sandboxJson("/_sandbox/faults", [{ path: "/sns/*", rate: 0.2, ...fault }], "PUT");
      const runs = await runJourneys(h, { count: 100 });
      const failed = runs.filter((r) => !r.completed);
      if (failed.length > 0) console.info("[fault run] not completed:", failed);
      expect(runs.length - failed.length).toBeGreaterThanOrEqual(99);
      // Restarts did the work: some journeys needed them.
      expect(runs.some((r) => r.authorizations > 1)).toBe(true);
    },
    60_000,
  );
});
