import { parseAuthorizeUrl } from "@wxdesk/wechat";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerErrorHandler } from "../../plugins/error-handler.js";
import { getJson } from "../../testing/test-server.js";
import { verifyMenuLink } from "../oauth/menu-link.js";
import {
  Browser,
  consent,
  type OAuthHarness,
  startOAuthHarness,
} from "../oauth/testing/oauth-test-harness.js";
import type { LinkCheck } from "./links-checks.js";
import linksRoutes from "./links-routes.js";
import type { PastedLinkVerdict } from "./pasted-link-verdict.js";
import { api, errorCode } from "./testing/users-test-kit.js";

interface LinksBody {
  startUrl: string;
  directUrl: string;
  checks: LinkCheck[];
}

describe("admin API: POST links", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ nextAllow: ["https://shop.example.cn"] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const build = (body: unknown, key: "admin" | "support" | "none" = "admin") =>
    api<LinksBody>(h, "POST", "/links", { key, body });

  it("a signed start link and the WeChat authorize URL carrying the same signed link", async () => {
    const { status, body } = await build({ scope: "snsapi_base", next: "/orders?tab=2" });
    expect(status).toBe(200);

    const start = new URL(body.startUrl);
    expect(`${start.origin}${start.pathname}`).toBe(`${h.config.publicUrl}/oauth/start`);
    const startToken = start.searchParams.get("link") ?? "";
    expect(verifyMenuLink(startToken, h.config.sessionSecret)).toEqual({
      scope: "snsapi_base",
      next: "/orders?tab=2",
    });

    expect(body.directUrl.startsWith(`${h.sandbox.url}/connect/oauth2/authorize?appid=`)).toBe(true);
    const parsed = parseAuthorizeUrl(body.directUrl);
    expect(parsed).toMatchObject({
      appid: h.config.appid,
      responseType: "code",
      scope: "snsapi_base",
      state: "wxdesk",
      hasWechatRedirect: true,
    });
    const redirect = new URL(parsed.redirectUri ?? "");
    expect(`${redirect.origin}${redirect.pathname}`).toBe(`${h.config.publicUrl}/oauth/callback`);
    expect(verifyMenuLink(redirect.searchParams.get("link") ?? "", h.config.sessionSecret)).toEqual({
      scope: "snsapi_base",
      next: "/orders?tab=2",
    });
    // The sandbox serves 127.0.0.1 on any port: only the unbound warning.
    expect(body.checks.map((c) => c.code)).toEqual(["direct_link_unbound"]);
  });

  it("the start link works: a fresh bound state at each tap, landing on next", async () => {
    const { body } = await build({ scope: "snsapi_base", next: "/coupon" });
    const browser = new Browser();
    const tap = await browser.fetch(body.startUrl.replace(h.config.publicUrl, h.url));
    expect(tap.status).toBe(302);
    const authorizeUrl = new URL(tap.headers.get("location") ?? "");
    const flow = {
      authorizeUrl,
      state: authorizeUrl.searchParams.get("state") ?? "",
      redirectUri: authorizeUrl.searchParams.get("redirect_uri") ?? "",
    };
    expect(flow.state).toMatch(/^[A-Za-z0-9]{32}$/);
    const landed = await browser.fetch(await consent(h, flow));
    expect(landed.status).toBe(302);
    expect(landed.headers.get("location")).toBe("/coupon");
  });

  it("userinfo to an allowed other site: both warnings; next defaults to /", async () => {
    const { body } = await build({ scope: "snsapi_userinfo", next: "https://shop.example.cn/p?id=1" });
    expect(body.checks.map((c) => `${c.code}:${c.level}`)).toEqual([
      "userinfo_on_landing:warning",
      "next_off_origin:warning",
      "direct_link_unbound:warning",
    ]);
    const plain = await build({ scope: "snsapi_base" });
    const token = new URL(plain.body.startUrl).searchParams.get("link") ?? "";
    expect(verifyMenuLink(token, h.config.sessionSecret)).toEqual({ scope: "snsapi_base", next: "/" });
  });

  it("next outside the allowlist → 400 next_not_allowed; bad scope → 400 naming the field", async () => {
    for (const next of ["//evil.com", "https://evil.com/x", "javascript:alert(1)", "/%2F%2Fevil.com"]) {
      const answer = await build({ scope: "snsapi_base", next });
      expect(answer.status, next).toBe(400);
      expect(errorCode(answer)).toBe("next_not_allowed");
    }
    for (const [body, field] of [
      [{}, "body.scope"],
      [{ scope: "snsapi_login" }, "body.scope"],
      [{ scope: "snsapi_base", next: {} }, "body.next"],
      [{ scope: "snsapi_base", next: `/${"a".repeat(2048)}` }, "body.next"],
    ] as const) {
      const answer = await build(body);
      expect(answer.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(errorCode(answer)).toBe("bad_request");
      expect((answer.body as unknown as { error: { field: string } }).error.field).toBe(field);
    }
  });

  it("admin only: support 403, no key 401 (before validation)", async () => {
    const support = await build({ scope: "snsapi_base" }, "support");
    expect(support.status).toBe(403);
    expect(errorCode(support)).toBe("forbidden");
    const none = await build({ scope: "nonsense" }, "none");
    expect(none.status).toBe(401);
    expect(errorCode(none)).toBe("unauthorized");
  });

  it("settings that cannot make an authorize link: 500 config_invalid listing wechat/'s problems", async () => {
    // Only the server's own config feeds the link (loadConfig refuses such an AppID; this forces it).
    const app = Fastify();
    registerErrorHandler(app);
    await app.register(linksRoutes, { ctx: { ...h.ctx, config: { ...h.config, appid: "wxNOTANAPPID" } } });
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const address = app.server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      const { status, body } = await getJson<{
        error: { code: string; messageZh: string; checks: LinkCheck[] };
      }>(`http://127.0.0.1:${port}/links`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"scope":"snsapi_base"}',
      });
      expect(status).toBe(500);
      expect(body.error.code).toBe("config_invalid");
      expect(body.error.messageZh).toBeTruthy();
      expect(body.error.checks.map((c) => `${c.code}:${c.level}`)).toEqual([
        "authorize_appid_invalid_format:error",
      ]);
    } finally {
      await app.close();
    }
  });
});

