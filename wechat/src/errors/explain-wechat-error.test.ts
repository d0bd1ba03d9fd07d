import { describe, expect, it } from "vitest";
import { explainWeChatError } from "./explain-wechat-error.js";
import { ERR_TIMEOUT } from "./synthetic-codes.js";

describe("explainWeChatError", () => {
  it("tells the admin the exact IP to whitelist for 40164, and the rid for support", () => {
    const e = explainWeChatError(
      40164,
      "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: 6543aa-bb-cc",
      { endpoint: "/cgi-bin/token" },
    );
    expect(e.errorClass).toBe("config");
    expect(e.callerIp).toBe("1.2.3.4");
    expect(e.rid).toBe("6543aa-bb-cc");
    expect(e.fixZh).toContain("把服务器出口 IP 1.2.3.4 加到 公众号后台 → 设置与开发 → 基本配置 → IP 白名单");
    expect(e.fixEn).toContain("1.2.3.4");
    expect(e.detailZh).toContain("6543aa-bb-cc");
    expect(e.detailEn).toContain("request ID: 6543aa-bb-cc");
    expect(e.detailZh).toContain("/cgi-bin/token");
  });

  it("mentions an old-style req_id as the support ID", () => {
    const e = explainWeChatError(-1, "system error, hints: [ req_id: XyZ123 ]");
    expect(e.rid).toBe("XyZ123");
    expect(e.detailEn).toContain("XyZ123");
    expect(e.errorClass).toBe("retryable");
  });

  it("names the exact OAuth domain for 10003", () => {
    const e = explainWeChatError(10003, undefined, { redirectDomain: "https://shop.example.com/oauth/cb" });
    expect(e.fixZh).toContain("网页授权域名 必须正好是 shop.example.com");
    expect(e.fixEn).toContain("must be exactly shop.example.com");
    expect(explainWeChatError(10003, "", { redirectDomain: "a.example" }).fixEn).toContain(
      "exactly a.example",
    );
  });

  it("explains 40001 differently on a token endpoint, an sns endpoint and a business call", () => {
    const onToken = explainWeChatError(40001, "invalid credential", { endpoint: "/cgi-bin/token" });
    expect(onToken.fixZh).toContain("AppSecret 不对");
    expect(onToken.fixEn).toContain("older behaviour");
    const onMenu = explainWeChatError(40001, "invalid credential", { endpoint: "/cgi-bin/menu/create" });
    expect(onMenu.fixEn).toContain("Another system using the same AppSecret probably refreshed the token");
    expect(onMenu.fixZh).toContain("另一个使用同一个 AppSecret 的系统刷新了令牌");
    const onSns = explainWeChatError(40001, "invalid credential", { endpoint: "/sns/userinfo" });
    expect(onSns.fixEn).toContain("renewal token");
    expect(new Set([onToken.fixEn, onMenu.fixEn, onSns.fixEn]).size).toBe(3);
  });

  it("points 48001 on sns/userinfo at the snsapi_base scope", () => {
    expect(explainWeChatError(48001, "api unauthorized", { endpoint: "/sns/userinfo" }).fixZh).toContain(
      "snsapi_userinfo",
    );
  });

  it("is honest about codes it does not know, quoting code and errmsg", () => {
    const e = explainWeChatError(61234, "some new thing, rid: abc-def");
    expect(e.errorClass).toBe("unexpected");
    expect(e.titleZh).toContain("61234");
    expect(e.fixZh).toContain("some new thing");
    expect(e.fixEn).toContain("61234");
    expect(e.rid).toBe("abc-def");
    expect(e.fixEn).not.toContain("rid:");
  });

  it("describes synthetic transport errors without pretending WeChat answered", () => {
    const e = explainWeChatError(ERR_TIMEOUT, "timeout of 5000ms exceeded", { endpoint: "/sns/auth" });
    expect(e.errorClass).toBe("retryable");
    expect(e.detailEn).toContain("got no proper answer");
    expect(e.fixZh).toContain("可能已经到达微信");
  });
});
