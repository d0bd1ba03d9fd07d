import { buildAuthorizeUrl, type OAuthScope } from "@wxdesk/wechat";
import { describe, expect, it } from "vitest";
import { menuLinkToken, signMenuLink } from "../oauth/menu-link.js";
import { pastedLinkVerdict, type VerdictConfig } from "./pasted-link-verdict.js";

const CONFIG: VerdictConfig = {
  appid: "wx0123456789abcdef",
  publicUrl: "https://wx.example.com",
  openBase: "https://open.weixin.qq.com",
  nextAllow: ["https://shop.example.cn"],
  sessionSecret: "a-session-secret-that-is-long-enough-0123456789",
};
const SANDBOX: VerdictConfig = {
  ...CONFIG,
  publicUrl: "http://127.0.0.1:7200",
  openBase: "http://127.0.0.1:7100",
};

const start = (scope: OAuthScope, next: string, config = CONFIG) =>
  signMenuLink({ scope, next }, config.sessionSecret, config.publicUrl);
/** The `directUrl` of POST links, made the way links-routes.ts makes it. */
const direct = (scope: OAuthScope, next: string, config = CONFIG, overrides: { appid?: string } = {}) =>
  buildAuthorizeUrl({
    appid: overrides.appid ?? config.appid,
    redirectUri: `${config.publicUrl}/oauth/callback?link=${menuLinkToken({ scope, next }, config.sessionSecret)}`,
    scope,
    state: "wxdesk",
    openBase: config.openBase,
  });
const codes = (text: string, config = CONFIG) =>
  pastedLinkVerdict(text, config).checks.map((c) => `${c.level}:${c.code}`);

