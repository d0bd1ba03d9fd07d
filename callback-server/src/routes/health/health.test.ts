import type { IncomingMessage } from "node:http";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { createAppContext } from "../../context/create-app-context.js";
import { sandboxPerTest } from "../../testing/sandbox-per-test.js";
import { getJson, listen, testConfig } from "../../testing/test-server.js";

const t = sandboxPerTest();

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 1;
}

async function serve(apiBase?: string) {
  const config = testConfig(t.sandbox.url, t.dir.path, apiBase ? { apiBase } : {});
  const ctx = await createAppContext(config);
  t.cleanup(() => ctx.close());
  const server = await listen(ctx);
  t.cleanup(() => server.close());
  return { ctx, server };
}

/** Every HTTP request the t.sandbox (the only WeChat here) receives, whatever its path. */
function countSandboxRequests(): { paths: string[] } {
  const seen = { paths: [] as string[] };
  const onRequest = (request: IncomingMessage) => seen.paths.push(request.url ?? "");
  t.sandbox.app.server.on("request", onRequest);
  t.cleanup(() => {
    t.sandbox.app.server.off("request", onRequest);
  });
  return seen;
}

type Ready = {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
  error?: { code: string; message: string; messageZh: string };
};

interface WechatStatus {
  reachable: boolean;
  checkedAt: number;
  detail: string;
  message: string;
  messageZh: string;
}

const admin = { headers: { authorization: "Bearer admin-key-0123456789abcdefghij" } };

describe("health", () => {
  it("/healthz answers ok; /readyz checks the store", async () => {
    const { server } = await serve();
    expect(await getJson(`${server.url}/healthz`)).toEqual({ status: 200, body: { ok: true } });
    const ready = await getJson<Ready>(`${server.url}/readyz`);
    expect(ready).toEqual({ status: 200, body: { ok: true, checks: { store: { ok: true } } } });
  });

  it("/readyz stays 200 while WeChat cannot be reached: a WeChat blip must not drain every instance", async () => {
    const { server } = await serve(`http://127.0.0.1:${await closedPort()}`);
    const ready = await getJson<Ready>(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body.ok).toBe(true);
  });

  it("no public hit makes an outbound call (the t.sandbox receives nothing)", async () => {
    const { server } = await serve();
    const seen = countSandboxRequests();
    // The counter works: an admin's WeChat check does reach the t.sandbox.
    await getJson(`${server.url}/admin/api/wechat-status`, admin);
    expect(seen.paths).toEqual(["/"]);
    seen.paths.length = 0;
    for (let i = 0; i < 5; i++) {
      expect((await getJson(`${server.url}/healthz`)).status).toBe(200);
      expect((await getJson(`${server.url}/readyz`)).status).toBe(200);
    }
    expect(seen.paths).toEqual([]);
  });

  it("/readyz → 503 naming the store when it does not answer", async () => {
    const { ctx, server } = await serve();
    await ctx.store.close();
    const ready = await getJson<Ready>(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body.checks.store).toEqual({ ok: false, detail: "not answering (closed)" });
    expect(ready.body.error?.code).toBe("not_ready");
    expect(ready.body.error?.message).toContain("store");
    expect(ready.body.error?.messageZh).toContain("存储");
  });
});

describe("admin: GET wechat-status", () => {
  it("reports WeChat reachable, probing at most once per 30 s however often it is asked", async () => {
    const { server } = await serve();
    const seen = countSandboxRequests();
    const first = await getJson<WechatStatus>(`${server.url}/admin/api/wechat-status`, admin);
    const second = await getJson<WechatStatus>(`${server.url}/admin/api/wechat-status`, {
      headers: { authorization: "Bearer support-key-0123456789abcdefghij" },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reachable: true, detail: expect.stringMatching(/^HTTP \d{3}$/) });
    expect(second.body).toEqual(first.body);
    expect(seen.paths).toEqual(["/"]);
  });

  it("reports WeChat unreachable in both languages; needs a key", async () => {
    const { server } = await serve(`http://127.0.0.1:${await closedPort()}`);
    const status = await getJson<WechatStatus>(`${server.url}/admin/api/wechat-status`, admin);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ reachable: false, detail: "connection failed" });
    expect(status.body.messageZh).toContain("微信接口");
    expect(status.body.message).toContain("WeChat");
    expect((await getJson(`${server.url}/admin/api/wechat-status`)).status).toBe(401);
  });
});
