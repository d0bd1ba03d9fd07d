import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SANDBOX_DEFAULTS, type StartedSandbox } from "@wxdesk/sandbox";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { buildApp } from "../app.js";
import type { AppContext } from "../app-context.js";
import { DEFAULT_HTTP_TIMEOUTS, type ServerConfig } from "../config/server-config.js";

/** A fresh temp folder; `remove()` deletes it. */
export function tempDir(prefix = "wxdesk-test-"): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The one `WXDESK_SERVICE_KEYS` key of `testConfig`. */
export const TEST_SERVICE_KEY = "service-key-0123456789abcdefghij";

/** A valid config pointing at a sandbox, SQLite in `dataDir` unless `redisUrl` is given. */
export function testConfig(
  sandboxUrl: string,
  dataDir: string,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  return {
    port: 0,
    host: "127.0.0.1",
    appid: SANDBOX_DEFAULTS.appid,
    secret: SANDBOX_DEFAULTS.secret,
    publicUrl: "http://127.0.0.1",
    apiBase: sandboxUrl,
    openBase: sandboxUrl,
    dbPath: join(dataDir, "wxdesk.db"),
    dataDir,
    nextAllow: [],
    sessionSecret: randomBytes(32).toString("hex"),
    tokenKey: randomBytes(32).toString("hex"),
    tokenSource: "stable_token",
    pushMaxSkewSeconds: 300,
    trustProxy: [],
    httpTimeouts: DEFAULT_HTTP_TIMEOUTS,
    oidcClients: [],
    adminKey: "admin-key-0123456789abcdefghij",
    supportKey: "support-key-0123456789abcdefghij",
    serviceKeys: [TEST_SERVICE_KEY],
    ...overrides,
  };
}

/**
 * The Redis URL for Redis cases. Without REDIS_URL the cases are skipped with a printed reason,
 * except under CI=true where a missing Redis is a failure, not a silent skip.
 */
export function redisUrlForTests(): string | undefined {
  const url = process.env.REDIS_URL;
  if (url) return url;
  if (process.env.CI === "true")
    throw new Error("REDIS_URL is required when CI=true (Redis cases must run in CI).");
  console.warn(
    "[wxdesk] REDIS_URL not set: skipping the Redis cases (set REDIS_URL=redis://127.0.0.1:6379).",
  );
  return undefined;
}

/** The stores a `describe.each` runs against: SQLite always, Redis when `redisUrl` is set. */
export function storeBackends(
  redisUrl: string | undefined,
): Array<{ name: "sqlite" | "redis"; redisUrl: string | undefined }> {
  return [
    { name: "sqlite", redisUrl: undefined },
    ...(redisUrl ? [{ name: "redis" as const, redisUrl }] : []),
  ];
}

/** A key prefix of its own per test, so tests can share one Redis. */
export function testRedisPrefix(): string {
  return `wxdesk:test:${randomUUID()}:`;
}

/** Deletes every key under `prefix`. */
export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}

export interface Listening {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** `buildApp(ctx)` listening on a random loopback port. */
export async function listen(ctx: AppContext): Promise<Listening> {
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** The sandbox's call counters (`GET /_sandbox/stats`). */
export async function sandboxCalls(sandbox: StartedSandbox): Promise<Record<string, number>> {
  const response = await fetch(`${sandbox.url}/_sandbox/stats`);
  return ((await response.json()) as { calls: Record<string, number> }).calls;
}

/** Moves the sandbox's virtual clock forward (`POST /_sandbox/clock`). */
export async function advanceSandbox(sandbox: StartedSandbox, seconds: number): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (!response.ok) throw new Error(`clock advance failed: HTTP ${response.status}`);
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
