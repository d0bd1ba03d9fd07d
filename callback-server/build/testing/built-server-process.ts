import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { findStartedLine } from "../../src/cli/started-line.js";
import { collectOutput } from "../../src/testing/child-output.js";
import { REPO_DIR } from "../build-server-dist.js";

/** Test-only: runs the built server (dist/) as a child process, the way a deployment would. */

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
}

/**
 * Copies dist into `appDir` and gives it a `node_modules` holding only what dist/package.json
 * declares, plus those packages' own dependencies: links to the repository's installed copies.
 * Outside the repository, nothing else can be resolved, so a package the bundle forgot fails here.
 */
export function installLikeProduction(distDir: string, appDir: string): string[] {
  cpSync(distDir, appDir, { recursive: true });
  const modules = join(appDir, "node_modules");
  mkdirSync(modules, { recursive: true });
  const linked: string[] = [];
  const declared = Object.keys(readPackage(appDir).dependencies ?? {});
  const queue = [...declared];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (linked.includes(name)) continue;
    const source = join(REPO_DIR, "node_modules", name);
    if (!existsSync(source)) {
      if (declared.includes(name)) throw new Error(`${name} is not installed in the repository`);
      continue; // an optional dependency for another platform
    }
    mkdirSync(join(modules, name, ".."), { recursive: true });
    symlinkSync(source, join(modules, name), "dir");
    linked.push(name);
    const own = readPackage(source);
    queue.push(...Object.keys(own.dependencies ?? {}), ...Object.keys(own.optionalDependencies ?? {}));
  }
  return linked.sort();
}

/** Only what the server needs: no NODE_OPTIONS, NODE_PATH or REDIS_URL leak in from the test run. */
function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

/** `node [nodeArgs] server.js [args]` in `appDir` until it exits (killed after `timeoutMs`). */
export async function runBuiltServer(
  appDir: string,
  options: { env?: Record<string, string>; args?: string[]; nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<Finished> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "server.js", ...(options.args ?? [])], {
    cwd: appDir,
    env: childEnv(options.env ?? {}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collectOutput(child);
  const guard = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const code = await exited(child);
  clearTimeout(guard);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
}

export interface RunningServer {
  /** Where it listens, from its own start-up line. */
  url: string;
  /** Its process id (the launcher's relaunch keeps it). */
  pid: number;
  /** stdout then stderr, as written so far. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and resolves with the exit code once the process has ended. */
  exitAfter(signal: NodeJS.Signals): Promise<number | null>;
  /** SIGTERM, then the exit code (0 = it shut down cleanly). */
  stop(): Promise<number | null>;
}

/**
 * Starts the built server and resolves once its JSON started line says where it listens (it picks
 * the port: WXDESK_PORT=0). That line is an info line: WXDESK_LOG_LEVEL is info unless `env` says otherwise.
 */
export async function startBuiltServer(
  appDir: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
  nodeArgs: string[] = [],
  /** Also wait for this (WXDESK_WORKERS > 1: the primary's line once every worker listens). */
  until: (stdout: string) => boolean = () => true,
): Promise<RunningServer> {
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    cwd: appDir,
    env: childEnv({ WXDESK_LOG_LEVEL: "info", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collectOutput(child);
  const all = () => `${output.stdout()}${output.stderr()}`;
  const url = await new Promise<string>((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the built server did not start within ${timeoutMs} ms:\n${all()}`));
    }, timeoutMs);
    const onData = () => {
      const started = findStartedLine(output.stdout());
      if (!started || !until(output.stdout())) return;
      clearTimeout(guard);
      child.stdout?.off("data", onData);
      resolve(started.url);
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(guard);
      reject(new Error(`the built server exited with ${code} before listening:\n${all()}`));
    });
  });
  const exitAfter = async (signal: NodeJS.Signals) => {
    child.removeAllListeners("exit");
    const done = exited(child);
    child.kill(signal);
    return await done;
  };
  return {
    url,
    pid: child.pid ?? 0,
    output: all,
    stdout: output.stdout,
    stderr: output.stderr,
    exitAfter,
    stop: () => exitAfter("SIGTERM"),
  };
}
