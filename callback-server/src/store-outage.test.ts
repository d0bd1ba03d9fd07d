import { randomInt } from "node:crypto";
import { Writable } from "node:stream";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { buildEventXml, pushSignature } from "@wxdesk/wechat";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMenuLink } from "./routes/oauth/menu-link.js";
import {
  Browser,
  consent,
  fullJourney,
  type OAuthHarness,
  startFlow,
  startOAuthHarness,
} from "./routes/oauth/testing/oauth-test-harness.js";
import { type OwnRedis, ownRedisUnavailable, startOwnRedis } from "./testing/own-redis.js";

const noRedis = ownRedisUnavailable();

/** Every status the server logged (its one-line request log), so a 500 anywhere is seen. */
function statusLog(): { stream: Writable; statuses: () => number[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const statuses = () =>
    lines.flatMap((line) => {
      const entry = JSON.parse(line) as { statusCode?: number; res?: { statusCode?: number } };
      const status = entry.statusCode ?? entry.res?.statusCode;
      return typeof status === "number" ? [status] : [];
    });
  return { stream, statuses };
}

interface ErrorJson {
  error?: { code?: string; message?: string; messageZh?: string };
}

/** The store-down page: 503, zh-CN first, English below, a retry button to `retryHref`. */
async function expectUnavailablePage(
  response: Response,
  retryHref: string,
  lang: "zh-CN" | "en" = "zh-CN",
): Promise<void> {
  expect(response.status, response.url).toBe(503);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  const html = await response.text();
  const escaped = retryHref.replaceAll("&", "&amp;");
  // One language per page (issue 10, item 7): the phone's, never both.
  const [title, retry, other] =
    lang === "en"
      ? ["Service temporarily unavailable", "Try again", "服务暂时不可用"]
      : ["服务暂时不可用", "重试", "Service temporarily unavailable"];
  expect(html).toContain(`<html lang="${lang}">`);
  expect(html).toContain(`<h1>${title}</h1>`);
  expect(html).toContain(`<a class="btn primary" href="${escaped}">${retry}</a>`);
  expect(html).not.toContain(other);
  expect(html).not.toContain("internal");
}

function expectStoreUnavailableJson(status: number, body: ErrorJson, what: string): void {
  expect(status, what).toBe(503);
  expect(body.error?.code, what).toBe("store_unavailable");
  expect(body.error?.message, what).toBeTruthy();
  expect(body.error?.messageZh, what).toBeTruthy();
}

describe.skipIf(noRedis)(
  "a Redis outage, route by route (an own redis-server, stopped and started again)",
  () => {
    let redis: OwnRedis;
    let h: OAuthHarness;
    const log = statusLog();
    const signedIn = new Browser();
    const admin = { authorization: "Bearer admin-key-0123456789abcdefghij" };
    let adminRoutes: Array<{ method: string; path: string }> = [];

    beforeAll(async () => {
      redis = await startOwnRedis();
      h = await startOAuthHarness({
        redisUrl: redis.url,
        config: { msgToken: SANDBOX_DEFAULTS.token },
        app: { logger: { level: "info", stream: log.stream } },
      });
      const journey = await fullJourney(h, signedIn, { openid: h.users[0]?.openid ?? "" });
      expect(journey.landing.status).toBe(200);
      const openapi = (await (await fetch(`${h.url}/admin/api/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      adminRoutes = Object.entries(openapi.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
      );
      expect(adminRoutes.length).toBeGreaterThan(15);
    }, 30_000);

    afterAll(async () => {
      await redis?.start(); // the harness drops its keys on close
      await h?.close();
      await redis?.close();
    });

    async function push(): Promise<Response> {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = String(randomInt(1e9, 1e10));
      const url = new URL(`${h.url}/wechat`);
      url.searchParams.set("signature", pushSignature(SANDBOX_DEFAULTS.token, timestamp, nonce));
      url.searchParams.set("timestamp", timestamp);
      url.searchParams.set("nonce", nonce);
      const xml = buildEventXml({
        toUserName: SANDBOX_DEFAULTS.originalId,
        fromUserName: h.users[0]?.openid ?? "",
        createTime: 1_600_000_000 + randomInt(1e8),
        event: "CLICK",
        eventKey: "V1001_HELLO",
      });
      return fetch(url, { method: "POST", headers: { "content-type": "text/xml" }, body: xml });
    }

    /** An admin call with path parameters filled in and a body the route's schema accepts where simple. */
    async function adminCall(route: {
      method: string;
      path: string;
    }): Promise<{ status: number; body: ErrorJson }> {
      const path = route.path
        .replace("{openid}", h.users[0]?.openid ?? "x")
        .replace("{id}", "1")
        .replace("{menuid}", "1");
      const body =
        route.method === "GET" || route.method === "DELETE"
          ? undefined
          : path.endsWith("/replies")
            ? { click: {} }
            : path.endsWith("/links")
              ? { scope: "snsapi_base", next: "/" }
              : { button: [{ type: "click", name: "今日", key: "V1001" }] };
      const response = await fetch(`${h.url}${path}`, {
        method: route.method,
        headers: { ...admin, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text.startsWith("{") ? (JSON.parse(text) as ErrorJson) : {} };
    }

    it("while Redis is down: pages answer a 503 page, JSON routes 503 store_unavailable, WeChat's push success — never 500", async () => {
      await redis.stop();

      // Every page a browser opens that needs the store.
      const link = signMenuLink({ scope: "snsapi_userinfo", next: "/" }, h.config.sessionSecret, h.url);
      const start = "/oauth/start?scope=snsapi_userinfo&next=%2F";
      await expectUnavailablePage(await signedIn.fetch(`${h.url}/`), "/");
      await expectUnavailablePage(await new Browser().fetch(`${h.url}${start}`), start);
      // WeChat in English says so in its user agent: the same page in English.
      const weChatEn =
        "Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 MicroMessenger/8.0.49 NetType/WIFI Language/en";
      await expectUnavailablePage(
        await fetch(`${h.url}${start}`, { headers: { "user-agent": weChatEn } }),
        start,
        "en",
      );
      await expectUnavailablePage(
        await new Browser().fetch(link),
        new URL(link).pathname + new URL(link).search,
      );
      // A callback's code may be spent: its retry starts afresh instead of reloading the callback.
      const fresh = "/oauth/start?scope=snsapi_userinfo";
      await expectUnavailablePage(
        await new Browser().fetch(`${h.url}/oauth/callback?code=c0de&state=s1`),
        fresh,
      );
      await expectUnavailablePage(await new Browser().fetch(`${h.url}/oauth/callback?state=s1`), fresh);

      // Pages that need no store still work.
      expect((await new Browser().fetch(`${h.url}/`)).status).toBe(200);
      expect((await new Browser().fetch(`${h.url}/oauth/snapshot?next=%2F`)).status).toBe(200);

      // JSON for pages' scripts.
      const me = await signedIn.fetch(`${h.url}/api/me`);
      expectStoreUnavailableJson(me.status, (await me.json()) as ErrorJson, "/api/me");
      const jssdk = await fetch(`${h.url}/jssdk/config?url=${encodeURIComponent(`${h.config.publicUrl}/`)}`);
      expectStoreUnavailableJson(jssdk.status, (await jssdk.json()) as ErrorJson, "/jssdk/config");

      // WeChat's push: `success` (no retry storm, no "该公众号暂时无法提供服务" on the phone).
      const pushed = await push();
      expect(pushed.status).toBe(200);
      expect(await pushed.text()).toBe("success");

      // Health: alive, not ready.
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${h.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: { store: { ok: boolean } } }).checks.store.ok).toBe(false);

      // Every admin route in the OpenAPI document (the SSE stream aside: it answers 200 and then waits).
      const answers = await Promise.all(
        adminRoutes
          .filter((r) => r.path !== "/admin/api/events" && r.path !== "/admin/api/openapi.json")
          .map(async (route) => ({ route, ...(await adminCall(route)) })),
      );
      for (const { route, status, body } of answers) {
        const what = `${route.method} ${route.path} → ${status} ${JSON.stringify(body)}`;
        expect(status, what).not.toBe(500);
        if (status === 503) expect(body.error?.code, what).toBe("store_unavailable");
      }
      const storeRoutes = ["/admin/api/info", "/admin/api/users", "/admin/api/stats", "/admin/api/replies"];
      for (const path of storeRoutes) {
        const { status, body } = await adminCall({ method: "GET", path });
        expectStoreUnavailableJson(status, body, path);
      }

      // The server's own log saw the 503s, and no 500.
      expect(log.statuses()).toContain(503);
      expect(log.statuses()).not.toContain(500);
    }, 60_000);

    it("once Redis is back the same server serves again: ready, sign-in, JS-SDK, push, admin", async () => {
      await redis.start();
      // Reconnect attempts are at most 0.5 s apart; readiness says when this instance is back.
      const deadline = Date.now() + 5_000;
      let ready = await fetch(`${h.url}/readyz`);
      while (ready.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        ready = await fetch(`${h.url}/readyz`);
      }
      expect(ready.status).toBe(200);

      const user = h.users.find((u) => !u.snapshot);
      const journey = await fullJourney(h, new Browser(), { openid: user?.openid ?? "" });
      expect(journey.landing.status).toBe(200);
      expect(journey.html).toContain("你好，");
      const jssdk = await fetch(`${h.url}/jssdk/config?url=${encodeURIComponent(`${h.config.publicUrl}/`)}`);
      expect(jssdk.status).toBe(200);
      expect(await (await push()).text()).toBe("success");
      const info = await fetch(`${h.url}/admin/api/info`, { headers: admin });
      expect(info.status).toBe(200);
      expect(log.statuses()).not.toContain(500);
    }, 30_000);

    it("a frozen Redis (connected, silent): /readyz still answers 503, it does not wait for Redis", async () => {
      redis.freeze();
      try {
        // A deadline, not a stopwatch: a readiness check that waited for the frozen Redis would still be
        // waiting when it aborts (speed itself is measured in `npm run bench`).
        const ready = await fetch(`${h.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
        expect(ready.status).toBe(503);
      } finally {
        redis.thaw();
      }
    }, 10_000);

    it("Redis goes down in the middle of a callback (code claimed, exchanged): the 503 page, retry afresh", async () => {
      const exchange = "/sns/oauth2/access_token";
      const browser = new Browser();
      const flow = await startFlow(h, browser, "?scope=snsapi_userinfo&next=%2F");
      const callbackUrl = await consent(h, flow, h.users.find((u) => !u.snapshot)?.openid);
      // WeChat answers the exchange slowly; Redis stops while it is in flight.
      expect(
        (await h.sandboxJson("/_sandbox/faults", [{ path: exchange, rate: 1, latencyMs: 400 }], "PUT"))
          .status,
      ).toBe(200);
      const exchanging = new Promise<void>((resolve) => {
        const onRequest = (request: { url?: string }) => {
          if (!request.url?.startsWith(exchange)) return;
          h.sandbox.app.server.off("request", onRequest);
          resolve();
        };
        h.sandbox.app.server.on("request", onRequest);
      });
      try {
        const answer = browser.fetch(callbackUrl);
        await exchanging;
        await redis.stop();
        await expectUnavailablePage(await answer, "/oauth/start?scope=snsapi_userinfo");
      } finally {
        await h.sandboxJson("/_sandbox/faults", [], "PUT");
        await redis.start();
      }
      expect(log.statuses()).not.toContain(500);
    }, 20_000);
  },
);

describe.skipIf(noRedis)("a server started while its Redis is down", () => {
  let redis: OwnRedis;
  let h: OAuthHarness | undefined;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(async () => {
    await redis?.start(); // the harness drops its keys on close
    await h?.close();
    await redis?.close();
  });

  it("starts (a reboot may bring it up first), answers 503 meanwhile, and serves once Redis is up", async () => {
    await redis.stop();
    h = await startOAuthHarness({ redisUrl: redis.url });
    const start = "/oauth/start?scope=snsapi_base&next=%2F";
    await expectUnavailablePage(await new Browser().fetch(`${h.url}${start}`), start);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(503);

    await redis.start();
    const deadline = Date.now() + 5_000;
    while ((await fetch(`${h.url}/readyz`)).status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const journey = await fullJourney(h, new Browser(), {
      openid: h.users.find((u) => !u.snapshot)?.openid ?? "",
    });
    expect(journey.landing.status).toBe(200);
  }, 30_000);
});

describe("a SQLite file locked by another connection past the busy timeout", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("writes answer the 503 page / store_unavailable instead of 500", async () => {
    const holder = new Database(h.config.dbPath);
    holder.exec("BEGIN IMMEDIATE");
    try {
      // Both wait out SQLite's busy timeout (5 s) side by side.
      const start = "/oauth/start?scope=snsapi_base&next=%2F";
      const [page, replies] = await Promise.all([
        new Browser().fetch(`${h.url}${start}`),
        fetch(`${h.url}/admin/api/replies`, {
          method: "PUT",
          headers: {
            authorization: "Bearer admin-key-0123456789abcdefghij",
            "content-type": "application/json",
          },
          body: JSON.stringify({ click: {} }),
        }),
      ]);
      await expectUnavailablePage(page, start);
      expectStoreUnavailableJson(replies.status, (await replies.json()) as ErrorJson, "PUT replies");
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect((await new Browser().fetch(`${h.url}/oauth/start?scope=snsapi_base`)).status).toBe(302);
  }, 30_000);
});
