import { join } from "node:path";
import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { EXIT_CODES } from "../src/cli/exit-codes.js";
import { WORKERS_READY_MESSAGE } from "../src/cluster/run-primary.js";
import { ownRedisUnavailable, startOwnRedis } from "../src/testing/own-redis.js";
import { sandboxCalls, tempDir } from "../src/testing/test-server.js";
import { buildServerDist } from "./build-server-dist.js";
import { installLikeProduction, runBuiltServer, startBuiltServer } from "./testing/built-server-process.js";
import { sandboxServerEnv } from "./testing/sandbox-server-env.js";
import { plainUser, signInThroughSandbox } from "./testing/sandbox-sign-in.js";

/**
 * WXDESK_WORKERS=2 in the built server: two worker processes behind one port (node:cluster) on one
 * SQLite file. Each undici `Client` is one connection, which the primary hands to one worker, so
 * asking `/admin/api/info` first says which worker the requests after it on that connection reach.
 */

const ADMIN_KEY = "cluster-admin-key-0123456789abcdefghij";
const SERVICE_KEY = "cluster-service-key-0123456789abcdefgh";

let work: ReturnType<typeof tempDir>;
let appDir: string;
let sandbox: StartedSandbox;

beforeAll(async () => {
  work = tempDir("wxdesk-dist-cluster-");
  const built = await buildServerDist({ outDir: join(work.path, "dist"), logLevel: "error" });
  appDir = join(work.path, "app");
  installLikeProduction(built.outDir, appDir);
  sandbox = await startSandbox();
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  work?.remove();
});

function serverEnv(name: string, extra: Record<string, string> = {}): Record<string, string> {
  return sandboxServerEnv(sandbox.url, join(work.path, name), {
    WXDESK_ADMIN_KEY: ADMIN_KEY,
    WXDESK_SERVICE_KEYS: SERVICE_KEY,
    WXDESK_WORKERS: "2",
    ...extra,
  });
}

const allReady = (stdout: string) => stdout.includes(WORKERS_READY_MESSAGE);

