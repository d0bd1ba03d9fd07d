import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthHarness, startOAuthHarness } from "../oauth/testing/oauth-test-harness.js";
import { api, authorizeAs, errorCode } from "./testing/users-test-kit.js";

interface InfoBody {
  appid: string;
  role: string;
  version: string;
  publicUrl: string;
  callbackUrl: string;
  authorizedDomain: string;
  nextAllow: string[];
  openBase: string;
  store: string;
  tokenSource: string;
  messagePush: { url: string; configured: boolean; aes: boolean };
  users: number;
  storage: { kind: string; persistence: string; warning?: { zh: string; en: string } };
}

describe("admin API: GET info and the OpenAPI document", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ nextAllow: ["https://shop.example.cn"] });
    await authorizeAs(h, "李娜🌸");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers the settings and the caller's role, never a secret", async () => {
    const admin = await api<InfoBody>(h, "GET", "/info");
    expect(admin.status).toBe(200);
    expect(admin.body).toEqual({
      appid: SANDBOX_DEFAULTS.appid,
      role: "admin",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      publicUrl: h.config.publicUrl,
      callbackUrl: `${h.config.publicUrl}/oauth/callback`,
      authorizedDomain: "127.0.0.1",
      nextAllow: ["https://shop.example.cn"],
      openBase: h.sandbox.url,
      store: "sqlite",
      tokenSource: "stable_token",
      messagePush: { url: `${h.config.publicUrl}/wechat`, configured: false, aes: false },
      users: 1,
      storage: { kind: "sqlite", persistence: "file" },
    });
    expect(admin.headers.get("cache-control")).toBe("no-store");

    const support = await api<InfoBody>(h, "GET", "/info", { key: "support" });
    expect(support.status).toBe(200);
    expect(support.body.role).toBe("support");

    for (const secret of [
      h.config.secret,
      h.config.adminKey,
      h.config.supportKey,
      h.config.sessionSecret,
      h.config.tokenKey,
    ]) {
      expect(secret).toBeTruthy();
      expect(admin.text).not.toContain(secret);
      expect(support.text).not.toContain(secret);
    }
  });

  it("no key → 401; a wrong key → 401", async () => {
    const none = await api(h, "GET", "/info", { key: "none" });
    expect(none.status).toBe(401);
    expect(errorCode(none)).toBe("unauthorized");
    const wrong = await api(h, "GET", "/info", { key: "none", headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
  });

  it("openapi.json (no key) documents every read route and links, tagged", async () => {
    const { status, body } = await api<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>(h, "GET", "/openapi.json", { key: "none" });
    expect(status).toBe(200);
    const expected: Array<[string, string, string]> = [
      ["/admin/api/info", "get", "info"],
      ["/admin/api/users", "get", "users"],
      ["/admin/api/users/{openid}", "get", "users"],
      ["/admin/api/users/{openid}/check", "post", "users"],
      ["/admin/api/users/{openid}/refresh", "post", "users"],
      ["/admin/api/users/{openid}/userinfo", "post", "users"],
      ["/admin/api/stats", "get", "stats"],
      ["/admin/api/events/recent", "get", "events"],
      ["/admin/api/events", "get", "events"],
      ["/admin/api/links", "post", "links"],
      ["/admin/api/wechat-status", "get", "info"],
    ];
    for (const [path, method, tag] of expected) {
      expect(body.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual([tag]);
    }
    // A store outage can meet any route: every one documents 503 store_unavailable.
    const operations = Object.values(body.paths).flatMap((methods) => Object.values(methods));
    for (const operation of operations) {
      const meaning = (operation as { responses?: Record<string, { description?: string }> }).responses?.[
        "503"
      ];
      expect(meaning?.description).toContain("store_unavailable");
    }
    // Untagged routes (OAuth pages, push, health) stay out.
    expect(Object.keys(body.paths).every((p) => p.startsWith("/admin/api/"))).toBe(true);
  });
});
