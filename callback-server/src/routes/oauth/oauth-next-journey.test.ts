import { buildAuthorizeUrl } from "@wxdesk/wechat";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../admin/testing/users-test-kit.js";
import { menuLinkToken, signMenuLink } from "./menu-link.js";
import { nextStrings } from "./testing/next-target-arbitraries.js";
import {
  Browser,
  followJourney,
  type JourneyEnd,
  type OAuthHarness,
  startOAuthHarness,
} from "./testing/oauth-test-harness.js";

const SHOP = "https://shop.example.cn";

/**
 * No open redirect, end to end: whatever `next` is and wherever it enters, the Location the real
 * server sends at the end of a full journey (real sandbox authorize page → callback) is refused
 * with the friendly page, or lands on the public origin or an allowed one and never starts with
 * `//` or `/\`.
 */
describe("next, end to end through the sandbox", () => {
  let h: OAuthHarness;
  let openid: string;
  beforeAll(async () => {
    h = await startOAuthHarness({ nextAllow: [SHOP] });
    openid = h.users.find((u) => !u.snapshot)?.openid ?? "";
  });
  afterAll(async () => {
    await h?.close();
  });

  type Entry = "start" | "menu_link" | "direct_link" | "admin_links";

  /** The first URL of a journey whose `next` is `raw`, or null when the admin API refused it. */
  async function firstUrl(entry: Entry, raw: string): Promise<string | null> {
    const { config } = h;
    const link = { scope: "snsapi_base" as const, next: raw };
    switch (entry) {
      case "start":
        return `${h.url}/oauth/start?${new URLSearchParams({ scope: "snsapi_base", next: raw })}`;
      case "menu_link":
        // Signed as it is: an old link, or one made before the allowlist changed.
        return `${h.url}${new URL(signMenuLink(link, config.sessionSecret, config.publicUrl)).pathname}?link=${menuLinkToken(link, config.sessionSecret)}`;
      case "direct_link":
        return buildAuthorizeUrl({
          appid: config.appid,
          redirectUri: `${config.publicUrl}/oauth/callback?link=${menuLinkToken(link, config.sessionSecret)}`,
          scope: "snsapi_base",
          state: "wxdesk",
          openBase: config.openBase,
        });
      case "admin_links": {
        const answer = await api<{ startUrl: string; directUrl: string; error?: { code: string } }>(
          h,
          "POST",
          "/links",
          { body: link },
        );
        if (answer.status === 400) {
          expect(answer.body.error?.code).toBe("next_not_allowed");
          return null;
        }
        expect(answer.status).toBe(200);
        return answer.body.directUrl;
      }
    }
  }

  function expectSafeEnd(end: JourneyEnd, html: string): void {
    if (end.location === null) {
      expect(end.response.status).toBe(400);
      expect(end.response.headers.get("content-type")).toContain("text/html");
      expect(html).toContain("不允许跳转到该地址");
      return;
    }
    const location = end.location;
    expect(location.startsWith("//") || location.startsWith("/\\")).toBe(false);
    expect([h.config.publicUrl, SHOP]).toContain(new URL(location, h.config.publicUrl).origin);
  }

  const entries = fc.constantFrom<Entry>("start", "menu_link", "direct_link", "admin_links");
  const nexts = fc.oneof(
    { arbitrary: nextStrings, weight: 3 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  );

  it("any next, any entry: refused, or a Location on an allowed origin", async () => {
    await fc.assert(
      fc.asyncProperty(entries, nexts, async (entry, raw) => {
        const url = await firstUrl(entry, raw);
        if (url === null) return;
        const end = await followJourney(h, new Browser(), url, openid);
        expectSafeEnd(end, await end.response.text());
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it.each<Entry>(["start", "menu_link", "direct_link"])(
    "the reported case, via %s: /.//evil.com is refused",
    async (entry) => {
      const url = await firstUrl(entry, "/.//evil.com");
      const end = await followJourney(h, new Browser(), url ?? "", openid);
      expect(end.location).toBeNull();
      expect(end.response.status).toBe(400);
      expect(await end.response.text()).toContain("不允许跳转到该地址");
    },
  );

  it("an allowed next still ends the journey there", async () => {
    const end = await followJourney(
      h,
      new Browser(),
      (await firstUrl("start", "/orders?id=7")) ?? "",
      openid,
    );
    expect(end.location).toBe("/orders?id=7");
    const shop = await followJourney(
      h,
      new Browser(),
      (await firstUrl("direct_link", `${SHOP}/cart`)) ?? "",
      openid,
    );
    expect(shop.location).toBe(`${SHOP}/cart`);
  });

  it("/oauth/snapshot: any next gives its page or the refusal, and its button keeps a safe next", async () => {
    await fc.assert(
      fc.asyncProperty(nexts, async (raw) => {
        const response = await fetch(`${h.url}/oauth/snapshot?${new URLSearchParams({ next: raw })}`);
        const html = await response.text();
        expect(response.headers.get("content-type")).toContain("text/html");
        if (response.status === 400) {
          expect(html).toContain("不允许跳转到该地址");
          return;
        }
        expect(response.status).toBe(200);
        const href = /href="(\/oauth\/start\?[^"]*)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? "";
        const next = new URL(href, h.url).searchParams.get("next") ?? "/";
        expect(next.startsWith("//") || next.startsWith("/\\")).toBe(false);
        expect([h.config.publicUrl, SHOP]).toContain(new URL(next, h.config.publicUrl).origin);
      }),
      { numRuns: 120 },
    );
  });
});
