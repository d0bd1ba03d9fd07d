import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthHarness, startOAuthHarness } from "../oauth/testing/oauth-test-harness.js";
import { authorizeAs } from "./testing/users-test-kit.js";

/**
 * Property tests over the whole admin API, route list taken from the server's own openapi.json:
 * arbitrary JSON bodies, arbitrary query strings and path parameters, sent with the admin key.
 * Whatever arrives, the server never answers 500 and keeps running, and every 4xx is the one error
 * shape with a code from the documented set (docs/admin-api.md "Errors") and words in both languages.
 */

/** Every code a 4xx may carry: docs/admin-api.md "Errors" plus the plain-status codes of error-handler.ts. */
const CLIENT_ERROR_CODES = new Set([
  "bad_request",
  "menu_invalid",
  "next_not_allowed",
  "replies_invalid",
  "unauthorized",
  "forbidden",
  "unknown_user",
  "unknown_version",
  "unknown_service_key",
  "service_key_name_taken",
  "too_many_service_keys",
  "service_key_in_settings",
  "unknown_app",
  "app_read_only",
  "app_public",
  "too_many_apps",
  "redirect_uri_invalid",
  "token_undecryptable",
  "not_found",
  "method_not_allowed",
  "not_acceptable",
  "conflict",
  "payload_too_large",
  "uri_too_long",
  "unsupported_media_type",
  "too_many_attempts",
  "headers_too_large",
]);

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; schema?: { type?: string } }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}
interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}
interface Route {
  method: string;
  path: string;
  queryNames: string[];
  pathNames: string[];
  /** Query and path parameters whose schema is a number (the ones Ajv may turn into Infinity). */
  numericNames: string[];
  headerNames: string[];
  bodyNames: string[];
}

interface Sent {
  method: string;
  url: string;
  contentType?: string;
  body?: string;
  headers?: Record<string, string>;
}

/** Runs per route and kind of input; the CI machine has 2 cores. */
const RUNS = 12;