describe("pastedLinkVerdict: a pasted link as this server sees it", () => {
  it("its own signed start link is fine and is read back (the sandbox's too)", () => {
    expect(pastedLinkVerdict(start("snsapi_base", "/shop"), CONFIG)).toEqual({
      kind: "start",
      own: true,
      scope: "snsapi_base",
      next: "/shop",
      checks: [],
    });
    expect(pastedLinkVerdict(`  ${start("snsapi_base", "/", SANDBOX)}\n`, SANDBOX)).toMatchObject({
      kind: "start",
      own: true,
      checks: [],
    });
    // The consent warning the builder also gives, never the direct link's "unbound" one.
    expect(codes(start("snsapi_userinfo", "/"))).toEqual(["warning:userinfo_on_landing"]);
  });

  it("the plain ?scope=&next= start link is read as /oauth/start reads it", () => {
    expect(pastedLinkVerdict(`${CONFIG.publicUrl}/oauth/start`, CONFIG)).toMatchObject({
      kind: "start",
      scope: "snsapi_base",
      next: "/",
      checks: [],
    });
    expect(codes(`${CONFIG.publicUrl}/oauth/start?scope=snsapi_login&next=/`)).toEqual(["error:bad_scope"]);
    expect(codes(`${CONFIG.publicUrl}/oauth/start?next=https%3A%2F%2Fevil.example%2F`)).toEqual([
      "error:next_not_allowed",
    ]);
    expect(codes(`${CONFIG.publicUrl}/oauth/start?next=/a&next=/b`)).toEqual(["error:next_not_allowed"]);
    expect(codes(`${CONFIG.publicUrl}/oauth/start?next=https%3A%2F%2Fshop.example.cn%2Fp`)).toEqual([
      "warning:next_off_origin",
    ]);
  });

  it("a start link whose signature does not match: altered, cut off, or another server's secret", () => {
    const good = start("snsapi_base", "/shop");
    expect(codes(good.slice(0, -3))).toEqual(["error:link_signature"]);
    expect(codes(good.replace("link=", "link=x"))).toEqual(["error:link_signature"]);
    expect(
      codes(
        start("snsapi_base", "/shop", { ...CONFIG, sessionSecret: "another-secret-0123456789-abcdefgh" }),
      ),
    ).toEqual(["error:link_signature"]);
    const report = pastedLinkVerdict(good.slice(0, -3), CONFIG);
    expect(report.checks[0]?.messageZh).toContain("菜单链接无效");
    expect(report.scope).toBeUndefined();
  });

  it("another server's start link: said, not judged", () => {
    const other = start("snsapi_base", "/", { ...CONFIG, publicUrl: "https://other.example.com" });
    const verdict = pastedLinkVerdict(other, CONFIG);
    expect(verdict).toMatchObject({ kind: "start", own: false });
    expect(verdict.checks.map((c) => `${c.level}:${c.code}`)).toEqual(["warning:other_server"]);
    expect(verdict.checks[0]?.message).toContain("other.example.com");
  });

  it("its own direct link: the unbound warning only (plus the consent one for userinfo)", () => {
    expect(pastedLinkVerdict(direct("snsapi_base", "/shop"), CONFIG)).toMatchObject({
      kind: "direct",
      own: true,
      scope: "snsapi_base",
      next: "/shop",
    });
    expect(codes(direct("snsapi_base", "/shop"))).toEqual(["warning:direct_link_unbound"]);
    expect(codes(direct("snsapi_base", "/", SANDBOX), SANDBOX)).toEqual(["warning:direct_link_unbound"]);
    expect(codes(direct("snsapi_userinfo", "/"))).toEqual([
      "warning:userinfo_on_landing",
      "warning:direct_link_unbound",
    ]);
  });

  it("a direct link that cannot work with this server: wrong appid, other WeChat, no or bad signature", () => {
    expect(codes(direct("snsapi_base", "/", CONFIG, { appid: "wxffffffffffffffff" }))[0]).toBe(
      "error:appid_mismatch",
    );
    // A sandbox link pasted while connected to a server that talks to real WeChat.
    const sandboxPage = direct("snsapi_base", "/").replace(
      "https://open.weixin.qq.com",
      "http://127.0.0.1:7100",
    );
    expect(codes(sandboxPage)[0]).toBe("error:page_mismatch");
    // The one-time address /oauth/start redirects to, copied from a browser.
    const oneTime = buildAuthorizeUrl({
      appid: CONFIG.appid,
      redirectUri: `${CONFIG.publicUrl}/oauth/callback`,
      scope: "snsapi_base",
      state: "Xy12ab34cd56ef78gh90ij12kl34mn56",
    });
    expect(codes(oneTime)).toEqual(["error:callback_unsigned"]);
    const tampered = direct("snsapi_base", "/").replace("link%3D", "link%3Dx");
    expect(codes(tampered)).toEqual(["error:link_signature"]);
  });

  it("a direct link whose scope differs from its signed part: the signed part wins, said as a warning", () => {
    const mixed = direct("snsapi_userinfo", "/").replace("scope=snsapi_userinfo", "scope=snsapi_base");
    expect(codes(mixed)).toEqual([
      "warning:scope_mismatch",
      "warning:userinfo_on_landing",
      "warning:direct_link_unbound",
    ]);
  });

  it("a link to another server's callback is said; anything else is left to the desktop", () => {
    const other = direct("snsapi_base", "/", { ...CONFIG, publicUrl: "https://other.example.com" });
    expect(codes(other)).toEqual(["warning:other_server"]);
    for (const text of ["", "not a link", "ftp://wx.example.com/oauth/start", "https://example.com/page"]) {
      expect(pastedLinkVerdict(text, CONFIG), text).toEqual({ kind: "other", own: false, checks: [] });
    }
    // Double-encoded: WeChat's one decoding gives no address; the desktop says what is wrong with it.
    const twice = direct("snsapi_base", "/").replace(
      /redirect_uri=([^&]+)/,
      (_m, v: string) => `redirect_uri=${encodeURIComponent(v)}`,
    );
    expect(pastedLinkVerdict(twice, CONFIG).kind).toBe("other");
  });
});
