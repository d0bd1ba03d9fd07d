import { checkAuthorizeLinkInput } from "@wxdesk/wechat";
import { bannedWordsIn } from "@wxdesk/wechat/plain-words";
import { describe, expect, it } from "vitest";
import { authorizeInputChecks, type LinkCheck, linkChecks, redirectDomainChecks } from "./links-checks.js";

const WECHAT = "https://open.weixin.qq.com";
const SANDBOX = "http://127.0.0.1:7100";
const levels = (checks: LinkCheck[]) => checks.map((c) => `${c.code}:${c.level}`);

describe("redirectDomainChecks", () => {
  it("real WeChat: an IP or localhost is an error (10003), another port a warning, a domain fine", () => {
    for (const publicUrl of [
      "https://203.0.113.5",
      "http://127.0.0.1:7200",
      "http://localhost:7200",
      "https://[2001:db8::1]",
    ]) {
      const checks = redirectDomainChecks(publicUrl, WECHAT);
      expect(levels(checks), publicUrl).toEqual(["redirect_domain:error"]);
      expect(checks[0]?.message).toContain("10003");
      expect(checks[0]?.messageZh).toContain("10003");
    }
    expect(levels(redirectDomainChecks("https://wx.example.com:8443", WECHAT))).toEqual([
      "redirect_domain:warning",
    ]);
    expect(levels(redirectDomainChecks("http://wx.example.com:8080", WECHAT))).toEqual([
      "redirect_domain:warning",
    ]);
    expect(redirectDomainChecks("https://wx.example.com", WECHAT)).toEqual([]);
    expect(redirectDomainChecks("http://wx.example.com", `${WECHAT}/`)).toEqual([]);
  });

  it("the sandbox: loopback on any port is fine, another IP a warning", () => {
    expect(redirectDomainChecks("http://127.0.0.1:7200", SANDBOX)).toEqual([]);
    expect(redirectDomainChecks("http://localhost:7200", SANDBOX)).toEqual([]);
    expect(levels(redirectDomainChecks("http://192.168.1.20:7200", SANDBOX))).toEqual([
      "redirect_domain:warning",
    ]);
    expect(redirectDomainChecks("https://wx.example.com", SANDBOX)).toEqual([]);
  });
});

describe("linkChecks", () => {
  const base = { publicUrl: "https://wx.example.com", openBase: WECHAT };

  it("always warns that the direct link is unbound; nothing else for a base link to a path", () => {
    expect(levels(linkChecks({ ...base, scope: "snsapi_base", next: "/orders" }))).toEqual([
      "direct_link_unbound:warning",
    ]);
  });

  it("snsapi_userinfo and a target on another origin each add a warning, in both languages", () => {
    const checks = linkChecks({ ...base, scope: "snsapi_userinfo", next: "https://shop.example.cn/p?id=1" });
    expect(levels(checks)).toEqual([
      "userinfo_on_landing:warning",
      "next_off_origin:warning",
      "direct_link_unbound:warning",
    ]);
    for (const check of checks) {
      expect(check.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(check.message).toMatch(/[a-z]{4}/);
    }
    expect(checks[1]?.message).toContain("https://shop.example.cn");
  });

  it("an absolute target on the public origin is not off-origin", () => {
    expect(levels(linkChecks({ ...base, scope: "snsapi_base", next: "https://wx.example.com/a" }))).toEqual([
      "direct_link_unbound:warning",
    ]);
  });

  it("an IP public URL for real WeChat puts the error first", () => {
    const checks = linkChecks({
      publicUrl: "http://10.0.0.8",
      openBase: WECHAT,
      scope: "snsapi_base",
      next: "/",
    });
    expect(levels(checks)).toEqual(["redirect_domain:error", "direct_link_unbound:warning"]);
  });
});

describe("authorizeInputChecks", () => {
  it("turns wechat/'s link problems into error checks with the same words", () => {
    const problems = checkAuthorizeLinkInput({
      appid: "wxBAD",
      redirectUri: "https://a.example/cb#x",
      scope: "snsapi_base",
      state: "wxdesk",
    });
    const checks = authorizeInputChecks(problems);
    expect(levels(checks)).toEqual([
      "authorize_appid_invalid_format:error",
      "authorize_redirectUri_has_fragment:error",
    ]);
    expect(checks[1]?.messageZh).toBe(problems[1]?.messageZh);
    expect(checks[1]?.message).toBe(problems[1]?.messageEn);
  });
});

describe("the words of the checks (issue 10, item 7: the 请留意 box)", () => {
  it("name the link kinds by their screen names, never by protocol words", () => {
    const inputs = [
      { publicUrl: "http://127.0.0.1:3000", openBase: WECHAT },
      { publicUrl: "https://wx.example.com:8443", openBase: WECHAT },
      { publicUrl: "http://10.0.0.5:3000", openBase: SANDBOX },
    ];
    for (const input of inputs)
      for (const scope of ["snsapi_base", "snsapi_userinfo"] as const) {
        const checks = [
          ...linkChecks({ ...input, scope, next: "https://shop.example.cn/p" }),
          // A pasted website-login link: the checker names the two kinds a link may be.
          ...authorizeInputChecks(
            checkAuthorizeLinkInput({
              appid: "wx0123456789abcdef",
              redirectUri: "https://wx.example.com/oauth/callback",
              scope: "snsapi_login" as "snsapi_base",
            }),
          ),
        ];
        for (const check of checks) {
          expect(bannedWordsIn(check.messageZh, "desktop"), check.messageZh).toEqual([]);
          expect(bannedWordsIn(check.message, "desktop"), check.message).toEqual([]);
        }
      }
  });
});
