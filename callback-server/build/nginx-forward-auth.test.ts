import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { readSetCookies } from "@wxdesk/sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/app-context.js";
import { createAppContext } from "../src/context/create-app-context.js";
import { freePort } from "../src/net/free-port.js";
import { type Listening, listen, tempDir, testConfig } from "../src/testing/test-server.js";
import { readDeployGuide } from "./testing/deploy-file-parsers.js";
import { requiredTool } from "./testing/machine-tools.js";
import {
  type BrowserRequest,
  getAsBrowser,
  type NginxAnswer,
  type SitePorts,
  startNginxSite,
  stopNginx,
  withForwardAuth,
} from "./testing/nginx-test-kit.js";

/**
 * deploy/nginx-forward-auth.conf as shipped, inside deploy/nginx-wxdesk.conf, under a real nginx:
 * a tiny app behind `auth_request /oauth/verify`, the real callback server and the sandbox as
 * WeChat. What the app receives is what it echoes back.
 */

const nginxBinary = requiredTool("nginx", "the forward-auth checks of deploy/nginx-forward-auth.conf");
const openssl = requiredTool("openssl", "the self-signed certificate for the nginx checks");

interface Echo {
  method: string;
  url: string;
  body: string;
  /** Every x-wechat-* header the app received, by lower-case name. */
  wechat: Record<string, string>;
}

/** The protected app: echoes what nginx sent it. */
function startEchoApp(port: number): Promise<{ server: Server; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const wechat: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (name.startsWith("x-wechat") || name.startsWith("x_wechat")) wechat[name] = String(value);
      }
      const echo: Echo = { method: req.method ?? "", url: req.url ?? "", body, wechat };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(echo));
    });
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () => resolve({ server, hits: () => hits })),
  );
}

