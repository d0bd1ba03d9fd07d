import { createServer } from "node:net";
import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../context/create-app-context.js";
import { getJson, listen, tempDir, testConfig } from "../../testing/test-server.js";

let sandbox: StartedSandbox;
let dir: ReturnType<typeof tempDir>;
const cleanup: Array<() => Promise<void> | void> = [];

beforeEach(async () => {
  sandbox = await startSandbox();
  dir = tempDir();
});

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  await sandbox.close();
  dir.remove();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 1;
}

async function serve(apiBase?: string) {
  const config = testConfig(sandbox.url, dir.path, apiBase ? { apiBase } : {});
  const ctx = await createAppContext(config);
  cleanup.push(() => ctx.close());
  const server = await listen(ctx);
  cleanup.push(() => server.close());
  return { ctx, server };
}

type Ready = {
  ok: boolean;
  checks: Record<string, { ok: boolean }>;
  error?: { code: string; message: string };
};

describe("health", () => {
  it("/healthz answers ok; /readyz checks the store and the upstream", async () => {
    const { server } = await serve();
    expect(await getJson(`${server.url}/healthz`)).toEqual({ status: 200, body: { ok: true } });
    const ready = await getJson<Ready>(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ store: { ok: true }, upstream: { ok: true } });
  });

  it("/readyz → 503 naming the upstream when WeChat cannot be reached", async () => {
    const { server } = await serve(`http://127.0.0.1:${await closedPort()}`);
    const ready = await getJson<Ready>(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ store: { ok: true }, upstream: { ok: false } });
    expect(ready.body.error?.code).toBe("not_ready");
    expect(ready.body.error?.message).toContain("upstream");
  });

  it("/readyz → 503 naming the store when it does not answer", async () => {
    const { ctx, server } = await serve();
    await ctx.store.close();
    const ready = await getJson<Ready>(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ store: { ok: false }, upstream: { ok: true } });
    expect(ready.body.error?.message).toContain("store");
  });
});
