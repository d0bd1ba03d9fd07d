import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ERR_BAD_RESPONSE, WeChatApiError } from "../errors/index.js";
import { createWeChatClient } from "./create-client.js";
import { proxyFromEnvironment } from "./lean-http-adapter.js";

const TOKEN_BODY = {
  access_token: "AT",
  expires_in: 7200,
  refresh_token: "RT",
  openid: "o1",
  scope: "snsapi_base",
};

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A server whose answer each test sets: body bytes plus headers. */
async function startServer() {
  const seen: Seen[] = [];
  let answer: { body: Buffer; headers: Record<string, string> } = {
    body: Buffer.from(JSON.stringify(TOKEN_BODY)),
    headers: {},
  };
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    res.writeHead(200, { "Content-Type": "application/json", ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    answer: (body: Buffer, headers: Record<string, string> = {}) => {
      answer = { body, headers };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const exchange = (apiBase: string) =>
  createWeChatClient({ apiBase, retries: 0 }).exchangeCode({ appid: "wx1", secret: "S", code: "C" });

describe("the client's own adapter (node:http, no proxy)", () => {
  it("sends the same headers axios' adapter did and decodes gzip, deflate and br answers", async () => {
    const json = Buffer.from(JSON.stringify(TOKEN_BODY));
    for (const [encoding, body] of [
      ["gzip", gzipSync(json)],
      ["deflate", deflateSync(json)],
      ["br", brotliCompressSync(json)],
    ] as const) {
      server.answer(body, { "Content-Encoding": encoding });
      expect((await exchange(server.origin)).accessToken).toBe("AT");
    }
    const headers = server.seen.at(-1)?.headers;
    expect(headers?.accept).toBe("application/json");
    expect(headers?.["user-agent"]).toMatch(/^axios\/\d/);
    expect(headers?.["accept-encoding"]).toBe("gzip, compress, deflate, br");
  });

  it("refuses an answer over 4 MB as a bad response", async () => {
    server.answer(Buffer.alloc(5 * 1024 * 1024, 0x20));
    const error = await exchange(server.origin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).errcode).toBe(ERR_BAD_RESPONSE);
    expect((error as WeChatApiError).errmsg).toContain("maxContentLength");
  });

  it("refuses a small compressed answer that expands past 4 MB (zlib stops at the bound)", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // ~64 KB on the wire
    expect(bomb.length).toBeLessThan(256 * 1024);
    server.answer(bomb, { "Content-Encoding": "gzip" });
    const error = await exchange(server.origin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).errcode).toBe(ERR_BAD_RESPONSE);
    expect((error as WeChatApiError).errmsg).toContain("maxContentLength");
  });
});

const PROXY_NAMES = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"];

describe("with a proxy in the environment", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of [...PROXY_NAMES, "no_proxy", "NO_PROXY"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it("reads the variables axios reads, in either case", () => {
    expect(proxyFromEnvironment({})).toBe(false);
    expect(proxyFromEnvironment({ HTTPS_PROXY: "http://proxy:3128" })).toBe(true);
    expect(proxyFromEnvironment({ http_proxy: "proxy:3128" })).toBe(true);
    expect(proxyFromEnvironment({ ALL_PROXY: "socks://x" })).toBe(true);
    expect(proxyFromEnvironment({ no_proxy: "*", HTTP_PROXY: "" })).toBe(false);
  });

  it("goes through the proxy as axios' own adapter does", async () => {
    server.answer(Buffer.from(JSON.stringify(TOKEN_BODY)));
    process.env.HTTP_PROXY = server.origin;
    process.env.NO_PROXY = "";
    process.env.no_proxy = "";
    // The proxy (our server) gets the absolute URL of a host that does not exist here.
    expect((await exchange("http://wechat-api.invalid")).accessToken).toBe("AT");
    expect(server.seen.at(-1)?.url).toMatch(/^http:\/\/wechat-api\.invalid\/sns\/oauth2\/access_token\?/);
  });
});
