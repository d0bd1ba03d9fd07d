import { buildAuthorizeUrl } from "@wxdesk/wechat/authorize";
import { describe, expect, it } from "vitest";
import { checkPastedLink, needsServerCheck } from "./pasted-link-check.js";

const APPID = "wx0123456789abcdef";
const DOMAIN = "auth.example.com";
const CALLBACK = `https://${DOMAIN}/oauth/callback`;
const good = (
  scope: "snsapi_base" | "snsapi_userinfo" = "snsapi_base",
  redirectUri = CALLBACK,
  state = "abc123",
) => buildAuthorizeUrl({ appid: APPID, redirectUri, scope, state });
const codes = (link: string, authorizedDomain = DOMAIN, sandboxOrigin?: string) =>
  checkPastedLink(link, { authorizedDomain, ...(sandboxOrigin ? { sandboxOrigin } : {}) }).checks.map(
    (c) => `${c.level}:${c.code}`,
  );

describe("checkPastedLink", () => {
  it("finds nothing wrong with a link built the way §1.1 says, and reads it back", () => {
    const report = checkPastedLink(`  ${good()}\n`, { authorizedDomain: DOMAIN });
    expect(report.checks).toEqual([]);
    expect(report.summary).toEqual({
      appid: APPID,
      scope: "snsapi_base",
      redirectUri: CALLBACK,
      state: "abc123",
    });
  });

  it("says 10003 when the return address is outside the authorized domain, subdomains included", () => {
    const report = checkPastedLink(good("snsapi_base", "https://pay.example.com/cb"), {
      authorizedDomain: DOMAIN,
    });
    expect(report.checks.map((c) => c.code)).toEqual(["redirect_domain"]);
    expect(report.checks[0]?.messageZh).toContain("10003");
    expect(report.checks[0]?.messageZh).toContain("pay.example.com");
    expect(report.checks[0]?.message).toContain(DOMAIN);
    // Host names are not case-sensitive.
    expect(codes(good(), "AUTH.example.com")).toEqual([]);
  });

  it("says the domain setting must not carry a scheme, port or path, and still compares its host", () => {
    expect(codes(good(), "https://auth.example.com/wx")).toEqual(["error:domain_has_path"]);
    expect(codes(good(), "auth.example.com:8443")).toEqual(["error:domain_has_path"]);
    const both = codes(good(), "https://other.example.com/");
    expect(both).toEqual(["error:domain_has_path", "error:redirect_domain"]);
    const report = checkPastedLink(good(), { authorizedDomain: "https://auth.example.com/wx" });
    expect(report.checks[0]?.messageZh).toContain("「auth.example.com」");
  });

  it("skips the domain comparison when no domain is known", () => {
    expect(codes(good("snsapi_base", "https://anything.example.org/cb"), "")).toEqual([]);
  });

  it("catches a double-encoded return address (%25) and reads it decoded twice", () => {
    const twice = good().replace(
      encodeURIComponent(CALLBACK),
      encodeURIComponent(encodeURIComponent(CALLBACK)),
    );
    expect(twice).toContain("%25");
    const report = checkPastedLink(twice, { authorizedDomain: DOMAIN });
    expect(report.checks.map((c) => c.code)).toEqual(["double_encoded"]);
    expect(report.summary?.redirectUri).toBe(CALLBACK);
  });

  it("accepts a %25 that is an encoded percent inside a once-encoded address", () => {
    expect(codes(good("snsapi_base", `${CALLBACK}?next=%2Fshop`))).toEqual([]);
  });

  it("warns about an unencoded return address, and makes it an error when its own parameters get lost", () => {
    const plain = `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${APPID}&redirect_uri=${CALLBACK}&response_type=code&scope=snsapi_base#wechat_redirect`;
    expect(codes(plain)).toEqual(["warning:not_encoded"]);
    const lossy = plain.replace(CALLBACK, `${CALLBACK}?a=1&b=2`);
    const report = checkPastedLink(lossy, { authorizedDomain: DOMAIN });
    expect(report.checks.map((c) => `${c.level}:${c.code}`)).toEqual(["error:not_encoded"]);
    expect(report.checks[0]?.message).toContain("(b)");
  });

  it("requires #wechat_redirect exactly", () => {
    expect(codes(good().replace("#wechat_redirect", ""))).toEqual(["error:missing_wechat_redirect"]);
    const wrong = checkPastedLink(good().replace("#wechat_redirect", "#wechat"), {
      authorizedDomain: DOMAIN,
    });
    expect(wrong.checks.map((c) => c.code)).toEqual(["missing_wechat_redirect"]);
    expect(wrong.checks[0]?.messageZh).toContain("#wechat");
  });

  it("warns about parameters out of the documented order", () => {
    const shuffled = `https://open.weixin.qq.com/connect/oauth2/authorize?scope=snsapi_base&appid=${APPID}&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code#wechat_redirect`;
    const report = checkPastedLink(shuffled, { authorizedDomain: DOMAIN });
    expect(report.checks.map((c) => `${c.level}:${c.code}`)).toEqual(["warning:param_order"]);
    expect(report.checks[0]?.message).toContain("scope, appid, redirect_uri, response_type");
  });

  it("says which parameter has the wrong case or spelling, and still checks the rest", () => {
    const cased = good().replace("appid=", "appId=").replace("&scope=", "&Scope=");
    const report = checkPastedLink(cased, { authorizedDomain: DOMAIN });
    expect(report.checks.map((c) => c.code)).toEqual(["param_case", "param_case"]);
    expect(report.checks[0]?.messageZh).toContain("「appId」");
    expect(report.checks[0]?.messageZh).toContain("「appid」");
    expect(report.summary?.appid).toBe(APPID);
    expect(codes(good().replace("redirect_uri=", "redirect_url="))).toEqual(["error:param_name"]);
  });

  it("names the error page of each missing parameter (§1.4)", () => {
    const bare = "https://open.weixin.qq.com/connect/oauth2/authorize?response_type=code#wechat_redirect";
    const report = checkPastedLink(bare, { authorizedDomain: DOMAIN });
    expect(report.checks.map((c) => c.code)).toEqual([
      "missing_appid",
      "missing_redirect_uri",
      "missing_scope",
    ]);
    expect(report.checks.map((c) => c.message.match(/\d{5}/)?.[0])).toEqual(["10012", "10011", "10010"]);
    expect(codes(good().replace("&response_type=code", ""))).toEqual(["error:missing_response_type"]);
    expect(codes(good().replace("response_type=code", "response_type=token"))).toEqual([
      "error:response_type",
    ]);
  });

  it("reports a state that is too long or has characters WeChat refuses", () => {
    expect(codes(good().replace("state=abc123", `state=${"a".repeat(129)}`))).toEqual([
      "error:authorize_state_too_long",
    ]);
    expect(codes(good().replace("state=abc123", `state=${"a".repeat(128)}`))).toEqual([]);
    expect(codes(good().replace("state=abc123", "state=a-b_c"))).toEqual([
      "error:authorize_state_invalid_chars",
    ]);
  });

  it("reports a malformed appid and the website-login scope", () => {
    expect(codes(good().replace(APPID, "wx123"))).toEqual(["error:authorize_appid_invalid_format"]);
    expect(codes(good().replace("snsapi_base", "snsapi_login"))).toEqual([
      "error:authorize_scope_website_scope",
    ]);
  });

  it("warns that snsapi_userinfo straight from a menu risks the snapshot page", () => {
    const report = checkPastedLink(good("snsapi_userinfo"), { authorizedDomain: DOMAIN });
    expect(report.checks.map((c) => `${c.level}:${c.code}`)).toEqual(["warning:userinfo_on_landing"]);
    expect(report.checks[0]?.messageZh).toContain("快照页");
  });

  it("refuses what is not WeChat's authorize page, but accepts the local sandbox's", () => {
    expect(codes("not a link")).toEqual(["error:not_a_link"]);
    expect(codes("ftp://open.weixin.qq.com/x")).toEqual(["error:not_a_link"]);
    expect(codes(good().replace("/connect/oauth2/authorize", "/connect/qrconnect"))).toEqual([
      "error:website_login_link",
    ]);
    const sandboxLink = buildAuthorizeUrl({
      appid: APPID,
      redirectUri: "http://127.0.0.1:7200/oauth/callback",
      scope: "snsapi_base",
      openBase: "http://127.0.0.1:7100",
    });
    expect(codes(sandboxLink, "127.0.0.1", "http://127.0.0.1:7100")).toEqual([]);
    expect(codes(sandboxLink, "127.0.0.1")).toEqual(["error:not_authorize_page"]);
  });

  it("warns about a non-default port on real WeChat only", () => {
    expect(codes(good("snsapi_base", "https://auth.example.com:8443/cb"))).toEqual(["warning:redirect_port"]);
  });

  it("lists errors before warnings", () => {
    const messy = good("snsapi_userinfo").replace("#wechat_redirect", "").replace("appid=", "appId=");
    expect(codes(messy)).toEqual([
      "error:param_case",
      "error:missing_wechat_redirect",
      "warning:userinfo_on_landing",
    ]);
  });

  it("reads the callback server's own start link as what it is: no WeChat parameters to miss", () => {
    const signed =
      "http://127.0.0.1:7200/oauth/start?link=eyJzY29wZSI6InNuc2FwaV9iYXNlIiwibmV4dCI6Ii8iLCJ2IjoxfQ.c2lnbmF0dXJl";
    const report = checkPastedLink(signed, {
      authorizedDomain: "127.0.0.1",
      sandboxOrigin: "http://127.0.0.1:7100",
    });
    expect(report).toEqual({ kind: "start", checks: [], summary: { server: "127.0.0.1:7200" } });
    const plain = checkPastedLink("https://auth.example.com/oauth/start?scope=snsapi_userinfo&next=%2Fshop", {
      authorizedDomain: DOMAIN,
    });
    expect(plain).toEqual({
      kind: "start",
      checks: [],
      summary: { server: DOMAIN, scope: "snsapi_userinfo", next: "/shop" },
    });
    // Its host is where WeChat sends users back: it must still be the authorized domain.
    expect(codes(signed, DOMAIN)).toEqual(["error:redirect_domain"]);
  });

  it("finds nothing wrong with the server's direct link, on the sandbox and on WeChat", () => {
    const token = "eyJzY29wZSI6InNuc2FwaV9iYXNlIiwibmV4dCI6Ii8iLCJ2IjoxfQ.c2lnbmF0dXJl";
    const sandboxDirect = buildAuthorizeUrl({
      appid: APPID,
      redirectUri: `http://127.0.0.1:7200/oauth/callback?link=${token}`,
      scope: "snsapi_base",
      state: "wxdesk",
      openBase: "http://127.0.0.1:7100",
    });
    expect(codes(sandboxDirect, "127.0.0.1", "http://127.0.0.1:7100")).toEqual([]);
    const wechatDirect = buildAuthorizeUrl({
      appid: APPID,
      redirectUri: `${CALLBACK}?link=${token}`,
      scope: "snsapi_base",
      state: "wxdesk",
    });
    expect(codes(wechatDirect)).toEqual([]);
    expect(checkPastedLink(wechatDirect, { authorizedDomain: DOMAIN }).summary?.redirectUri).toBe(
      `${CALLBACK}?link=${token}`,
    );
  });

  it("another page altogether: that one problem, its address shortened, not a list of missing parameters", () => {
    const shop = `https://shop.example.com/${"x".repeat(300)}?utm_source=menu`;
    const report = checkPastedLink(shop, { authorizedDomain: DOMAIN });
    expect(report.checks.map((c) => `${c.level}:${c.code}`)).toEqual(["error:not_authorize_page"]);
    expect(report.checks[0]?.messageZh).toContain("shop.example.com/xxx");
    expect(report.checks[0]?.messageZh.length).toBeLessThan(140);
    // With authorize parameters, the wrong page is one problem among the others that are there.
    const elsewhere = good()
      .replace("open.weixin.qq.com", "open.weixin.example.com")
      .replace("#wechat_redirect", "");
    expect(codes(elsewhere)).toEqual(["error:not_authorize_page", "error:missing_wechat_redirect"]);
  });

  it("knows which links only the callback server can judge", () => {
    expect(needsServerCheck("https://auth.example.com/oauth/start?link=a.b")).toBe(true);
    expect(needsServerCheck(" http://127.0.0.1:7200/oauth/start ")).toBe(true);
    expect(needsServerCheck(good())).toBe(true);
    expect(needsServerCheck(good("snsapi_base", "https://shop.example.com/cb"))).toBe(false);
    expect(needsServerCheck("not a link")).toBe(false);
    expect(needsServerCheck("")).toBe(false);
  });
});
