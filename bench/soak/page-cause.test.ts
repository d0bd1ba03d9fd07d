import { explainWeChatError } from "@wxdesk/wechat";
import { describe, expect, it } from "vitest";
import { landingPage } from "../../callback-server/src/pages/landing-page.js";
import {
  deniedPage,
  networkRetryPage,
  refusedPage,
  serverErrorPage,
  unavailablePage,
  wechatErrorPage,
} from "../../callback-server/src/pages/oauth-pages.js";
import { answerCause, primaryActionHref } from "./page-cause.js";

/** The pages are the server's own, so a reworded page is still told apart. */
describe("answerCause", () => {
  const signedIn = (nickname: string) =>
    landingPage({ openid: "o".repeat(28), scope: "snsapi_userinfo", nickname }).html;

  it("the landing page greeting the journey's user is completed; greeting another is wrong_user", () => {
    expect(answerCause(200, signedIn("小明 <&>"), "小明 <&>")).toBe("completed");
    expect(answerCause(200, signedIn("小红"), "小明")).toBe("wrong_user");
    expect(answerCause(200, landingPage(undefined).html, "小明")).toBe("signed_out");
  });

  it("notice pages by their cause", () => {
    expect(answerCause(502, networkRetryPage("/oauth/start", -10002).html, "x")).toBe("network_retry");
    expect(answerCause(502, serverErrorPage("/").html, "x")).toBe("server_error");
    expect(answerCause(503, unavailablePage("/").html, "x")).toBe("store_unavailable");
    expect(answerCause(200, deniedPage("/").html, "x")).toBe("denied");
    expect(answerCause(400, refusedPage("state_used", "/").html, "x")).toBe("state_used");
    expect(answerCause(400, refusedPage("next_not_allowed").html, "x")).toBe("next_not_allowed");
    const busy = wechatErrorPage(explainWeChatError(-1, "system error"), "/");
    expect(answerCause(502, busy.html, "x")).toBe("wechat_error_-1");
  });

  it("any 500 is http_500, even the server's own error page; JSON errors by status and code", () => {
    expect(answerCause(500, serverErrorPage("/").html, "x")).toBe("http_500");
    expect(answerCause(500, "", "x")).toBe("http_500");
    const busy = JSON.stringify({ error: { code: "busy", message: "…", messageZh: "…" } });
    expect(answerCause(503, busy, "x")).toBe("http_503_busy");
    expect(answerCause(404, "not here", "x")).toBe("http_404");
  });

  it("the primary button's address, unescaped as a browser reads it", () => {
    const retry = "/oauth/callback?code=c&state=s'1";
    expect(primaryActionHref(unavailablePage(retry).html)).toBe(retry);
    expect(primaryActionHref("<p>no button</p>")).toBeUndefined();
  });
});
