import { createServer, type Server } from "node:http";
import { freePort } from "@wxdesk/callback-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DeskError } from "../../desk-api.js";
import { AdminClient } from "./admin-client.js";
import { infoShape } from "./admin-shapes.js";

const KEY = "admin-client-test-key-0123456789";

/** A real HTTP server answering per path the ways servers and proxies really answer. */
let server: Server;
let baseUrl: string;
const seen: Array<{ url: string; authorization?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ url: req.url ?? "", authorization: req.headers.authorization, body });
      const path = (req.url ?? "").replace(/\?.*$/, "");
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (path === "/admin/api/ok") return json(200, { answer: 42 });
      if (path === "/admin/api/menu")
        return json(400, {
          error: {
            code: "menu_invalid",
            message: "The menu breaks WeChat's rules in 1 place",
            messageZh: "菜单有 1 处不符合微信的规则",
            errcode: 40016,
            problems: [
              {
                path: "button",
                code: "too_many_buttons",
                errcode: 40016,
                messageZh: "多",
                messageEn: "many",
              },
            ],
          },
        });
      if (path === "/admin/api/wechat")
        return json(502, {
          error: {
            code: "wechat_error",
            message: "WeChat refused",
            messageZh: "微信拒绝了",
            errcode: 65316,
            explanation: { errcode: 65316, titleZh: "域名不对", titleEn: "domain" },
          },
        });
      if (path === "/admin/api/proxy") {
        res.writeHead(502, { "content-type": "text/html" });
        return res.end("<html>Bad Gateway</html>");
      }
      if (path === "/admin/api/moved") {
        res.writeHead(301, { location: "https://elsewhere.example.com/admin/api/moved" });
        return res.end();
      }
      if (path === "/admin/api/wrong-shape") return json(200, { something: "else" });
      if (path.startsWith("/admin/api/info-")) {
        const storage = {
          "/admin/api/info-none": {
            kind: "redis",
            persistence: "none",
            warning: { zh: "会丢失", en: "lost" },
          },
          "/admin/api/info-future": { kind: "tikv", persistence: "raft" },
        }[path];
        return json(200, { appid: "wx00000000000000a1", role: "admin", users: 3, storage });
      }
      // The callback server after too many wrong keys, and a proxy's own rate limit.
      if (path === "/admin/api/throttled" || path === "/admin/api/throttled-long") {
        const seconds = path === "/admin/api/throttled" ? 42 : 150;
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(seconds) });
        return res.end(
          JSON.stringify({
            error: {
              code: "too_many_attempts",
              message: "Too many wrong keys from this address",
              messageZh: "密钥错误次数太多",
              retryAfterSeconds: seconds,
            },
          }),
        );
      }
      if (path === "/admin/api/throttled-no-header")
        return json(429, {
          error: { code: "too_many_attempts", message: "x", messageZh: "x", retryAfterSeconds: 61 },
        });
      if (path === "/admin/api/proxy-limit") {
        res.writeHead(429, {
          "content-type": "text/html",
          "retry-after": new Date(Date.now() + 185_000).toUTCString(),
        });
        return res.end("<html>Too Many Requests</html>");
      }
      if (path === "/admin/api/slow") return; // never answers
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Not Found");
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = () => new AdminClient({ baseUrl, key: KEY });
const answer = z.object({ answer: z.number() });

async function failure(request: Promise<unknown>): Promise<DeskError> {
  try {
    await request;
  } catch (error) {
    return error as DeskError;
  }
  throw new Error("expected a rejection");
}

