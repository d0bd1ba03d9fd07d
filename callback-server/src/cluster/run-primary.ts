import cluster, { type Worker } from "node:cluster";
import { EXIT_CODES, type ExitCode } from "../cli/exit-codes.js";
import { isClusterMessage } from "./cluster-messages.js";

/** The JSON line the primary writes on stdout once every worker listens. */
export const WORKERS_READY_MESSAGE = "wxdesk workers ready";

export interface PrimaryOptions {
  workers: number;
  /** Words for a person (stderr). */
  say: (...lines: string[]) => void;
  /** Crashed workers restarted within `restartWindowMs` before the server gives up (exit 3). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** How long the workers get to stop on SIGTERM before they are killed. */
  stopTimeoutMs?: number;
}

/**
 * WXDESK_WORKERS > 1: this process only forks the workers (each runs the whole server; the port is
 * shared through node:cluster), passes events between them (SQLite has no pub/sub) and watches
 * them. The settings were checked here before any fork, so a bad setting exits 1 at once instead
 * of a restart loop. A worker that crashes after it started is replaced (at most `maxRestarts` in
 * `restartWindowMs`, then exit 3 and the service manager decides); a worker that exits 1, or fails
 * to start at all, stops the server with its status, as a single process would. SIGTERM and SIGINT
 * go to every worker, each of which finishes its requests; the primary exits when all have.
 */
export function runPrimary(options: PrimaryOptions): void {
  const maxRestarts = options.maxRestarts ?? 5;
  const restartWindowMs = options.restartWindowMs ?? 60_000;
  const alive = new Set<Worker>();
  const ready = new Set<Worker>();
  const restarts: number[] = [];
  let announced = false;
  let started = 1;
  let stopping = false;
  let exitCode: ExitCode = EXIT_CODES.ok;

  const stopAll = (code: ExitCode) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (alive.size === 0) process.exit(exitCode);
    for (const worker of alive) worker.process.kill("SIGTERM");
    // Each worker gives itself 10 s; a worker that still hangs after that is ended here.
    const force = setTimeout(() => {
      for (const worker of alive) worker.process.kill("SIGKILL");
      process.exit(EXIT_CODES.failed);
    }, options.stopTimeoutMs ?? 15_000);
    force.unref();
  };

  const relay = (from: Worker, message: unknown) => {
    for (const other of alive) if (other !== from && other.isConnected()) other.send(message as object);
  };

  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker);
    worker.on("message", (message: unknown) => {
      if (!isClusterMessage(message)) return;
      if (message.wxdesk === "event") return relay(worker, message);
      ready.add(worker);
      // One at a time at start: workers opening a new SQLite file together would race to set it up
      // (WAL, the schema) and one would fail with "database is locked".
      // Not once stopping: a worker forked after SIGTERM would never be told to stop.
      if (stopping) return;
      if (started < options.workers) {
        started += 1;
        fork();
        return;
      }
      if (!announced && ready.size === options.workers) {
        announced = true;
        const line = {
          level: 30,
          time: Date.now(),
          pid: process.pid,
          msg: WORKERS_READY_MESSAGE,
          workers: options.workers,
        };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    alive.delete(worker);
    const wasReady = ready.delete(worker);
    if (stopping) {
      if (alive.size === 0) process.exit(exitCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `status ${code}`;
    if (code === EXIT_CODES.badSetting || !wasReady) {
      // A setting to fix, or a start that failed (port taken, database unreadable): a new worker
      // would fail the same way. Stop with the worker's status, as a single process would.
      options.say(`工作进程退出（${how}），服务器停止。/ A worker exited (${how}); the server stops.`);
      stopAll(code === null || code === EXIT_CODES.ok ? EXIT_CODES.failed : (code as ExitCode));
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && now - (restarts[0] as number) > restartWindowMs) restarts.shift();
    if (restarts.length >= maxRestarts) {
      options.say(
        `工作进程 ${restartWindowMs / 1000} 秒内崩溃了 ${maxRestarts + 1} 次，服务器停止。`,
        `Workers crashed ${maxRestarts + 1} times within ${restartWindowMs / 1000} s; the server stops.`,
      );
      stopAll(EXIT_CODES.failed);
      return;
    }
    restarts.push(now);
    options.say(
      `工作进程意外退出（${how}），已启动新的。/ A worker stopped unexpectedly (${how}); started another.`,
    );
    fork();
  });

  process.on("SIGTERM", () => stopAll(EXIT_CODES.ok));
  process.on("SIGINT", () => stopAll(EXIT_CODES.ok));
  process.on("uncaughtException", (error) => {
    options.say(`primary crashed: ${error.message}`);
    stopAll(EXIT_CODES.failed);
  });
  fork();
}
