import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type OAuthHarness, startOAuthHarness } from "../routes/oauth/testing/oauth-test-harness.js";

/**
 * A client's mistake is not the server's error: no 4xx may write a line at level ≥ 50 (error), or a
 * log watcher pages someone for a typo in a URL. A real app with its log stream captured, driven
 * with many kinds of bad requests on every route it has.
 */

interface LogLine {
  level: number;
  msg?: string;
  statusCode?: number;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
}

describe("4xx answers never log at error level", () => {
  let h: OAuthHarness;
  const lines: LogLine[] = [];
  let sent = 0;
  const statuses: number[] = [];

  beforeAll(async () => {
    h = await startOAuthHarness({
      app: {
        logger: {
          level: "info",
          stream: { write: (line: string) => lines.push(JSON.parse(line) as LogLine) },
        },
        // Dozens of wrong keys on purpose here: the throttle has its own tests.
        keyThrottle: { maxFailures: 1_000 },
      },
      config: { msgToken: SANDBOX_DEFAULTS.token, msgAesKey: SANDBOX_DEFAULTS.encodingAesKey },
    });
  });
  afterAll(async () => {
    await h?.close();
  });
  // Each case judges its own lines.
  beforeEach(async () => {
    await logSettled();
    lines.length = 0;
    statuses.length = 0;
    sent = 0;
  });

  /** One request; the answer's status is kept, the stream (if any) is cut. */
  async function send(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ) {
    const controller = new AbortController();
    const response = await fetch(`${h.url}${path}`, {
      method,
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: controller.signal,
      redirect: "manual",
    });
    // The router answers 414 (a too-long path parameter) outside the request cycle: no request line.
    if (response.status !== 414) sent += 1;
    statuses.push(response.status);
    const streaming = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
    if (streaming) controller.abort();
    else await response.arrayBuffer();
    return response.status;
  }

  const admin = () => ({ authorization: `Bearer ${h.config.adminKey}` });
  const json = () => ({ ...admin(), "content-type": "application/json" });

  /** Every request has written its line (Fastify logs on 'finish'): then the log is complete. */
  async function logSettled(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (lines.filter((l) => l.msg === "request completed").length < sent) {
      if (Date.now() > deadline) throw new Error("request lines did not arrive");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  function errorLines(): LogLine[] {
    return lines.filter((line) => line.level >= 50);
  }

  it("unknown user ids on every user route (the 404 that used to log a TypeError)", async () => {
    for (const id of ["nobody", "o".repeat(100), "%E5%BC%A0%E4%BC%9F", "a%20b", "__proto__", "constructor"]) {
      expect(await send("GET", `/admin/api/users/${id}`, { headers: admin() })).toBe(404);
      for (const action of ["check", "refresh", "userinfo"]) {
        expect(await send("POST", `/admin/api/users/${id}/${action}`, { headers: admin() })).toBe(404);
      }
    }
    // Longer than a path parameter may be: 414 before any lookup.
    expect(await send("POST", `/admin/api/users/${"o".repeat(129)}/check`, { headers: admin() })).toBe(414);
    await logSettled();
    expect(errorLines()).toEqual([]);
  });

  it("bad bodies, bad JSON, wrong media types, bad queries and unknown ids on every admin route", async () => {
    const doc = (await (await fetch(`${h.url}/admin/api/openapi.json`)).json()) as OpenApiDoc;
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase(),
        path: path.replace("{openid}", "nobody").replace("{id}", "999999").replace("{menuid}", "999999"),
      })),
    );
    expect(routes.length).toBeGreaterThan(10);
    const bodies = ["{", "[]", '"text"', "null", "12", '{"button":"x"}', '{"__proto__":{"x":1}}', "{}"];
    for (const route of routes) {
      const hasBody = route.method !== "GET" && route.method !== "DELETE";
      if (hasBody) {
        for (const body of bodies) await send(route.method, route.path, { headers: json(), body });
        await send(route.method, route.path, {
          headers: { ...admin(), "content-type": "text/plain" },
          body: "x",
        });
        await send(route.method, route.path, {
          headers: json(),
          body: JSON.stringify({ big: "x".repeat(2 * 1024 * 1024) }),
        });
      }
      await send(route.method, `${route.path}?limit=abc&afterId=-1&cursor=%25%25&q=${"x".repeat(3000)}`, {
        headers: admin(),
      });
      await send(route.method, route.path, {
        headers: { authorization: "Bearer wrong-key-wrong-key-wrong-key" },
      });
      await send(route.method, route.path, { headers: { authorization: `Bearer ${h.config.supportKey}` } });
      await send(route.method, route.path);
    }
    await logSettled();
    expect(statuses.filter((status) => status >= 500 && status !== 502)).toEqual([]);
    expect(statuses.filter((status) => status >= 400 && status < 500).length).toBeGreaterThan(
      routes.length * 4,
    );
    expect(errorLines()).toEqual([]);
  });

  it("wrong methods, unknown paths and bad requests on the public routes", async () => {
    for (const [method, path] of [
      ["PATCH", "/admin/api/menu"],
      ["PUT", "/admin/api/users"],
      ["DELETE", "/oauth/start"],
      ["POST", "/healthz"],
      ["GET", "/no/such/page"],
      ["GET", "/MP_verify_unknown.txt"],
      ["GET", "/oauth/start?scope=snsapi_nothing"],
      ["GET", "/oauth/start?scope=snsapi_base&next=https%3A%2F%2Fevil.example"],
      ["GET", "/oauth/callback"],
      ["GET", "/oauth/callback?code=abc&state=forged"],
      ["GET", "/api/me"],
      ["GET", "/jssdk/config"],
      ["GET", "/jssdk/config?url=not-a-url"],
      ["GET", "/jssdk/config?url=https%3A%2F%2Fevil.example%2F"],
      ["GET", "/wechat"],
      ["GET", "/wechat?signature=x&timestamp=1&nonce=2&echostr=3"],
      ["POST", "/wechat?signature=x&timestamp=1&nonce=2"],
    ] as const) {
      await send(method, path);
    }
    await send("POST", "/wechat?signature=x&timestamp=1&nonce=2", {
      headers: { "content-type": "text/xml" },
      body: "<xml><broken>",
    });
    await send("POST", "/wechat", { headers: { "content-type": "application/json" }, body: "{" });
    await logSettled();
    expect(statuses.filter((status) => status >= 500 && status !== 502)).toEqual([]);
    expect(errorLines()).toEqual([]);
  });
});