describe("AdminClient", () => {
  it("sends the bearer key, JSON body and query; checks the answer's shape", async () => {
    const result = await client().request(
      {
        method: "POST",
        path: "ok",
        query: { q: "王 芳", empty: "", none: undefined, limit: 5 },
        body: { a: 1 },
      },
      answer,
    );
    expect(result).toEqual({ answer: 42 });
    const last = seen.at(-1);
    expect(last?.authorization).toBe(`Bearer ${KEY}`);
    expect(last?.url).toBe("/admin/api/ok?q=%E7%8E%8B+%E8%8A%B3&limit=5");
    expect(last?.body).toBe('{"a":1}');
  });

  it("the server's error keeps its code, words and details (problems, errcode, explanation)", async () => {
    const invalid = await failure(client().request({ method: "PUT", path: "menu" }, answer));
    expect(invalid).toMatchObject({
      code: "menu_invalid",
      messageZh: "菜单有 1 处不符合微信的规则",
      details: { errcode: 40016, problems: [{ code: "too_many_buttons" }] },
    });
    const wechat = await failure(client().request({ path: "wechat" }, answer));
    expect(wechat).toMatchObject({
      code: "wechat_error",
      details: { errcode: 65316, explanation: { titleZh: "域名不对" } },
    });
  });

  it("GET info: the store's persistence comes through; one the desktop does not know is left out", async () => {
    const none = await client().request({ path: "info-none" }, infoShape);
    expect(none.storage).toEqual({
      kind: "redis",
      persistence: "none",
      warning: { zh: "会丢失", en: "lost" },
    });
    const future = await client().request({ path: "info-future" }, infoShape);
    expect(future).toEqual({ appid: "wx00000000000000a1", role: "admin", users: 3 });
  });

  it("answers that are not the admin API are said in words", async () => {
    expect((await failure(client().request({ path: "nothing-here" }, answer))).code).toBe("not_wxdesk");
    const proxy = await failure(client().request({ path: "proxy" }, answer));
    expect(proxy.code).toBe("server_error");
    expect(proxy.messageZh).toContain("HTTP 502");
    expect((await failure(client().request({ path: "wrong-shape" }, answer))).code).toBe(
      "unexpected_response",
    );
  });

  it("429 after too many wrong keys: in words, with the wait in whole minutes from Retry-After", async () => {
    expect(await failure(client().request({ path: "throttled" }, answer))).toMatchObject({
      code: "too_many_attempts",
      message: "Too many wrong keys were tried from this computer. Try again in 1 minute.",
      messageZh: "密钥错误次数太多，请 1 分钟后再试",
      details: { retryAfterSeconds: 42 },
    });
    const long = await failure(client().request({ path: "throttled-long" }, answer));
    expect(long.messageZh).toBe("密钥错误次数太多，请 3 分钟后再试");
    expect(long.message).toContain("Try again in 3 minutes.");
    // No header: the body's retryAfterSeconds.
    expect((await failure(client().request({ path: "throttled-no-header" }, answer))).messageZh).toBe(
      "密钥错误次数太多，请 2 分钟后再试",
    );
    // Another 429 (a proxy's limit, Retry-After as a date) is not about keys.
    const proxy = await failure(client().request({ path: "proxy-limit" }, answer));
    expect(proxy.code).toBe("too_many_requests");
    expect(proxy.messageZh).toMatch(/^服务器暂时不接受请求（请求太多），请 [34] 分钟后再试$/);
    expect(proxy.messageZh).not.toContain("密钥");
  });

  it("a redirect is not followed (the key stays here) and names where it points", async () => {
    const error = await failure(client().request({ path: "moved" }, answer));
    expect(error.code).toBe("redirected");
    expect(error.messageZh).toContain("https://elsewhere.example.com");
    expect(seen.some((s) => s.url.includes("elsewhere"))).toBe(false);
  });

  it("a server that never answers times out with words, not a hang", async () => {
    const error = await failure(client().request({ path: "slow", timeoutMs: 300 }, answer));
    expect(error.code).toBe("timeout");
    expect(error.messageZh).toContain("秒内没有回答");
  });

  it("nobody listening: network, in words", async () => {
    const closed = new AdminClient({ baseUrl: `http://127.0.0.1:${await freePort()}`, key: KEY });
    const error = await failure(closed.request({ path: "ok" }, answer));
    expect(error.code).toBe("network");
    expect(error.messageZh).toContain("连接被拒绝");
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});