/** A new connection and the worker that holds it. */
async function connection(url: string): Promise<{ client: Client; worker: number }> {
  const client = new Client(url);
  const answer = await client.request({
    path: "/admin/api/info",
    method: "GET",
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  const body = (await answer.body.json()) as { worker?: number };
  expect(answer.statusCode).toBe(200);
  if (typeof body.worker !== "number") throw new Error("info names no worker");
  return { client, worker: body.worker };
}

/** One connection on each of the two workers (the others made on the way are closed). */
async function oneOnEachWorker(url: string): Promise<Map<number, Client>> {
  const held = new Map<number, Client>();
  for (let tries = 0; tries < 20 && held.size < 2; tries += 1) {
    const { client, worker } = await connection(url);
    if (held.has(worker)) await client.close();
    else held.set(worker, client);
  }
  expect(held.size).toBe(2);
  return held;
}

/** The pids of the workers, from their started lines. */
function workerPids(stdout: string): number[] {
  return stdout
    .split("\n")
    .filter((line) => line.includes('"worker":'))
    .map((line) => JSON.parse(line) as { pid: number; worker?: number })
    .filter((line) => line.worker !== undefined)
    .map((line) => line.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the built server with WXDESK_WORKERS=2", () => {
  it("fetches WeChat's token once for concurrent reads through a service key on both workers", async () => {
    const before = (await sandboxCalls(sandbox))["/cgi-bin/stable_token"] ?? 0;
    const server = await startBuiltServer(appDir, serverEnv("token"), 30_000, [], allReady);
    try {
      const reads = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const { client, worker } = await connection(server.url);
          try {
            const answer = await client.request({
              path: "/admin/api/wechat/access-token",
              method: "GET",
              headers: { authorization: `Bearer ${SERVICE_KEY}` },
            });
            const body = (await answer.body.json()) as { access_token?: string };
            return { worker, status: answer.statusCode, token: body.access_token };
          } finally {
            await client.close();
          }
        }),
      );
      expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
      expect(new Set(reads.map((r) => r.worker)).size).toBe(2);
      expect(new Set(reads.map((r) => r.token)).size).toBe(1);
      expect(reads[0]?.token).toEqual(expect.any(String));
      expect(((await sandboxCalls(sandbox))["/cgi-bin/stable_token"] ?? 0) - before).toBe(1);
    } finally {
      expect(await server.stop()).toBe(EXIT_CODES.ok);
    }
  }, 60_000);

  // SQLite: the primary relays events over cluster IPC; Redis: its pub/sub does (an own Redis: the
  // built server has no key prefix setting, the shared one must not see its wxdesk: keys).
  it.each(["sqlite", "redis"] as const)(
    "delivers a sign-in handled by either worker to event streams on both (%s); SIGTERM stops every process",
    async (kind) => {
      if (kind === "redis" && ownRedisUnavailable()) return;
      const redis = kind === "redis" ? await startOwnRedis() : undefined;
      onTestFinished(() => redis?.close());
      const extra: Record<string, string> = redis ? { REDIS_URL: redis.url } : {};
      const server = await startBuiltServer(appDir, serverEnv(`events-${kind}`, extra), 30_000, [], allReady);
      const pids = workerPids(server.stdout());
      expect(pids).toHaveLength(2);
      const streams = await oneOnEachWorker(server.url);
      try {
        const received = new Map<number, string>();
        await Promise.all(
          [...streams].map(async ([worker, client]) => {
            const answer = await client.request({
              path: "/admin/api/events",
              method: "GET",
              headers: { authorization: `Bearer ${ADMIN_KEY}`, accept: "text/event-stream" },
            });
            expect(answer.statusCode).toBe(200);
            received.set(worker, "");
            answer.body.setEncoding("utf8").on("data", (chunk: string) => {
              received.set(worker, `${received.get(worker) ?? ""}${chunk}`);
            });
          }),
        );
        // Two sign-ins on fresh connections: the primary hands them to the workers in turn.
        const users: string[] = [];
        for (let i = 0; i < 2; i += 1) {
          const signedIn = await signInThroughSandbox(server.url, sandbox.url, plainUser(users));
          expect(signedIn.statuses).toEqual({ start: 302, callback: 302, landing: 200 });
          users.push(signedIn.user.openid);
        }
        const sawAll = () =>
          [...received.values()].every((text) =>
            users.every((openid) => text.includes("event: authorization") && text.includes(openid)),
          );
        for (let waited = 0; waited < 100 && !sawAll(); waited += 1)
          await new Promise((r) => setTimeout(r, 50));
        for (const [worker, text] of received) {
          for (const openid of users) expect(text, `worker ${worker}`).toContain(openid);
        }
      } finally {
        for (const client of streams.values()) await client.destroy();
        expect(await server.stop()).toBe(EXIT_CODES.ok);
      }
      expect(pids.filter(isRunning)).toEqual([]);
    },
    60_000,
  );

  it("stops at once (0) on SIGTERM before the primary heard the first worker is ready", async () => {
    // A test-only preload (the workers get the primary's Node flags): the primary hears "ready" 100 ms
    // late and a worker takes 300 ms to begin stopping, so SIGTERM reaches the primary before it
    // heard the first worker and the "ready" arrives while that worker is still stopping.
    const lateReady =
      'data:text/javascript,import cluster from "node:cluster";if(cluster.isPrimary){const emit=cluster.Worker.prototype.emit;' +
      'cluster.Worker.prototype.emit=function(event,message,...rest){if(event==="message"&&message?.wxdesk==="ready")' +
      "{setTimeout(()=>emit.call(this,event,message,...rest),100);return true}return emit.call(this,event,message,...rest)}}" +
      'else process.on("SIGTERM",()=>{const until=Date.now()+300;while(Date.now()<until);})';
    // Only the first worker's started line is awaited.
    const server = await startBuiltServer(appDir, serverEnv("early"), 30_000, ["--import", lateReady]);
    expect(await server.stop()).toBe(EXIT_CODES.ok);
    expect(workerPids(server.stdout())).toHaveLength(1);
    expect(workerPids(server.stdout()).filter(isRunning)).toEqual([]);
  }, 60_000);

  it("replaces a worker that crashed; a bad setting exits 1 before any worker starts", async () => {
    const server = await startBuiltServer(appDir, serverEnv("crash"), 30_000, [], allReady);
    try {
      const [victim] = workerPids(server.stdout());
      process.kill(victim as number, "SIGKILL");
      for (let waited = 0; waited < 200 && workerPids(server.stdout()).length < 3; waited += 1)
        await new Promise((r) => setTimeout(r, 50));
      expect(workerPids(server.stdout())).toHaveLength(3);
      expect(server.stderr()).toContain("A worker stopped unexpectedly (signal SIGKILL)");
      const streams = await oneOnEachWorker(server.url);
      for (const client of streams.values()) await client.close();
    } finally {
      expect(await server.stop()).toBe(EXIT_CODES.ok);
    }

    const bad = await runBuiltServer(appDir, { env: serverEnv("bad", { WXDESK_WORKERS: "0" }) });
    expect(bad.code).toBe(EXIT_CODES.badSetting);
    expect(bad.stderr).toContain("WXDESK_WORKERS");
    expect(bad.stdout).toBe("");
  }, 60_000);
});