describe("admin API: POST links/check", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ nextAllow: ["https://shop.example.cn"] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const check = (body: unknown, key: "admin" | "support" | "none" = "admin") =>
    api<PastedLinkVerdict>(h, "POST", "/links/check", { key, body });

  it("the server's own links, as built: read back, nothing that stops them (support may ask too)", async () => {
    const built = await api<LinksBody>(h, "POST", "/links", {
      body: { scope: "snsapi_base", next: "/orders" },
    });
    const start = await check({ url: built.body.startUrl }, "support");
    expect(start.status).toBe(200);
    expect(start.body).toEqual({
      kind: "start",
      own: true,
      scope: "snsapi_base",
      next: "/orders",
      checks: [],
    });
    const direct = await check({ url: built.body.directUrl });
    expect(direct.status).toBe(200);
    expect(direct.body).toMatchObject({ kind: "direct", own: true, scope: "snsapi_base", next: "/orders" });
    expect(direct.body.checks.map((c) => `${c.level}:${c.code}`)).toEqual(["warning:direct_link_unbound"]);
  });

  it("a start link cut short is refused by /oauth/start, and the check says so first", async () => {
    const built = await api<LinksBody>(h, "POST", "/links", { body: { scope: "snsapi_base", next: "/" } });
    const cut = built.body.startUrl.slice(0, -4);
    const { body } = await check({ url: cut });
    expect(body.checks.map((c) => c.code)).toEqual(["link_signature"]);
    const opened = await new Browser().fetch(cut.replace(h.config.publicUrl, h.url));
    expect(opened.status).toBe(400);
  });

  it("bad input → 400 bad_request naming body.url; no key → 401", async () => {
    for (const body of [{}, { url: "" }, { url: {} }, { url: `https://x/${"a".repeat(4096)}` }]) {
      const answer = await check(body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(errorCode(answer)).toBe("bad_request");
    }
    expect((await check({ url: "" })).text).toContain("body.url");
    const none = await check({ url: "https://example.com" }, "none");
    expect(none.status).toBe(401);
  });
});
