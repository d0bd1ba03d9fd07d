import { join } from "node:path";
import {
  type CallbackServer,
  newServerKeys,
  type ServerKeys,
  startCallbackServer,
} from "../lib/callback-server-child.js";
import { freePort } from "../lib/child-server.js";
import { type ScratchDir, scratchDir } from "../lib/scratch-dir.js";
import { type RedisChild, startRedis } from "./redis-child.js";
import type { Backend } from "./scenarios.js";
import { Site } from "./site.js";

/** How long Redis stays down in the redis-restart scenario: long enough for journeys to run into it. */
const REDIS_OUTAGE_MS = 1000;
const READY_WAIT_MS = 30_000;

/** The servers under test, as deployed: processes of their own, the store they share, the site in front. */
export interface Deployment {
  backend: Backend;
  site: Site;
  keys: ServerKeys;
  /** `kill -9` of the first instance, then the same server started again on its port. */
  killAndRestart(): Promise<void>;
  /** A clean Redis stop, a pause, a start on the same AOF folder. */
  restartRedis(): Promise<void>;
  /** Resolves when every instance answers `/readyz` 200 (its store is reachable). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * SQLite: one server on a file. Redis: a redis-server of its own (AOF) and two servers on it,
 * both calling themselves by one public address, as behind a load balancer.
 */
export async function startDeployment(backend: Backend, apiBase: string): Promise<Deployment> {
  const dir = scratchDir(`wxdesk-soak-${backend}-`);
  const keys = newServerKeys();
  const servers: CallbackServer[] = [];
  let redis: RedisChild | undefined;
  try {
    redis = backend === "redis" ? await startRedis(dir.path) : undefined;
    const publicUrl = backend === "redis" ? `http://127.0.0.1:${await freePort()}` : undefined;
    const start = (port?: number) =>
      startCallbackServer({
        apiBase,
        dbPath: join(dir.path, "wxdesk.db"),
        keys,
        ...(redis ? { redis: { url: redis.url } } : {}),
        ...(port === undefined ? {} : { port }),
        ...(publicUrl === undefined ? {} : { publicUrl }),
      });
    for (let i = 0; i < (backend === "redis" ? 2 : 1); i++) servers.push(await start());
    const site = new Site(
      publicUrl ?? (servers[0] as CallbackServer).publicUrl,
      servers.map((server) => server.url),
    );
    return deployment(backend, site, keys, servers, start, redis, dir);
  } catch (error) {
    await Promise.allSettled([...servers.map((server) => server.stop()), redis?.stop()]);
    dir.remove();
    throw error;
  }
}

function deployment(
  backend: Backend,
  site: Site,
  keys: ServerKeys,
  servers: CallbackServer[],
  start: (port: number) => Promise<CallbackServer>,
  redis: RedisChild | undefined,
  dir: ScratchDir,
): Deployment {
  const ready = () => Promise.all(servers.map((server) => waitReady(server.url))).then(() => {});
  return {
    backend,
    site,
    keys,
    ready,
    async killAndRestart() {
      const victim = servers[0] as CallbackServer;
      site.markDown(0);
      await victim.kill();
      servers[0] = await start(Number(new URL(victim.url).port));
      site.markUp(0);
    },
    async restartRedis() {
      if (!redis) throw new Error("restartRedis: this deployment has no Redis");
      await redis.stop();
      await new Promise((resolve) => setTimeout(resolve, REDIS_OUTAGE_MS));
      await redis.start();
      await ready();
    },
    async close() {
      await Promise.allSettled(servers.map((server) => server.stop()));
      await redis?.stop();
      dir.remove();
    },
  };
}

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + READY_WAIT_MS;
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await response.text();
      if (response.ok) return;
    } catch {
      // restarting, or its store is not back yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/readyz did not answer 200 within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
