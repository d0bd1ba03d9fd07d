import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ERR_BAD_RESPONSE, WeChatApiError } from "../errors/index.js";
import { createWeChatClient } from "./create-client.js";
import { splitUrl } from "./undici-adapter.js";

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

describe("axios on undici (real sockets, no proxy)", () => {
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

describe("a proxy from the application's configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ["HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it("goes through the configured proxy with the absolute URL", async () => {
    server.answer(Buffer.from(JSON.stringify(TOKEN_BODY)));
    // The proxy (our server) gets the absolute URL of a host that does not exist here.
    const client = createWeChatClient({
      apiBase: "http://wechat-api.invalid",
      retries: 0,
      proxy: { httpProxy: server.origin },
    });
    expect((await client.exchangeCode({ appid: "wx1", secret: "S", code: "C" })).accessToken).toBe("AT");
    expect(server.seen.at(-1)?.url).toMatch(/^http:\/\/wechat-api\.invalid\/sns\/oauth2\/access_token\?/);
  });

  it("bypasses the proxy for a host in noProxy", async () => {
    server.answer(Buffer.from(JSON.stringify(TOKEN_BODY)));
    const client = createWeChatClient({
      apiBase: server.origin,
      retries: 0,
      proxy: { httpProxy: "http://127.0.0.1:9", noProxy: "127.0.0.1" },
    });
    expect((await client.exchangeCode({ appid: "wx1", secret: "S", code: "C" })).accessToken).toBe("AT");
    expect(server.seen.at(-1)?.url).toMatch(/^\/sns\/oauth2\/access_token\?/);
  });

  it("never reads a proxy from the environment itself", async () => {
    server.answer(Buffer.from(JSON.stringify(TOKEN_BODY)));
    process.env.HTTP_PROXY = "http://127.0.0.1:9";
    process.env.http_proxy = "http://127.0.0.1:9";
    process.env.NO_PROXY = "";
    process.env.no_proxy = "";
    // Nothing listens on port 9: had the client taken the variable, this call would fail.
    expect((await exchange(server.origin)).accessToken).toBe("AT");
    expect(server.seen.at(-1)?.url).toMatch(/^\/sns\/oauth2\/access_token\?/);
  });
});

describe("splitUrl", () => {
  it("gives undici the origin and the path with its query, as written", () => {
    expect(splitUrl("https://api.weixin.qq.com/sns/userinfo?access_token=A%2B&openid=o1")).toEqual({
      origin: "https://api.weixin.qq.com",
      path: "/sns/userinfo?access_token=A%2B&openid=o1",
    });
    expect(splitUrl("http://127.0.0.1:7100/cgi-bin/token")).toEqual({
      origin: "http://127.0.0.1:7100",
      path: "/cgi-bin/token",
    });
    expect(splitUrl("http://127.0.0.1:7100")).toEqual({ origin: "http://127.0.0.1:7100", path: "/" });
    expect(() => splitUrl("/sns/userinfo")).toThrow(TypeError);
  });
});