/** A cookie jar for https://wx.example.com (name → value; an empty value or Max-Age=0 deletes). */
class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  take(answer: NginxAnswer): void {
    for (const c of readSetCookies(answer.headers["set-cookie"] ?? [])) {
      if (c.expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
}

describe.skipIf(!nginxBinary || !openssl)("forward auth: nginx auth_request in front of another app", () => {
  let dir: ReturnType<typeof tempDir>;
  let sandbox: StartedSandbox;
  let ctx: AppContext;
  let server: Listening;
  let nginx: ChildProcess;
  let app: { server: Server; hits: () => number };
  let ports: SitePorts;
  let users: Array<{ openid: string; nickname: string; unionid?: string; snapshot: boolean }>;

  beforeAll(async () => {
    dir = tempDir("wxdesk-nginx-forward-");
    // The sandbox accepts wx.example.com as the 网页授权域名, as WeChat would once it is registered.
    sandbox = await startSandbox({ oauthDomains: ["wx.example.com"] });
    ctx = await createAppContext(
      testConfig(sandbox.url, join(dir.path, "data"), { publicUrl: "https://wx.example.com" }),
    );
    server = await listen(ctx);
    ports = { http: await freePort(), https: await freePort(), upstream: Number(new URL(server.url).port) };
    app = await startEchoApp(await freePort());
    const appPort = (app.server.address() as { port: number }).port;
    nginx = await startNginxSite({
      nginx: nginxBinary as string,
      openssl: openssl as string,
      dir: dir.path,
      ports,
      site: (site) => withForwardAuth(site, ports.upstream, appPort),
    });
    users = (await (await fetch(`${sandbox.url}/_sandbox/users`)).json()) as typeof users;
  }, 60_000);

  afterAll(async () => {
    await stopNginx(nginx);
    await new Promise((resolve) => app?.server.close(resolve));
    await server?.close();
    await ctx?.close();
    await sandbox?.close();
    dir?.remove();
  });

  function user(nickname: string) {
    const found = users.find((u) => u.nickname === nickname);
    if (!found) throw new Error(`no fixture user ${nickname}`);
    return found;
  }

  async function visit(jar: Jar, path: string, request: BrowserRequest = {}): Promise<NginxAnswer> {
    const cookie = jar.header();
    const answer = await getAsBrowser(ports.https, path, true, {
      ...request,
      headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
    });
    jar.take(answer);
    return answer;
  }

  /** WeChat's side of an authorize URL (the sandbox's pages, as `openid`): the callback URL. */
  async function authorize(url: URL, openid: string): Promise<URL> {
    url.searchParams.set("sandbox_openid", openid);
    let answer = await fetch(url, { redirect: "manual" });
    if (answer.status === 200) {
      const html = await answer.text();
      const action = (/<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? "").replaceAll("&amp;", "&");
      const fields = new URLSearchParams();
      for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
        fields.set(m[1] ?? "", (m[2] ?? "").replaceAll("&amp;", "&").replaceAll("&quot;", '"'));
      fields.set("decision", "allow");
      answer = await fetch(new URL(action, sandbox.url), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: fields.toString(),
        redirect: "manual",
      });
    }
    const location = answer.headers.get("location");
    if (answer.status !== 302 || !location) throw new Error(`the sandbox answered ${answer.status}`);
    return new URL(location);
  }

  /**
   * A browser at https://wx.example.com asking for `path`, following every redirect (ours through
   * nginx, WeChat's through the sandbox as `openid`): the addresses it went through and the last answer.
   */
  async function browse(jar: Jar, path: string, openid: string) {
    const visited: string[] = [];
    let answer = await visit(jar, path);
    for (let hop = 0; hop < 10 && answer.status === 302; hop++) {
      let next = new URL(String(answer.headers.location), "https://wx.example.com");
      if (next.origin === new URL(sandbox.url).origin) next = await authorize(next, openid);
      expect(next.hostname).toBe("wx.example.com");
      visited.push(`${next.pathname}${next.search}`);
      answer = await visit(jar, `${next.pathname}${next.search}`);
    }
    return { visited, answer };
  }

  it("an anonymous visitor is sent to the sign-in, and lands back on the address asked for, as that user", async () => {
    const wang = user("王芳");
    const original = "/shop/orders?id=7&note=a%26b&q=%2B1";
    const jar = new Jar();
    const first = await visit(jar, original);
    expect(first.status).toBe(302);
    const start = new URL(String(first.headers.location));
    expect(start.pathname).toBe("/oauth/start");
    expect(start.search).toBe(`?scope=snsapi_base&next_raw=${original}`);

    const hitsBefore = app.hits();
    const { visited, answer } = await browse(jar, original, wang.openid);
    expect(visited[0]).toMatch(/^\/oauth\/start\?/);
    expect(visited.some((v) => v.startsWith("/oauth/callback?"))).toBe(true);
    expect(visited.at(-1)).toBe(original);
    expect(answer.status).toBe(200);
    const echo = JSON.parse(answer.body) as Echo;
    expect(echo.url).toBe(original);
    expect(echo.wechat["x-wechat-openid"]).toBe(wang.openid);
    expect(echo.wechat["x-wechat-scope"]).toBe("snsapi_base");
    expect(app.hits()).toBe(hitsBefore + 1);
  });

  it("headers a client forges never reach the app: nginx replaces them with wxdesk's answer", async () => {
    const zhang = user("张伟");
    const jar = new Jar();
    await browse(jar, "/shop/", zhang.openid);
    const forged = {
      "X-WeChat-OpenID": "oFORGED",
      "x-wechat-openid": "oFORGED2",
      "X-WECHAT-UNIONID": "oFORGEDUNION",
      "X-WeChat-Scope": "snsapi_userinfo",
      X_WeChat_OpenID: "oUNDERSCORE",
    };
    const answer = await visit(jar, "/shop/me", { headers: forged });
    expect(answer.status).toBe(200);
    const echo = JSON.parse(answer.body) as Echo;
    // Signed in with snsapi_base: the store does not know Zhang's unionid yet, so there is none.
    expect(echo.wechat).toEqual({ "x-wechat-openid": zhang.openid, "x-wechat-scope": "snsapi_base" });

    // Without a session the forged headers get a redirect, and the app is not asked at all.
    const hitsBefore = app.hits();
    const anonymous = await visit(new Jar(), "/shop/me", { headers: forged });
    expect(anonymous.status).toBe(302);
    expect(app.hits()).toBe(hitsBefore);
  });

  it("a POST with a body reaches the app once signed in (the verify question goes without the body)", async () => {
    const jar = new Jar();
    await browse(jar, "/shop/", user("刘洋🚀").openid);
    const answer = await visit(jar, "/shop/cart", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "item=42&count=2",
    });
    expect(answer.status).toBe(200);
    const echo = JSON.parse(answer.body) as Echo;
    expect(echo).toMatchObject({ method: "POST", url: "/shop/cart", body: "item=42&count=2" });
    expect(echo.wechat["x-wechat-openid"]).toBe(user("刘洋🚀").openid);
  });

  it("a snapshot-page guest is not signed in: the app is not reached", async () => {
    const sun = user("孙悦");
    expect(sun.snapshot).toBe(true);
    const jar = new Jar();
    const { answer, visited } = await browse(
      jar,
      "/oauth/start?scope=snsapi_userinfo&next_raw=/shop/",
      sun.openid,
    );
    expect(visited.at(-1)).toMatch(/^\/oauth\/snapshot\?/);
    expect(answer.status).toBe(200);
    expect(jar.cookies.has("wxdesk_session")).toBe(true);

    const hitsBefore = app.hits();
    const protectedPage = await visit(jar, "/shop/");
    expect(protectedPage.status).toBe(302);
    expect(String(protectedPage.headers.location)).toContain(
      "/oauth/start?scope=snsapi_base&next_raw=/shop/",
    );
    expect(app.hits()).toBe(hitsBefore);
  });
});

describe("the guide's forward-auth snippet", () => {
  it("is deploy/nginx-forward-auth.conf, the file tested above, without its comments", () => {
    const directives = (text: string) =>
      text
        .split("\n")
        .map((line) => line.replace(/#.*$/, "").trim())
        .filter(Boolean)
        .join("\n");
    const file = readFileSync(new URL("../deploy/nginx-forward-auth.conf", import.meta.url), "utf8");
    const readme = readDeployGuide();
    const block = /```nginx\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf("# 用 nginx 保护其他应用")));
    expect(block?.[1]).toBeDefined();
    expect(directives(block?.[1] ?? "")).toBe(directives(file));
  });
});
