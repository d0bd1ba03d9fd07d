import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthHarness, startOAuthHarness } from "../oauth/testing/oauth-test-harness.js";
import { adminApi, type ErrorAnswer, sampleMenu } from "./testing/menu-test-client.js";

/** Every menu and conditional-menu route with a body that would be valid. */
const ROUTES: Array<{ method: string; path: string; body?: unknown }> = [
  { method: "GET", path: "/menu" },
  { method: "PUT", path: "/menu", body: sampleMenu("权限") },
  { method: "DELETE", path: "/menu" },
  { method: "GET", path: "/menu/history" },
  { method: "POST", path: "/menu/rollback/1" },
  {
    method: "POST",
    path: "/menu/conditional",
    body: { button: sampleMenu("个性").button, matchrule: { tag_id: "100" } },
  },
  { method: "DELETE", path: "/menu/conditional/208396938" },
  { method: "POST", path: "/menu/trymatch", body: { user_id: "oSomeone" } },
];

/** Malformed input per route: each must be a 400 with an error code, never a 500. */
const MALFORMED: Array<{ method: string; path: string; raw?: string; body?: unknown; code?: string }> = [
  { method: "PUT", path: "/menu", raw: '{"button": [' },
  { method: "PUT", path: "/menu", raw: "null" },
  { method: "PUT", path: "/menu", body: [] },
  { method: "PUT", path: "/menu", body: {}, code: "bad_request" },
  { method: "PUT", path: "/menu", body: { button: "点我" } },
  { method: "PUT", path: "/menu", body: { button: [{ name: { zh: "名" }, type: "click", key: "K" }] } },
  { method: "PUT", path: "/menu", body: { button: [] }, code: "menu_invalid" },
  {
    method: "PUT",
    path: "/menu",
    body: { button: [{ name: "深", sub_button: [{ name: "层", sub_button: [{}] }] }] },
  },
  { method: "GET", path: "/menu/history?limit=0" },
  { method: "GET", path: "/menu/history?limit=101" },
  { method: "GET", path: "/menu/history?limit=abc" },
  { method: "POST", path: "/menu/rollback/abc" },
  { method: "POST", path: "/menu/rollback/0" },
  { method: "POST", path: "/menu/rollback/1.5" },
  { method: "POST", path: "/menu/rollback/99999999999999999999" },
  { method: "POST", path: "/menu/conditional", raw: "{'button': []}" },
  { method: "POST", path: "/menu/conditional", body: { button: sampleMenu("缺").button } },
  {
    method: "POST",
    path: "/menu/conditional",
    body: { button: sampleMenu("错").button, matchrule: "tag 100" },
  },
  { method: "POST", path: "/menu/conditional", body: { matchrule: { tag_id: "100" } } },
  { method: "DELETE", path: "/menu/conditional/abc" },
  { method: "DELETE", path: "/menu/conditional/1%20OR%201" },
  { method: "POST", path: "/menu/trymatch", body: {} },
  { method: "POST", path: "/menu/trymatch", body: { user_id: "" } },
  { method: "POST", path: "/menu/trymatch", body: { user_id: "   " } },
  { method: "POST", path: "/menu/trymatch", body: { user_id: ["a", "b"] } },
  { method: "POST", path: "/menu/trymatch", raw: "user_id=oX" },
];

