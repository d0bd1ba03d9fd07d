import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceKeys } from "../context/service-keys.js";
import { SqliteStore } from "../store/sqlite-store.js";
import { getJson, tempDir } from "../testing/test-server.js";
import { registerAdminAuth, requireRole } from "./admin-auth.js";
import { registerErrorHandler } from "./error-handler.js";

const ADMIN = "admin-key-0123456789abcdefghij";
const SUPPORT = "support-key-0123456789abcdefghij";
const SERVICE = "service-key-0123456789abcdefghij";

let app: FastifyInstance;
let base: string;
const dir = tempDir("wxdesk-auth-");
const store = new SqliteStore({ path: `${dir.path}/auth.db` });
const serviceKeys = createServiceKeys({
  config: { serviceKeys: [SERVICE], sessionSecret: "s".repeat(32) },
  store,
  clock: { now: () => Date.now() },
});

beforeAll(async () => {
  app = Fastify();
  registerErrorHandler(app);
  // The wrong-key throttle has its own tests (key-throttle.test.ts).
  registerAdminAuth(app, { adminKey: ADMIN, supportKey: SUPPORT }, store, serviceKeys, { maxFailures: 1000 });
  app.get("/admin/api/wechat/access-token", { preHandler: requireRole("service") }, async (request) => ({
    role: request.role,
  }));
  app.post("/admin/api/menu", { preHandler: requireRole("admin") }, async (request) => ({
    role: request.role,
  }));
  app.get("/admin/api/users", { preHandler: requireRole("support") }, async (request) => ({
    role: request.role,
  }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await app.close();
  await store.close();
  dir.remove();
});

const call = (method: string, path: string, key?: string) =>
  getJson<{ role?: string; error?: { code: string; messageZh: string } }>(`${base}${path}`, {
    method,
    headers: key === undefined ? {} : { authorization: key },
  });

describe("requireRole", () => {
  it("no key → 401, wrong key → 401", async () => {
    expect(await call("GET", "/admin/api/users")).toMatchObject({
      status: 401,
      body: { error: { code: "unauthorized" } },
    });
    expect((await call("GET", "/admin/api/users", `Bearer ${ADMIN}x`)).status).toBe(401);
    expect((await call("GET", "/admin/api/users", ADMIN)).status).toBe(401); // no "Bearer"
    expect((await call("POST", "/admin/api/menu", "Bearer nope")).status).toBe(401);
  });

  it("support key on an admin route → 403; on a read route → allowed as support", async () => {
    expect(await call("POST", "/admin/api/menu", `Bearer ${SUPPORT}`)).toMatchObject({
      status: 403,
      body: { error: { code: "forbidden" } },
    });
    expect(await call("GET", "/admin/api/users", `Bearer ${SUPPORT}`)).toMatchObject({
      status: 200,
      body: { role: "support" },
    });
  });

  it("admin key works everywhere", async () => {
    expect(await call("POST", "/admin/api/menu", `Bearer ${ADMIN}`)).toMatchObject({
      status: 200,
      body: { role: "admin" },
    });
    expect(await call("GET", "/admin/api/users", `bearer ${ADMIN}`)).toMatchObject({
      status: 200,
      body: { role: "admin" },
    });
  });

  it("a service key: only on service routes (403 elsewhere); admin and support keys: 403 on service routes", async () => {
    expect(await call("GET", "/admin/api/wechat/access-token", `Bearer ${SERVICE}`)).toMatchObject({
      status: 200,
      body: { role: "service" },
    });
    for (const [method, path] of [
      ["GET", "/admin/api/users"],
      ["POST", "/admin/api/menu"],
    ] as const) {
      const answer = await call(method, path, `Bearer ${SERVICE}`);
      expect(answer).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
      expect(answer.body.error?.messageZh).toContain("服务密钥只能读取");
    }
    for (const key of [ADMIN, SUPPORT]) {
      const answer = await call("GET", "/admin/api/wechat/access-token", `Bearer ${key}`);
      expect(answer).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
      expect(answer.body.error?.messageZh).toContain("只有服务密钥");
    }
    expect((await call("GET", "/admin/api/wechat/access-token", `Bearer ${SERVICE}x`)).status).toBe(401);
  });

  it("a 401 names the key the route wants: a service key on service routes, the admin key on admin routes", async () => {
    const noKey = await call("GET", "/admin/api/wechat/access-token");
    expect(noKey.status).toBe(401);
    expect(noKey.body.error?.messageZh).toContain("需要服务密钥");
    const wrongKey = await call("GET", "/admin/api/wechat/access-token", "Bearer nope");
    expect(wrongKey.body.error?.messageZh).toBe("服务密钥无效");
    expect((await call("POST", "/admin/api/menu")).body.error?.messageZh).toContain("需要管理员密钥");
    expect((await call("GET", "/admin/api/users", "Bearer nope")).body.error?.messageZh).toBe("管理密钥无效");
  });

  it("with no keys configured, nothing gets in", async () => {
    const locked = Fastify();
    registerErrorHandler(locked);
    registerAdminAuth(
      locked,
      {},
      store,
      createServiceKeys({ config: { serviceKeys: [], sessionSecret: "s".repeat(32) }, store, clock: Date }),
    );
    locked.get("/x", { preHandler: requireRole("support") }, async () => ({ ok: true }));
    const response = await locked.inject({ method: "GET", url: "/x", headers: { authorization: "Bearer " } });
    expect(response.statusCode).toBe(401);
    await locked.close();
  });
});
