import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Browser,
  type OAuthHarness,
  startFlow,
  startOAuthHarness,
} from "../oauth/testing/oauth-test-harness.js";
import type { FailureCount } from "./stats-routes.js";
import { api, authorizeAs, errorCode } from "./testing/users-test-kit.js";

interface StatsBody {
  since: string;
  authorizationsPerDay: Record<string, number>;
  failuresByErrcode: Record<string, FailureCount>;
  users: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("admin API: GET stats", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness();
    await authorizeAs(h, "张伟");
    await authorizeAs(h, "黄强", "snsapi_base");
    // A real failure: a code WeChat does not know, through our callback (40029 from the sandbox).
    const browser = new Browser();
    const flow = await startFlow(h, browser, "?scope=snsapi_base");
    const bad = await browser.fetch(`${h.url}/oauth/callback?code=not-a-real-code&state=${flow.state}`);
    expect(bad.status).toBe(400);
    // A failure without an errcode (our own kind of failure) still counts, under "unknown".
    await h.ctx.events.publish("failure", { action: "test" });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("counts authorizations per UTC day and failures by errcode, with titles in both languages", async () => {
    const { status, body } = await api<StatsBody>(h, "GET", "/stats", { key: "support" });
    expect(status).toBe(200);
    const today = day(h.ctx.clock.now());
    expect(body.since).toBe(day(h.ctx.clock.now() - 29 * 86_400_000));
    expect(body.authorizationsPerDay).toEqual({ [today]: 2 });
    expect(body.failuresByErrcode["40029"]).toEqual({
      count: 1,
      titleZh: "授权码（code）无效",
      titleEn: "The authorization code is not valid",
    });
    expect(body.failuresByErrcode.unknown).toMatchObject({
      count: 1,
      titleEn: expect.stringMatching(/without/),
    });
    expect(body.users).toBe(2);

    const oneDay = await api<StatsBody>(h, "GET", "/stats?days=1");
    expect(oneDay.body.since).toBe(today);
    expect(oneDay.body.authorizationsPerDay).toEqual({ [today]: 2 });
  });

  it("an errcode the catalogue does not know still gets a title", async () => {
    await h.ctx.events.publish("failure", { errcode: 99999 });
    const { body } = await api<StatsBody>(h, "GET", "/stats");
    expect(body.failuresByErrcode["99999"]?.count).toBe(1);
    expect(body.failuresByErrcode["99999"]?.titleZh).toContain("99999");
  });

  it("days out of 1..90 → 400 naming the field; no key → 401", async () => {
    for (const query of ["days=0", "days=91", "days=abc", "days=1.5"]) {
      const answer = await api(h, "GET", `/stats?${query}`);
      expect(answer.status, query).toBe(400);
      expect(errorCode(answer)).toBe("bad_request");
      expect((answer.body as { error: { field: string } }).error.field).toBe("querystring.days");
    }
    const none = await api(h, "GET", "/stats", { key: "none" });
    expect(none.status).toBe(401);
    expect(errorCode(none)).toBe("unauthorized");
  });
});
