import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { type RawResponse, rawRequest } from "@wxdesk/sandbox/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { AppContext } from "../app-context.js";
import { createAppContext } from "../context/create-app-context.js";
import { sandboxCalls, tempDir, testConfig } from "../testing/test-server.js";

/** `buildApp({loopbackHostOnly: true})` on a real port, with a real sandbox and a real SQLite store. */
let sandbox: StartedSandbox;
let dir: ReturnType<typeof tempDir>;
let ctx: AppContext;
let guarded: FastifyInstance;
let open: FastifyInstance;
let port: number;
let openPort: number;

const portOf = (app: FastifyInstance): number => {
  const address = app.server.address();
  return typeof address === "object" && address ? address.port : 0;
};

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = tempDir();
  ctx = await createAppContext(testConfig(sandbox.url, dir.path));
  guarded = await buildApp(ctx, { loopbackHostOnly: true });
  await guarded.listen({ port: 0, host: "127.0.0.1" });
  port = portOf(guarded);
  open = await buildApp(ctx);
  await open.listen({ port: 0, host: "127.0.0.1" });
  openPort = portOf(open);
});

afterAll(async () => {
  await guarded?.close();
  await open?.close();
  await ctx?.close();
  await sandbox?.close();
  dir?.remove();
});

const admin = () => ({ authorization: `Bearer ${ctx.config.adminKey}` });
const MENU = JSON.stringify({ button: [{ type: "click", name: "签到", key: "SIGN_IN" }] });

const forgedHosts = () => [
  `evil.example:${port}`,
  "evil.example",
  `127.0.0.1:${port + 1}`,
  "127.0.0.1",
  `127.0.0.1.evil.example:${port}`,
  `localhost.evil.example:${port}`,
];

function expectJsonRefusal(response: RawResponse, label: string): void {
  expect(response.status, label).toBe(403);
  expect(JSON.parse(response.body), label).toEqual({
    error: { code: "forbidden_host", message: expect.any(String), messageZh: expect.any(String) },
  });
}

describe("a callback server built with loopbackHostOnly", () => {
  it("refuses the admin API under a forged Host with 403 JSON, and publishes nothing", async () => {
    for (const host of forgedHosts()) {
      const publish = await rawRequest(port, {
        method: "PUT",
        path: "/admin/api/menu",
        headers: { host, ...admin(), "content-type": "application/json" },
        body: MENU,
      });
      expectJsonRefusal(publish, host);
      expectJsonRefusal(
        await rawRequest(port, { path: "/admin/api/users", headers: { host, ...admin() } }),
        host,
      );
      expectJsonRefusal(await rawRequest(port, { path: "/healthz", headers: { host } }), host);
    }
    expect(await sandboxCalls(sandbox)).not.toHaveProperty("/cgi-bin/menu/create");
  });

  it("refuses the OAuth pages under a forged Host with an HTML page in the browser's language, no cookie, no redirect", async () => {
    for (const path of ["/", "/oauth/start?scope=snsapi_userinfo", "/oauth/callback?code=x&state=y"]) {
      const response = await rawRequest(port, { path, headers: { host: `evil.example:${port}` } });
      expect(response.status, path).toBe(403);
      expect(response.headers["content-type"], path).toMatch(/^text\/html/);
      expect(response.headers["set-cookie"], path).toBeUndefined();
      expect(response.headers.location, path).toBeUndefined();
      expect(response.body).toContain("请用 127.0.0.1、localhost 或 [::1]");
      expect(response.body).not.toContain("open it at 127.0.0.1");
      const english = await rawRequest(port, {
        path,
        headers: { host: `evil.example:${port}`, "accept-language": "en-GB,en;q=0.8" },
      });
      expect(english.status, path).toBe(403);
      expect(english.body).toContain("open it at 127.0.0.1, localhost or [::1]");
      expect(english.body).not.toContain("请用 127.0.0.1");
    }
  });

  it("answers 127.0.0.1, localhost and [::1] with its own port", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await rawRequest(port, { path: "/healthz", headers: { host } })).status, host).toBe(200);
      const info = await rawRequest(port, { path: "/admin/api/info", headers: { host, ...admin() } });
      expect(info.status, host).toBe(200);
      const start = await rawRequest(port, { path: "/oauth/start?scope=snsapi_base", headers: { host } });
      expect(start.status, host).toBe(302);
    }
  });
});

describe("a callback server built without it (the deployed server, behind a proxy)", () => {
  it("answers whatever Host the proxy forwards", async () => {
    const response = await rawRequest(openPort, { path: "/healthz", headers: { host: "wx.example.com" } });
    expect(response.status).toBe(200);
  });
});
