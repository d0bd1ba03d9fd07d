import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthHarness, startOAuthHarness } from "../oauth/testing/oauth-test-harness.js";
import { api, authorizeAs, errorCode, type KeyChoice } from "./testing/users-test-kit.js";

/**
 * The role matrix of docs/admin-api.md, checked against every route the server itself documents in
 * openapi.json: a route added later is covered without touching this file, and one that is opened
 * to the support key by mistake fails here.
 */
const SUPPORT_MAY: ReadonlySet<string> = new Set([
  "GET /info",
  "GET /users",
  "GET /users/{openid}",
  "POST /users/{openid}/check",
  "POST /links/check",
  "GET /stats",
  "GET /events/recent",
  "GET /events",
  "GET /wechat-status",
  "GET /apps",
]);

/** The `service` role (the account's other systems): these two and nothing else — and no other key may. */
const SERVICE_ONLY: ReadonlySet<string> = new Set(["GET /wechat/access-token", "GET /wechat/jsapi-ticket"]);

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

interface Route {
  method: string;
  path: string;
}

function concretePath(path: string, openid: string): string {
  return path
    .replace("{openid}", openid)
    .replace("{id}", "1")
    .replace("{menuid}", "1")
    .replace(/^\/admin\/api/, "");
}

describe("admin API roles, route by route from the OpenAPI document", () => {
  let h: OAuthHarness;
  let routes: Route[];
  let openid: string;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    // One wrong key per route on purpose: more than the wrong-key throttle allows (it has its own tests).
    h = await startOAuthHarness({ app: { keyThrottle: { maxFailures: 1_000 } } });
    openid = (await authorizeAs(h, "张伟")).openid;
    doc = (await api<OpenApiDoc>(h, "GET", "/openapi.json", { key: "none" })).body;
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it("documents every route of the contract", () => {
    const names = new Set(routes.map((r) => `${r.method} ${r.path.replace(/^\/admin\/api/, "")}`));
    for (const name of SUPPORT_MAY) expect(names).toContain(name);
    for (const name of [
      "PUT /menu",
      "DELETE /menu",
      "GET /menu/history",
      "POST /menu/rollback/{id}",
      "POST /menu/conditional",
      "DELETE /menu/conditional/{menuid}",
      "POST /menu/trymatch",
      "GET /replies",
      "PUT /replies",
      "POST /links",
      "POST /users/{openid}/refresh",
      "POST /users/{openid}/userinfo",
      "POST /wechat/token-cache/clear",
      "GET /apps",
      "POST /apps",
      "GET /apps/{id}",
      "PATCH /apps/{id}",
      "DELETE /apps/{id}",
      "POST /apps/{id}/secret",
      "GET /signing-keys",
      "POST /signing-keys/rotate",
      "GET /service-keys",
      "POST /service-keys",
      "DELETE /service-keys/{keyId}",
      ...SERVICE_ONLY,
    ]) {
      expect(names).toContain(name);
    }
  });

  it("documents the 401 answer of every route, and the 403 of every admin-only one, for outside clients", () => {
    for (const route of routes) {
      const name = `${route.method} ${route.path.replace(/^\/admin\/api/, "")}`;
      const statuses = Object.keys(doc.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {});
      expect({ name, has401: statuses.includes("401") }).toEqual({ name, has401: true });
      if (!SUPPORT_MAY.has(name))
        expect({ name, has403: statuses.includes("403") }).toEqual({ name, has403: true });
    }
  });

  async function call(route: Route, key: KeyChoice) {
    const path = concretePath(route.path, openid);
    // The event stream never ends: ask for the JSON history instead of holding the connection open.
    if (route.method === "GET" && path === "/events") {
      const controller = new AbortController();
      const response = await fetch(`${h.url}/admin/api/events`, {
        headers:
          key === "none"
            ? {}
            : {
                authorization: `Bearer ${{ admin: h.config.adminKey, support: h.config.supportKey, service: h.config.serviceKeys[0] }[key]}`,
              },
        signal: controller.signal,
      });
      const status = response.status;
      const text = status === 200 ? "" : await response.text();
      controller.abort();
      return { status, body: text ? JSON.parse(text) : undefined, text, headers: response.headers };
    }
    return api<unknown>(h, route.method, path, { key });
  }

  it("no key → 401 on every route, with the error shape and a WWW-Authenticate challenge", async () => {
    for (const route of routes) {
      const answer = await call(route, "none");
      expect({ route, status: answer.status }).toEqual({ route, status: 401 });
      expect(errorCode(answer)).toBe("unauthorized");
      expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("a wrong key → 401, never a hint about which key was close", async () => {
    for (const route of routes) {
      const answer = await api<unknown>(h, route.method, concretePath(route.path, openid), {
        key: "none",
        headers: { authorization: `Bearer ${h.config.adminKey}x` },
      });
      expect({ route, status: answer.status }).toEqual({ route, status: 401 });
    }
  });

  it("the support key: allowed exactly where the contract says, 403 `forbidden` everywhere else", async () => {
    for (const route of routes) {
      const name = `${route.method} ${route.path.replace(/^\/admin\/api/, "")}`;
      const answer = await call(route, "support");
      if (SUPPORT_MAY.has(name)) {
        expect({ name, status: answer.status }).not.toEqual({ name, status: 403 });
        expect({ name, status: answer.status }).not.toEqual({ name, status: 401 });
      } else {
        expect({ name, status: answer.status }).toEqual({ name, status: 403 });
        expect(errorCode(answer)).toBe("forbidden");
      }
    }
  });

  it("a service key: allowed on the token routes only, 403 `forbidden` everywhere else", async () => {
    for (const route of routes) {
      const name = `${route.method} ${route.path.replace(/^\/admin\/api/, "")}`;
      const answer = await call(route, "service");
      if (SERVICE_ONLY.has(name)) {
        expect({ name, status: answer.status }).toEqual({ name, status: 200 });
      } else {
        expect({ name, status: answer.status }).toEqual({ name, status: 403 });
        expect(errorCode(answer)).toBe("forbidden");
      }
    }
  });

  it("the admin key passes the guard on every route but the token routes (whatever the route then answers, never 401/403/500)", async () => {
    for (const route of routes) {
      const name = `${route.method} ${route.path.replace(/^\/admin\/api/, "")}`;
      if (SERVICE_ONLY.has(name)) {
        // No token ever reaches the desktop: admin keys are refused here.
        expect({ name, status: (await call(route, "admin")).status }).toEqual({ name, status: 403 });
        continue;
      }
      // Deleting the menu or rolling back would change what later routes see; they are still called.
      const answer = await call(route, "admin");
      expect({ route, status: answer.status }).not.toEqual({ route, status: 401 });
      expect({ route, status: answer.status }).not.toEqual({ route, status: 403 });
      // 502 is WeChat (the sandbox) refusing, e.g. menuid 1 does not exist: explained, not a crash.
      expect({ route, status: answer.status }).not.toEqual({ route, status: 500 });
      if (answer.status === 502) expect(errorCode(answer)).toBe("wechat_error");
    }
  });
});
