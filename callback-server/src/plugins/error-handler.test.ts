import { WeChatApiError } from "@wxdesk/wechat";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { LockTimeoutError, StoreInputError, StoreUnavailableError } from "../store/store-errors.js";
import { getJson } from "../testing/test-server.js";
import { HttpError, registerErrorHandler, sendError } from "./error-handler.js";

let app: FastifyInstance;
let base: string;
const logged: string[] = [];

beforeAll(async () => {
  app = Fastify({
    logger: { level: "error", stream: { write: (line: string) => logged.push(line) } },
    bodyLimit: 1024,
  });
  registerErrorHandler(app);
  app.get(
    "/items",
    {
      schema: {
        querystring: {
          type: "object",
          required: ["limit"],
          properties: { limit: { type: "integer", minimum: 1, maximum: 200 } },
        },
      },
    },
    async () => ({ ok: true }),
  );
  app.post(
    "/items",
    { schema: { body: { type: "object", required: ["name"], properties: { name: { type: "string" } } } } },
    async () => ({ ok: true }),
  );
  app.get("/zod", async (request) => z.object({ q: z.string().min(3) }).parse(request.query));
  app.get("/store", async () => {
    throw new StoreInputError("bad-cursor", "The cursor is not valid");
  });
  app.get("/planned", async () => {
    throw new HttpError(409, "conflict", "Already there", "已存在");
  });
  app.get("/helper", async (_request, reply) => sendError(reply, 422, "unprocessable", "No", "不行"));
  app.get("/boom", async () => {
    throw new Error("database exploded with secret=abc123");
  });
  const storeDown = async () => {
    throw new StoreUnavailableError("redis", "ECONNREFUSED", new Error("connect ECONNREFUSED"));
  };
  app.get("/api/store-down", storeDown);
  app.get("/page/store-down", { config: { page: {} } }, storeDown);
  app.get("/page/callback", { config: { page: { retryHref: "/oauth/start?scope=snsapi_base" } } }, storeDown);
  app.get("/page/busy", { config: { page: {} } }, async () => {
    throw new LockTimeoutError("menu-change", 10);
  });
  app.get("/page/boom", { config: { page: {} } }, async () => {
    throw new Error("a bug with secret=abc123");
  });
  app.get("/page/wechat", { config: { page: {} } }, async () => {
    throw new WeChatApiError({
      errcode: 40164,
      errmsg: "invalid ip 1.2.3.4",
      endpoint: "/cgi-bin/ticket/getticket",
    });
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await app.close();
});

type ErrorBody = { error: { code: string; message: string; messageZh: string; field?: string } };

describe("error handler", () => {
  it("bad query → 400 JSON naming the field, never 500", async () => {
    for (const query of ["", "?limit=abc", "?limit=0", "?limit=201", "?limit=1&limit=2"]) {
      const { status, body } = await getJson<ErrorBody>(`${base}/items${query}`);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe("bad_request");
      expect(body.error.field).toMatch(/^querystring\.limit/);
      expect(body.error.messageZh).toBeTruthy();
    }
  });

  it("zod failures and store input errors are 400 too", async () => {
    const zod = await getJson<ErrorBody>(`${base}/zod?q=a`);
    expect(zod.status).toBe(400);
    expect(zod.body.error.field).toBe("q");
    expect((await getJson<ErrorBody>(`${base}/store`)).status).toBe(400);
  });

  it("bad JSON 400, missing body field 400, too large 413, unsupported media 415", async () => {
    const post = (body: string, type = "application/json") =>
      getJson<ErrorBody>(`${base}/items`, { method: "POST", headers: { "content-type": type }, body });
    const broken = await post("{nope");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("bad_request");
    const missing = await post("{}");
    expect(missing).toMatchObject({ status: 400, body: { error: { field: "body.name" } } });
    const large = await post(JSON.stringify({ name: "x".repeat(5000) }));
    expect(large).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    const media = await post("name=x", "application/x-www-form-urlencoded");
    expect(media).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } } });
  });

  it("planned errors keep their status; the helper answers the same shape", async () => {
    expect(await getJson<ErrorBody>(`${base}/planned`)).toMatchObject({
      status: 409,
      body: { error: { code: "conflict", message: "Already there", messageZh: "已存在" } },
    });
    expect(await getJson<ErrorBody>(`${base}/helper`)).toMatchObject({
      status: 422,
      body: { error: { code: "unprocessable", messageZh: "不行" } },
    });
  });

  it("unknown route → 404 JSON without the query string", async () => {
    const { status, body } = await getJson<ErrorBody>(`${base}/nowhere?code=SECRETCODE`);
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
    expect(JSON.stringify(body)).not.toContain("SECRETCODE");
  });

  it("unknown page in a browser → 404 page in words (one language), never JSON; the admin API keeps JSON", async () => {
    const html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    const zh = await fetch(`${base}/shop?code=SECRETCODE`, {
      headers: { accept: html, "accept-language": "zh-CN,zh;q=0.9" },
    });
    expect(zh.status).toBe(404);
    expect(zh.headers.get("content-type")).toContain("text/html");
    const zhText = await zh.text();
    expect(zhText).toContain("找不到这个页面");
    expect(zhText).not.toContain("SECRETCODE");
    expect(zh.headers.get("content-language")).toBe("zh-CN");
    const en = await fetch(`${base}/shop`, { headers: { accept: html, "accept-language": "en-US" } });
    expect(await en.text()).toContain("This page cannot be found");
    expect(en.headers.get("content-language")).toBe("en");
    const api = await fetch(`${base}/admin/api/nowhere`, { headers: { accept: html } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as ErrorBody).error.code).toBe("not_found");
  });

  it("a real fault → 500 with a generic message; the details stay in the log", async () => {
    const { status, body } = await getJson<ErrorBody>(`${base}/boom`);
    expect(status).toBe(500);
    expect(body.error).toEqual({
      code: "internal",
      message: "Internal server error",
      messageZh: "服务器内部错误",
    });
    expect(logged.join("")).toContain("database exploded");
  });

  it("store unavailable on a JSON route → 503 store_unavailable, Retry-After, never 500", async () => {
    const response = await fetch(`${base}/api/store-down`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("store_unavailable");
    expect(body.error.messageZh).toContain("请几秒后重试");
    expect(JSON.stringify(body)).not.toContain("ECONNREFUSED");
  });

  it("page routes answer every error as an HTML page in zh-CN, with the route's retry", async () => {
    const html = async (path: string, status: number) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
      const text = await response.text();
      expect(text, path).toContain('<html lang="zh-CN">');
      return text;
    };
    expect(await html("/page/store-down?x=1&y=2", 503)).toContain(
      '<a class="btn primary" href="/page/store-down?x=1&amp;y=2">重试</a>',
    );
    expect(await html("/page/callback", 503)).toContain('href="/oauth/start?scope=snsapi_base">重试</a>');
    expect(await html("/page/busy", 503)).toContain("服务暂时不可用");
    const bug = await html("/page/boom", 500);
    expect(bug).toContain("服务暂时不可用");
    expect(bug).not.toContain("secret=abc123");
    expect(await html("/page/wechat", 502)).toContain("错误码 40164");
  });
});
