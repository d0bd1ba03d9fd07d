import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuLinkToken } from "./menu-link.js";
import {
  Browser,
  consent,
  type OAuthHarness,
  startFlow,
  startOAuthHarness,
} from "./testing/oauth-test-harness.js";

/**
 * Whatever reaches `/oauth/callback` — any code, state and link values, repeated parameters, a
 * real state or a real code mixed with junk, broken percent-encoding — the browser gets an HTML
 * page or a redirect, never a 500 and never JSON.
 */
describe("GET /oauth/callback with any query", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  type Real = "none" | "state" | "code" | "link";
  const names = fc.constantFrom("code", "state", "link", "next", "scope");
  const values = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.constantFrom("", "wxdesk", "a".repeat(600), "x.y", "%", "%zz", "null", "[]"),
  );
  const params = fc.array(fc.tuple(names, values), { maxLength: 6 });

  async function realValues(browser: Browser, real: Real): Promise<Array<[string, string]>> {
    if (real === "none") return [];
    const flow = await startFlow(h, browser, "?scope=snsapi_base");
    if (real === "state") return [["state", flow.state]];
    if (real === "link")
      return [["link", menuLinkToken({ scope: "snsapi_base", next: "/" }, h.config.sessionSecret)]];
    const callback = new URL(await consent(h, flow));
    return [["code", callback.searchParams.get("code") ?? ""]];
  }

  it("encoded values: a page or a redirect, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        params,
        fc.constantFrom<Real>("none", "state", "code", "link"),
        async (pairs, real) => {
          const browser = new Browser();
          const query = new URLSearchParams([...(await realValues(browser, real)), ...pairs]);
          const response = await browser.fetch(`${h.url}/oauth/callback?${query}`);
          await expectPageOrRedirect(response);
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  it("raw query text (broken escapes, brackets, separators): a page or a redirect, never a 500", async () => {
    const raw = fc
      .array(
        fc.constantFrom("code", "state", "link", "=", "&", "%", "%2", "%zz", "[]", "[a]", ";", "+", "x", "é"),
        {
          maxLength: 12,
        },
      )
      .map((pieces) => pieces.join(""));
    await fc.assert(
      fc.asyncProperty(raw, async (query) => {
        const response = await fetch(`${h.url}/oauth/callback?${query}`, { redirect: "manual" });
        await expectPageOrRedirect(response);
      }),
      { numRuns: 80 },
    );
  }, 60_000);
});

async function expectPageOrRedirect(response: Response): Promise<void> {
  const body = await response.text();
  expect(response.status).not.toBe(500);
  if (response.status === 302) {
    expect(response.headers.get("location")).toBeTruthy();
    return;
  }
  expect(response.headers.get("content-type")).toContain("text/html");
  expect(body).toContain("<!doctype html>");
}