describe("admin API: arbitrary input never breaks it", () => {
  let h: OAuthHarness;
  let routes: Route[];
  let realOpenid: string;
  const errorLines: string[] = [];

  beforeAll(async () => {
    h = await startOAuthHarness({
      app: {
        logger: {
          level: "warn",
          stream: {
            write: (line: string) => (JSON.parse(line).level >= 50 ? errorLines.push(line) : undefined),
          },
        },
      },
    });
    realOpenid = (await authorizeAs(h, "张伟")).openid;
    const doc = (await (await fetch(`${h.url}/admin/api/openapi.json`)).json()) as OpenApiDoc;
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: path.replace(/^\/admin\/api/, ""),
        queryNames: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
        pathNames: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        numericNames: (op.parameters ?? [])
          .filter((p) => p.schema?.type === "integer" || p.schema?.type === "number")
          .map((p) => p.name),
        headerNames: (op.parameters ?? []).filter((p) => p.in === "header").map((p) => p.name),
        bodyNames: Object.keys(op.requestBody?.content?.["application/json"]?.schema?.properties ?? {}),
      })),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Sends one request; a 200 event stream is cut at once. Returns what the property judges. */
  async function send(sent: Sent): Promise<{ status: number; body: unknown; text: string }> {
    const controller = new AbortController();
    const response = await fetch(`${h.url}/admin/api${sent.url}`, {
      method: sent.method,
      headers: {
        ...sent.headers,
        authorization: `Bearer ${h.config.adminKey}`,
        ...(sent.contentType ? { "content-type": sent.contentType } : {}),
      },
      ...(sent.body === undefined ? {} : { body: sent.body }),
      signal: controller.signal,
    });
    if ((response.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
      controller.abort();
      return { status: response.status, body: undefined, text: "" };
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text };
  }

  /** The property: no 500 (or anything but WeChat's 502 / a busy 503), and every 4xx in the one shape. */
  async function holds(sent: Sent): Promise<void> {
    const answer = await send(sent);
    const where = `${sent.method} ${sent.url} ${sent.contentType ?? ""} ${sent.body?.slice(0, 200) ?? ""} → ${answer.status} ${answer.text.slice(0, 300)}`;
    expect(answer.status, where).not.toBe(500);
    expect(answer.status < 500 || answer.status === 502 || answer.status === 503, where).toBe(true);
    if (answer.status >= 400 && answer.status < 500) {
      const error = (answer.body as { error?: Record<string, unknown> } | undefined)?.error;
      expect(typeof error?.code === "string" && CLIENT_ERROR_CODES.has(error.code), where).toBe(true);
      expect(typeof error?.message === "string" && error.message.length > 0, where).toBe(true);
      expect(typeof error?.messageZh === "string" && error.messageZh.length > 0, where).toBe(true);
    }
  }

  /** A path parameter: arbitrary text (encoded), numbers, the real user, things routers trip on. */
  const pathValue = fc.oneof(
    fc.string({ maxLength: 140 }).map(encodeURIComponent),
    fc.integer().map(String),
    fc.constantFrom("%zz", "%", "..", "%2e%2e", "%00", "0", "-1", "1e309", "9007199254740993", "__proto__"),
    fc.constant("REAL_USER"),
  );
  /** A query value: arbitrary text, numbers and the shapes parsers get wrong. */
  const queryValue = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.integer().map(String),
    fc.double().map(String),
    fc.constantFrom("", "[]", "{}", "null", "true", "NaN", "-0", "1e999", "snsapi_base", "valid"),
  );
  /** Arbitrary JSON; for routes with a body, also objects built from the body's own field names. */
  const jsonBody = (names: string[]) =>
    fc.oneof(
      fc.jsonValue(),
      names.length > 0
        ? fc.dictionary(fc.constantFrom(...names), fc.jsonValue(), { maxKeys: 4 })
        : fc.jsonValue(),
      names.length > 0
        ? fc.dictionary(fc.constantFrom(...names, "__proto__", "constructor"), fc.anything(), { maxKeys: 4 })
        : fc.object(),
    );

  function concrete(route: Route, values: string[]): string {
    let path = route.path;
    route.pathNames.forEach((name, i) => {
      const value = values[i] ?? "x";
      path = path.replace(`{${name}}`, value === "REAL_USER" ? realOpenid : value);
    });
    return path;
  }

  it("arbitrary query strings, path parameters and documented headers on every route", async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathValue, { minLength: route.pathNames.length, maxLength: route.pathNames.length }),
          fc.array(
            fc.tuple(
              fc.oneof(fc.constantFrom(...route.queryNames, "x"), fc.string({ maxLength: 10 })),
              queryValue,
            ),
            { maxLength: 5 },
          ),
          // Documented request headers (Last-Event-ID): printable text, as a header can carry.
          fc.array(fc.stringMatching(/^[\x20-\x7e]{0,40}$/), {
            minLength: route.headerNames.length,
            maxLength: route.headerNames.length,
          }),
          async (values, pairs, headerValues) => {
            const query = new URLSearchParams(pairs).toString();
            await holds({
              method: route.method,
              url: `${concrete(route, values)}${query ? `?${query}` : ""}`,
              headers: Object.fromEntries(route.headerNames.map((name, i) => [name, headerValues[i] ?? ""])),
            });
          },
        ),
        { numRuns: RUNS },
      );
    }
  });

  it("arbitrary JSON bodies, broken JSON and other media types on every route that takes a body", async () => {
    const withBody = routes.filter((r) => r.method !== "GET");
    expect(withBody.length).toBeGreaterThan(5);
    for (const route of withBody) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 4, arbitrary: jsonBody(route.bodyNames).map((v) => JSON.stringify(v) ?? "null") },
            { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
          ),
          fc.constantFrom(
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "application/xml",
          ),
          async (body, contentType) => {
            await holds({ method: route.method, url: concrete(route, ["REAL_USER"]), contentType, body });
          },
        ),
        { numRuns: RUNS },
      );
    }
  });

  it("numbers past the float range in every numeric query or path parameter: 400 naming the field", async () => {
    const numeric = routes.flatMap((route) =>
      [
        ...route.queryNames.map((name) => ({ name, where: "querystring" })),
        ...route.pathNames.map((name) => ({ name, where: "params" })),
      ]
        .filter(({ name }) => route.numericNames.includes(name))
        .map((param) => ({ route, ...param })),
    );
    expect(numeric.length).toBeGreaterThanOrEqual(5);
    for (const { route, name, where } of numeric) {
      for (const value of ["1e999", "-1e999", "Infinity", "-Infinity"]) {
        const url =
          where === "params"
            ? concrete(route, [value])
            : `${concrete(route, ["REAL_USER"])}?${new URLSearchParams({ [name]: value })}`;
        const answer = await send({ method: route.method, url });
        const error = (answer.body as { error?: { code?: string; field?: string } } | undefined)?.error;
        expect({ url, status: answer.status, code: error?.code, field: error?.field }).toEqual({
          url,
          status: 400,
          code: "bad_request",
          field: `${where}.${name}`,
        });
      }
    }
  });

  it("is still up, and wrote no error-level line for any of it", async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect(errorLines).toEqual([]);
  });
});
