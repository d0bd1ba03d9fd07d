import { describe, expect, it } from "vitest";
import type { JourneyEnd } from "./journey.js";
import type { ScenarioResult } from "./run-scenario.js";
import { brokenRules, scenarioFigures } from "./scenario-figures.js";
import { SCENARIOS } from "./scenarios.js";

const user = { openid: "o".repeat(28), nickname: "小明" };
const end = (cause: string, ms: number, jssdkStatus?: number): JourneyEnd => ({
  cause,
  ms,
  user,
  at: "/oauth/callback",
  storeRetries: cause === "store_unavailable" ? 3 : 0,
  ...(jssdkStatus === undefined ? {} : { jssdkStatus }),
});

function result(over: Partial<ScenarioResult>): ScenarioResult {
  return {
    scenario: SCENARIOS[0]!,
    ends: [],
    wechatCalls: {},
    menuStatuses: [],
    lost: { missing: 0, unusableToken: 0, http500: 0 },
    seconds: 1,
    ...over,
  };
}

describe("scenario figures", () => {
  it("count journeys by how they ended, WeChat calls per journey, and times", () => {
    const figures = scenarioFigures(
      result({
        ends: [end("completed", 10, 200), end("completed", 30, 502), end("network_retry", 20)],
        wechatCalls: { "/sns/oauth2/access_token": 4, "/sns/userinfo": 2, "/cgi-bin/stable_token": 3 },
      }),
    );
    expect(figures["journeys.attempted"]?.value).toBe(3);
    expect(figures["journeys.completed"]?.value).toBe(2);
    expect(figures["ended.network_retry"]?.value).toBe(1);
    expect(figures["wechat.sns_calls_per_journey"]?.value).toBe(2);
    expect(figures["wechat.token_fetches"]?.value).toBe(3);
    expect(figures["jssdk_config.status_502"]?.value).toBe(1);
    expect(figures["journey_ms.p50"]?.value).toBe(20);
    expect(figures["retry_taps.store_unavailable"]).toBeUndefined();
    expect(brokenRules(figures)).toEqual([]);
  });

  it("taps on 重试 of the store-down page are counted; a 503 page is no broken rule", () => {
    const figures = scenarioFigures(
      result({ ends: [end("store_unavailable", 3_000), end("completed", 10, 200)] }),
    );
    expect(figures["retry_taps.store_unavailable"]?.value).toBe(3);
    expect(figures["ended.store_unavailable"]?.value).toBe(1);
    expect(brokenRules(figures)).toEqual([]);
  });

  it("every 500 — journey, JS-SDK, menu publish, admin check — and every lost user breaks a rule", () => {
    const figures = scenarioFigures(
      result({
        ends: [end("http_500", 5), end("completed", 10, 500), end("wrong_user", 10)],
        menuStatuses: [500, 502],
        lost: { missing: 1, unusableToken: 2, http500: 1 },
      }),
    );
    expect(brokenRules(figures)).toEqual(["lost = 3", "http_500 = 4", "wrong_user = 1"]);
    expect(figures["http_500.from /oauth/callback"]?.value).toBe(1);
    expect(figures["http_500.from admin checks"]?.value).toBe(1);
  });
});
