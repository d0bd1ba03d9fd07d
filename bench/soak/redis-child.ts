import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort, killOnExit, signalAndWait } from "../lib/child-server.js";

/** A redis-server of the soak's own: its port, its folder, AOF on — never the shared one. */
export interface RedisChild {
  url: string;
  /** A clean stop (SIGTERM: Redis writes and syncs its AOF, then exits). */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder: what the AOF holds comes back. */
  start(): Promise<void>;
}

/** Why Redis scenarios cannot run here, or undefined when `redis-server` is installed. */
export function redisMissing(): string | undefined {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return probe.error || probe.status !== 0
    ? "redis-server is not installed (Debian: apt-get install redis-server)"
    : undefined;
}

/**
 * Persistence as DESIGN.md asks of a Redis that holds users: AOF, fsync every second, no RDB
 * snapshots (so what survives a restart is the AOF's doing). Loopback only.
 */
function redisArgs(port: number, dir: string): string[] {
  return [
    ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
    ...["--appendonly", "yes", "--appendfsync", "everysec", "--save", ""],
    ...["--logfile", join(dir, "redis.log")],
  ];
}

export async function startRedis(dir: string): Promise<RedisChild> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const started = spawn("redis-server", redisArgs(port, dir), { stdio: "ignore" });
    killOnExit(started);
    child = started;
    await waitForPing(url, started);
  }

  await start();
  return {
    url,
    start,
    stop: async () => {
      if (child) await signalAndWait(child, "SIGTERM");
    },
  };
}

/** Resolves once Redis answers PING (it has loaded its AOF by then); 15 s at most. */
async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => {});
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") return;
    } catch {
      // not listening yet, or still loading the AOF
    } finally {
      client.disconnect();
    }
    if (Date.now() > deadline) throw new Error(`redis-server on ${url} did not answer PING within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
