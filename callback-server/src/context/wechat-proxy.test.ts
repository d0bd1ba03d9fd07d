import http from "node:http";
import type { AddressInfo } from "node:net";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterEach, beforeEach, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.js";
import { tempDir, testConfig } from "../testing/test-server.js";
import { createAppContext } from "./create-app-context.js";

let sandbox: StartedSandbox;
let dir: ReturnType<typeof tempDir>;
let proxy: http.Server;
let proxyOrigin: string;
/** The request lines the proxy saw: a forward proxy gets the absolute URL. */
const seen: string[] = [];

beforeEach(async () => {
  sandbox = await startSandbox();
  dir = tempDir();
  seen.length = 0;
  // A forward proxy that knows one host, wechat-api.invalid: it is the sandbox.
  proxy = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    const target = new URL(req.url ?? "/");
    const upstream = http.request(
      `${sandbox.url}${target.pathname}${target.search}`,
      { method: req.method, headers: { ...req.headers, host: new URL(sandbox.url).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()));
  proxyOrigin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterEach(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await sandbox.close();
  dir.remove();
});

it("calls WeChat through the proxy the environment names, read by the server's configuration", async () => {
  const config = loadConfig({
    env: {
      WXDESK_APPID: SANDBOX_DEFAULTS.appid,
      WXDESK_SECRET: SANDBOX_DEFAULTS.secret,
      WXDESK_PUBLIC_URL: "http://127.0.0.1",
      WXDESK_DB: `${dir.path}/wxdesk.db`,
      // A host that exists only behind the proxy: a direct call could not reach it.
      WXDESK_WECHAT_API_BASE: "http://wechat-api.invalid",
      http_proxy: proxyOrigin,
    },
    cwd: dir.path,
  });
  const ctx = await createAppContext({ ...testConfig(sandbox.url, dir.path), ...config });
  try {
    const token = await ctx.wechat.getAccessToken({
      appid: SANDBOX_DEFAULTS.appid,
      secret: SANDBOX_DEFAULTS.secret,
    });
    expect(token.accessToken).not.toBe("");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^http:\/\/wechat-api\.invalid\/cgi-bin\/token\?/);
  } finally {
    await ctx.close();
  }
});
