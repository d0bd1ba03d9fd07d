import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, type OAuthHarness, startOAuthHarness } from "../routes/oauth/testing/oauth-test-harness.js";
import { type HttpAnswer, httpCall } from "../testing/http-call.js";

/**
 * Behind nginx every connection comes from 127.0.0.1. With WXDESK_TRUST_PROXY naming the proxy,
 * the client is the address it forwards (X-Forwarded-For): each user gets a wrong-key allowance
 * and a log IP of their own. Without it, X-Forwarded-For is nobody's word: a client cannot leave
 * its bucket by writing another address into the header.
 */

interface Line {
  msg?: string;
  ip?: string;
  path?: string;
  reqId?: string;
  level?: number;
}

/**
 * The client IPs of the request-completed lines of GET /admin/api/info, in order. Each line names
 * its request (the same id Fastify's own lines carry), at info level.
 */
function infoLineIps(lines: Line[]): Array<string | undefined> {
  const completed = lines.filter((l) => l.msg === "request completed" && l.path === "/admin/api/info");
  expect(new Set(completed.map((l) => l.reqId)).size).toBe(completed.length);
  expect(completed.every((l) => /^req-\w+$/.test(l.reqId ?? "") && l.level === 30)).toBe(true);
  return completed.map((l) => l.ip);
}

async function startWithLog(trustProxy: string[], publicScheme: "http" | "https" = "http") {
  const lines: Line[] = [];
  const h = await startOAuthHarness({
    publicScheme,
    config: { trustProxy },
    app: {
      logger: { level: "info", stream: { write: (line: string) => lines.push(JSON.parse(line) as Line) } },
    },
  });
  return { h, lines };
}

function info(h: OAuthHarness, key: string, forwardedFor?: string): Promise<HttpAnswer> {
  return httpCall(`${h.url}/admin/api/info`, {
    headers: {
      authorization: `Bearer ${key}`,
      ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
    },
  });
}

describe("through a trusted proxy (WXDESK_TRUST_PROXY=127.0.0.1)", () => {
  let h: OAuthHarness;
  let lines: Line[];
  beforeAll(async () => {
    ({ h, lines } = await startWithLog(["127.0.0.1"], "https"));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("throttles the forwarded client, not the proxy: 203.0.113.7 is refused, 203.0.113.8 carries on", async () => {
    for (let i = 0; i < 10; i++) {
      // What the client itself wrote before the proxy appended its peer is not believed.
      expect((await info(h, `wrong-${i}-0123456789abcdefghij`, `198.51.100.${i}, 203.0.113.7`)).status).toBe(
        401,
      );
    }
    expect((await info(h, h.config.adminKey as string, "203.0.113.7")).status).toBe(429);
    expect((await info(h, h.config.adminKey as string, "203.0.113.8")).status).toBe(200);
    expect((await info(h, "wrong-x-0123456789abcdefghij", "203.0.113.8")).status).toBe(401);

    const ips = infoLineIps(lines);
    expect(ips.slice(0, 11)).toEqual(Array(11).fill("203.0.113.7"));
    expect(ips.slice(11)).toEqual(["203.0.113.8", "203.0.113.8"]);
  });

  it("counts IPv6 clients by their /64", async () => {
    for (let i = 1; i <= 10; i++) {
      expect((await info(h, `wrong-${i}-0123456789abcdefghij`, `2001:db8::${i.toString(16)}`)).status).toBe(
        401,
      );
    }
    expect((await info(h, h.config.adminKey as string, "2001:db8::ffff:1")).status).toBe(429);
    expect((await info(h, h.config.adminKey as string, "2001:db8:0:1::1")).status).toBe(200);
  });

  it("a listed proxy's X-Forwarded-For raised no warning", () => {
    expect(lines.filter((l) => String(l.msg).includes("WXDESK_TRUST_PROXY does not list"))).toEqual([]);
  });

  it("cookies and links still come from WXDESK_PUBLIC_URL, whatever X-Forwarded-Proto/Host say", async () => {
    const browser = new Browser();
    const start = await browser.fetch(`${h.url}/oauth/start?scope=snsapi_base`, {
      headers: {
        "x-forwarded-proto": "http",
        "x-forwarded-host": "evil.example",
        "x-forwarded-for": "203.0.113.20",
      },
    });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${h.config.publicUrl}/oauth/callback`);
    expect(h.config.publicUrl.startsWith("https://")).toBe(true);
    expect(browser.lastSetCookies.length).toBeGreaterThan(0);
    for (const cookie of browser.lastSetCookies) expect(cookie).toMatch(/;\s*Secure/i);

    const links = await httpCall(`${h.url}/admin/api/links`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${h.config.adminKey}`,
        "content-type": "application/json",
        "x-forwarded-proto": "http",
        "x-forwarded-host": "evil.example",
        "x-forwarded-for": "203.0.113.21",
      },
      body: JSON.stringify({ scope: "snsapi_base" }),
    });
    expect(links.status).toBe(200);
    expect(links.text).not.toContain("evil.example");
    expect(links.text).toContain(encodeURIComponent(h.config.publicUrl));
  });
});

describe("without a trusted proxy (the default)", () => {
  let h: OAuthHarness;
  let lines: Line[];
  beforeAll(async () => {
    ({ h, lines } = await startWithLog([]));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("ignores X-Forwarded-For: a new address in the header for every guess does not escape the bucket", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await info(h, `wrong-${i}-0123456789abcdefghij`, `203.0.113.${100 + i}`)).status).toBe(401);
    }
    expect((await info(h, h.config.adminKey as string, "203.0.113.200")).status).toBe(429);
    const ips = infoLineIps(lines);
    expect(new Set(ips)).toEqual(new Set(["127.0.0.1"]));
    // …and says once that a proxy seems to be in front without being trusted.
    expect(lines.filter((l) => String(l.msg).includes("WXDESK_TRUST_PROXY does not list"))).toEqual([
      expect.objectContaining({ level: 40, peer: "127.0.0.1" }),
    ]);
  });
});
