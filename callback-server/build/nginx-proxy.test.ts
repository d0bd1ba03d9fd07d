import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/app-context.js";
import { createAppContext } from "../src/context/create-app-context.js";
import { freePort } from "../src/net/free-port.js";
import { type Listening, listen, tempDir, testConfig } from "../src/testing/test-server.js";
import { requiredTool } from "./testing/machine-tools.js";
import { getAsBrowser, type SitePorts, startNginxSite, stopNginx } from "./testing/nginx-test-kit.js";

/**
 * deploy/nginx-wxdesk.conf in front of a real callback server: nginx on loopback ports of its own
 * with a self-signed certificate, everything else as shipped. What a browser gets back, and what
 * nginx writes in its access log.
 */

const nginxBinary = requiredTool("nginx", "the nginx-in-front checks of deploy/nginx-wxdesk.conf");
const openssl = requiredTool("openssl", "the self-signed certificate for the nginx checks");

// Values that must never reach the access log: a one-time code, a state, a user's openid.
const CODE = "CODEsecret0123456789";
const STATE = "STATEsecret9876543210";
const OPENID = "oSECRETopenid0123456789abcd";

describe.skipIf(!nginxBinary || !openssl)("nginx in front of the callback server", () => {
  let dir: ReturnType<typeof tempDir>;
  let sandbox: StartedSandbox;
  let ctx: AppContext;
  let server: Listening;
  let nginx: ChildProcess;
  let ports: SitePorts;
  const accessLog = () => readFileSync(join(dir.path, "logs", "wxdesk-access.log"), "utf8");

  beforeAll(async () => {
    dir = tempDir("wxdesk-nginx-live-");
    sandbox = await startSandbox();
    ctx = await createAppContext(
      testConfig(sandbox.url, join(dir.path, "data"), {
        publicUrl: "https://wx.example.com",
        msgToken: SANDBOX_DEFAULTS.token,
        msgAesKey: SANDBOX_DEFAULTS.encodingAesKey,
      }),
    );
    server = await listen(ctx);
    ports = { http: await freePort(), https: await freePort(), upstream: Number(new URL(server.url).port) };
    nginx = await startNginxSite({
      nginx: nginxBinary as string,
      openssl: openssl as string,
      dir: dir.path,
      ports,
    });
  }, 60_000);

  afterAll(async () => {
    await stopNginx(nginx);
    await server?.close();
    await ctx?.close();
    await sandbox?.close();
    dir?.remove();
  });

  it("logs the OAuth callback and the message push by path only: no code, state or openid", async () => {
    const callback = await getAsBrowser(ports.https, `/oauth/callback?code=${CODE}&state=${STATE}`, true);
    // The server answered (a page about the unknown state), through nginx.
    expect(callback.status).toBeGreaterThanOrEqual(200);
    expect(callback.status).toBeLessThan(500);
    const push = await getAsBrowser(
      ports.https,
      `/wechat?signature=0123456789abcdef&timestamp=1&nonce=2&openid=${OPENID}&encrypt_type=aes`,
      true,
    );
    // A forged signature: the server refuses it (4xx), it does not fail.
    expect(push.status).toBeGreaterThanOrEqual(400);
    expect(push.status).toBeLessThan(500);
    const plain = await getAsBrowser(ports.http, `/oauth/callback?code=${CODE}&state=${STATE}`, false);
    expect(plain.status).toBe(301);
    // The redirect itself keeps the query: only the log leaves it out.
    expect(plain.headers.location).toBe(`https://wx.example.com/oauth/callback?code=${CODE}&state=${STATE}`);

    const log = accessLog();
    expect(log).toContain("/oauth/callback");
    expect(log).toContain("/wechat");
    for (const secret of [CODE, STATE, OPENID, "signature=", "?"]) expect(log, secret).not.toContain(secret);
  });

  it("sends HSTS and no nginx version, on the app's answers and on nginx's own", async () => {
    for (const path of ["/healthz", "/oauth/start?scope=snsapi_base", "/no/such/page"]) {
      const answer = await getAsBrowser(ports.https, path, true);
      expect(answer.headers["strict-transport-security"] ?? "(none)", path).toMatch(/max-age=\d{8}/);
      expect(answer.headers.server, path).toBe("nginx");
    }
    const plain = await getAsBrowser(ports.http, "/healthz", false);
    expect(plain.headers.server).toBe("nginx");
    expect(plain.body).not.toMatch(/nginx\/\d/);
  });

  it("answers 429 to a client that floods /oauth/start, while /healthz still passes", async () => {
    const answers = await Promise.all(
      Array.from({ length: 80 }, () => getAsBrowser(ports.https, "/oauth/start?scope=snsapi_base", true)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 302).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect((await getAsBrowser(ports.https, "/healthz", true)).status).toBe(200);
  });
});
