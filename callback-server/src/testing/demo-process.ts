import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { findStartedLine } from "../cli/started-line.js";
import { collectOutput } from "./child-output.js";

/** `npm run server -- --sandbox` as a child process, as a person starts it, with `env` only. */
export interface DemoProcess {
  child: ChildProcess;
  /** The started line's URL (where the server listens). */
  url: string;
  stdout(): string;
  /** The demo's words for people: the links to try and the one-run keys. */
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** Resolves once the JSON started line and the demo's words (written right after it) are both out. */
export async function startDemoProcess(env: Record<string, string>): Promise<DemoProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts", "--sandbox"], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { stdout, stderr } = collectOutput(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const guard = setTimeout(
      () => reject(new Error(`the demo did not start:\n${stdout()}${stderr()}`)),
      30_000,
    );
    const ready = () => {
      const started = findStartedLine(stdout());
      if (!started || !stderr().includes("Support key")) return;
      clearTimeout(guard);
      resolve(started.url);
    };
    child.stdout?.on("data", ready);
    child.stderr?.on("data", ready);
    child.once("exit", (code) => reject(new Error(`the demo exited with ${code}:\n${stdout()}${stderr()}`)));
  });
  return {
    child,
    url,
    stdout,
    stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
