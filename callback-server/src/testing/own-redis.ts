import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { freePort } from "../net/free-port.js";
import { tempDir } from "./test-server.js";

/**
 * A `redis-server` of the test's own, on a free port in a temp folder: tests that stop, freeze or
 * reconfigure Redis must never touch the shared one (REDIS_URL). `stop()` / `start()` restart it on
 * the same port with the same arguments (`start()` does nothing while it runs), `freeze()` / `thaw()` make it stop answering while its
 * connections stay open (SIGSTOP / SIGCONT), `close()` ends it and removes the folder.
 */
export interface OwnRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

/** Why an own Redis cannot be started here, or undefined when `redis-server` is installed. */
export function ownRedisUnavailable(): string | undefined {
  const probe = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    const reason = "redis-server is not installed (apt-get install redis-server)";
    if (process.env.CI === "true") throw new Error(`${reason}: the store outage tests must run in CI`);
    console.warn(`[wxdesk] ${reason}: skipping the tests that need their own Redis.`);
    return reason;
  }
  return undefined;
}

/** `extraArgs` are redis-server options, e.g. `["--appendonly", "yes"]`; default: no persistence. */
export async function startOwnRedis(
  extraArgs: string[] = ["--save", "", "--appendonly", "no"],
): Promise<OwnRedis> {
  const dir = tempDir("wxdesk-redis-");
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir.path, ...extraArgs];
  let proc: ChildProcess | undefined;

  const running = () => proc !== undefined && proc.exitCode === null && proc.signalCode === null;

  async function start(): Promise<void> {
    if (running()) return;
    const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    proc = child;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("Ready to accept connections")) {
          child.stdout?.off("data", onData);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
    });
    // Keep draining its output so a chatty Redis never blocks on a full pipe.
    child.stdout?.resume();
    child.stderr?.resume();
  }

  async function stop(): Promise<void> {
    const child = proc;
    if (!child || !running()) return;
    proc = undefined;
    child.kill("SIGCONT"); // a frozen Redis cannot act on SIGTERM
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    freeze: () => proc?.kill("SIGSTOP"),
    thaw: () => proc?.kill("SIGCONT"),
    async close() {
      await stop();
      dir.remove();
    },
  };
}
