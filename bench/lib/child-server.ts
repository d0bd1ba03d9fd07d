import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";

export interface ChildServer {
  url: string;
  pid: number;
  /**
   * CPU time the child and its own children (the built server's cluster workers) have used so
   * far, in ms (user + system), read from /proc.
   */
  cpuMs(): Promise<number>;
  /** Resident memory of the child and its children right now, in KiB (VmRSS from /proc/<pid>/status). */
  rssKb(): Promise<number>;
  stop(): Promise<void>;
  /** `kill -9`: no shutdown hooks, no flush — a crash, as the soak's disruptions need. */
  kill(): Promise<void>;
}

export { freePort } from "@wxdesk/callback-server";

/** Children still running; killed when this process exits however it exits (a failed suite included). */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Kills `child` when this process exits, unless it has exited by then (for children not started here). */
export function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once("exit", () => running.delete(child));
}

/** Sends `signal` and resolves once the child has exited (at once when it already has). */
export function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  return exited;
}

/**
 * Start a server in its own process, so that what it costs is measured apart from the load
 * generator (one Node process = one core for the server).
 */
export async function startChildServer(options: {
  entry: string;
  env: Record<string, string>;
  readyPath: string;
  port: number;
  args?: string[];
  /** Plain `node entry` for built JavaScript (the deployable bundle); TypeScript runs through tsx. */
  plainNode?: boolean;
}): Promise<ChildServer> {
  const loader = options.plainNode ? [] : ["--import", "tsx"];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profilingArgs(), ...loader, options.entry, ...(options.args ?? [])],
    {
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  killOnExit(child);
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.entry} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}${options.readyPath}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.entry} did not answer ${options.readyPath} within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    cpuMs: () => overTree(pid, processCpuMs),
    rssKb: () => overTree(pid, processRssKb),
    stop: async () => {
      // A server that does not stop within 15 s is killed: a bench never leaves one behind.
      const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await signalAndWait(child, "SIGTERM");
      clearTimeout(force);
    },
    kill: () => signalAndWait(child, "SIGKILL"),
  };
}

/** `read` summed over `pid` and its direct children (a cluster primary's workers). */
async function overTree(pid: number, read: (pid: number) => Promise<number>): Promise<number> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => "");
  const pids = [pid, ...children.split(" ").filter(Boolean).map(Number)];
  // A worker may exit between the listing and the read: it then counts as nothing.
  const values = await Promise.all(pids.map((p) => read(p).catch(() => 0)));
  return values.reduce((sum, v) => sum + v, 0);
}

async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // fields after the "(comm)" part: utime is field 14, stime 15 (1-based), in clock ticks
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // Linux USER_HZ is 100
}

async function processRssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`: extra Node flags for the servers under test. */
function profilingArgs(): string[] {
  return (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
}
