import { type AppContext, buildApp, createAppContext, freePort } from "@wxdesk/callback-server";
import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActivityEvent } from "../../desk-api.js";
import { AdminClient } from "../admin/admin-client.js";
import { type LocalKeys, localServerConfig, newLocalKeys } from "../local/local-server-config.js";
import { tempDataDir } from "../testing/temp-data-dir.js";
import { ActivityStream } from "./activity-stream.js";

/** A real callback server this test can take down and bring back on the same port, same database. */
let sandbox: StartedSandbox;
let ctx: AppContext;
let app: FastifyInstance | undefined;
let port: number;
let keys: LocalKeys;
const dir = tempDataDir();
const streams: ActivityStream[] = [];

async function listen(): Promise<void> {
  app = await buildApp(ctx);
  await app.listen({ port, host: "127.0.0.1" });
}

function stream(key: string): {
  stream: ActivityStream;
  received: ActivityEvent[];
  next: (id: number) => Promise<void>;
} {
  const s = new ActivityStream({
    client: async () => new AdminClient({ baseUrl: `http://127.0.0.1:${port}`, key }),
    backoffStartMs: 20,
  });
  streams.push(s);
  const received: ActivityEvent[] = [];
  const waiting = new Map<number, () => void>();
  s.subscribe((event) => {
    received.push(event);
    for (const [id, resolve] of waiting) if (event.id >= id) resolve();
  });
  const next = (id: number) =>
    received.some((e) => e.id >= id)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiting.set(id, resolve));
  return { stream: s, received, next };
}

beforeAll(async () => {
  sandbox = await startSandbox({});
  port = await freePort();
  keys = newLocalKeys();
  ctx = await createAppContext(localServerConfig({ dataDir: dir.path, sandboxUrl: sandbox.url, port, keys }));
  await listen();
});

afterAll(async () => {
  for (const s of streams) s.close();
  await app?.close();
  await ctx?.close();
  await sandbox?.close();
  dir.remove();
});

describe("ActivityStream", () => {
  it("delivers live events; after a drop it reconnects and resumes with Last-Event-ID, nothing lost or doubled", async () => {
    const before = await ctx.events.publish("check", { openid: "oBefore", ok: true });
    const { stream: s, received, next } = stream(keys.supportKey);
    s.retarget();
    expect(await s.status()).not.toHaveProperty("error");

    const a = await ctx.events.publish("check", { openid: "oA", ok: true });
    await next(a.id);

    // The server goes away (the stream drops), events happen meanwhile, the server comes back.
    await app?.close();
    app = undefined;
    const b = await ctx.events.publish("refresh", { openid: "oB", trigger: "manual" });
    const c = await ctx.events.publish("authorization", { openid: "oC", scope: "snsapi_base" });
    await listen();
    await next(c.id);

    expect(received.map((e) => e.id)).toEqual([a.id, b.id, c.id]);
    expect(received.map((e) => e.type)).toEqual(["check", "refresh", "authorization"]);
    expect(received[1]?.data).toEqual({ openid: "oB", trigger: "manual" });
    expect(received.some((e) => e.id === before.id)).toBe(false);
    await vi.waitFor(async () => expect((await s.status()).connected).toBe(true), { timeout: 10_000 });
  });

  it("a refused key is reported in words and retried, not thrown", async () => {
    const { stream: s } = stream("not-the-key-0123456789abcdef");
    s.retarget();
    const status = await s.status();
    expect(status.connected).toBe(false);
    expect(status.error?.code).toBe("unauthorized");
    expect(status.error?.messageZh).toContain("管理密钥无效");
  });

  it("every subscriber gets each event; one that throws does not stop the others; unsubscribe stops delivery", async () => {
    const { stream: s, next } = stream(keys.adminKey);
    const first: number[] = [];
    const second: number[] = [];
    s.subscribe(() => {
      throw new Error("a broken listener");
    });
    const stop = s.subscribe((e) => first.push(e.id));
    s.subscribe((e) => second.push(e.id));
    s.retarget();
    await s.status();
    const one = await ctx.events.publish("check", { openid: "o1", ok: true });
    await next(one.id);
    stop();
    const two = await ctx.events.publish("check", { openid: "o2", ok: true });
    await next(two.id);
    expect(first).toEqual([one.id]);
    expect(second).toEqual([one.id, two.id]);
  });
});