describe("menu routes: keys, bad input, OpenAPI", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it.each(ROUTES)(
    "$method $path: no key → 401, support key → 403, and WeChat is never called",
    async (route) => {
      const callsBefore = await h.calls();
      const none = await adminApi<ErrorAnswer>(h, route.method, route.path, { key: null, body: route.body });
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe("unauthorized");
      expect(none.headers.get("www-authenticate")).toBe('Bearer realm="wxdesk"');

      const support = await adminApi<ErrorAnswer>(h, route.method, route.path, {
        key: "support",
        body: route.body,
      });
      expect(support.status).toBe(403);
      expect(support.body.error.code).toBe("forbidden");
      expect(support.body.error.messageZh).toBeTruthy();
      expect(await h.calls()).toEqual(callsBefore);
    },
  );

  it("checks the key before the body: malformed JSON without a key is 401, with the support key 403", async () => {
    const raw = '{"button": [';
    expect((await adminApi(h, "PUT", "/menu", { key: null, raw })).status).toBe(401);
    expect((await adminApi(h, "PUT", "/menu", { key: "support", raw })).status).toBe(403);
    expect((await adminApi(h, "PUT", "/menu", { raw })).status).toBe(400);
  });

  it.each(MALFORMED)("$method $path $raw $body → 400, not 500", async (input) => {
    const callsBefore = await h.calls();
    const { status, body } = await adminApi<ErrorAnswer>(h, input.method, input.path, {
      ...(input.raw === undefined ? {} : { raw: input.raw }),
      ...(input.body === undefined ? {} : { body: input.body }),
    });
    expect(status).toBe(400);
    expect(body.error.code).toEqual(input.code ?? expect.stringMatching(/^(bad_request|menu_invalid)$/));
    expect(body.error.message).toBeTruthy();
    expect(body.error.messageZh).toBeTruthy();
    // Refused before any WeChat call (no token fetch either).
    expect(await h.calls()).toEqual(callsBefore);
  });

  it("names the field of a schema failure", async () => {
    const missing = await adminApi<ErrorAnswer>(h, "PUT", "/menu", { body: {} });
    expect(missing.body.error).toMatchObject({ code: "bad_request", field: "body.button" });
    const limit = await adminApi<ErrorAnswer>(h, "GET", "/menu/history?limit=500");
    expect(limit.body.error).toMatchObject({ code: "bad_request", field: "querystring.limit" });
    const id = await adminApi<ErrorAnswer>(h, "POST", "/menu/rollback/x");
    expect(id.body.error).toMatchObject({ code: "bad_request", field: "params.id" });
  });

  it("refuses a body that is not JSON (400/415) and one over the size limit (413)", async () => {
    const text = await adminApi<ErrorAnswer>(h, "PUT", "/menu", {
      raw: '{"button":[]}',
      contentType: "text/plain",
    });
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe("bad_request");
    const form = await adminApi<ErrorAnswer>(h, "PUT", "/menu", {
      raw: "button=1",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe("unsupported_media_type");
    const huge = await adminApi<ErrorAnswer>(h, "PUT", "/menu", {
      body: { button: [{ type: "click", name: "大", key: "x".repeat(300_000) }] },
    });
    expect(huge.status).toBe(413);
  });

  it("lists every menu route in the OpenAPI document under the menu tag, with its schemas", async () => {
    const { status, body } = await adminApi<{
      paths: Record<
        string,
        Record<string, { tags?: string[]; requestBody?: unknown; parameters?: unknown[] }>
      >;
    }>(h, "GET", "/openapi.json", { key: null });
    expect(status).toBe(200);
    const expected: Array<[string, string]> = [
      ["/admin/api/menu", "get"],
      ["/admin/api/menu", "put"],
      ["/admin/api/menu", "delete"],
      ["/admin/api/menu/history", "get"],
      ["/admin/api/menu/rollback/{id}", "post"],
      ["/admin/api/menu/conditional", "post"],
      ["/admin/api/menu/conditional/{menuid}", "delete"],
      ["/admin/api/menu/trymatch", "post"],
    ];
    for (const [path, method] of expected) {
      const operation = body.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation?.tags).toEqual(["menu"]);
    }
    expect(body.paths["/admin/api/menu"]?.put?.requestBody).toBeDefined();
    expect(body.paths["/admin/api/menu/rollback/{id}"]?.post?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: "path", name: "id", required: true })]),
    );
    expect(body.paths["/admin/api/menu/history"]?.get?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: "query", name: "limit" })]),
    );
  });
});
