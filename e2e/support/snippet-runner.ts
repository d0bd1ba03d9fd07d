import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

/**
 * Runs the code the 接入应用 screen hands a developer, as they would: pasted into a file of an empty
 * folder, its library installed (here: linked from the repository's node_modules — there is no
 * internet), the app secret in WXDESK_CLIENT_SECRET.
 */
export interface RunningSnippet {
  folder: string;
  output(): string;
  stop(): Promise<void>;
}

const REPO = resolve(import.meta.dirname, "../..");

/** `node app.mjs` with openid-client available; resolves once it answers HTTP on `port`. */
export async function runNodeSnippet(
  code: string,
  env: Record<string, string>,
  port: number,
): Promise<RunningSnippet> {
  const folder = mkdtempSync(join(tmpdir(), "wxdesk-node-snippet-"));
  mkdirSync(join(folder, "node_modules"));
  symlinkSync(
    join(REPO, "node_modules", "openid-client"),
    join(folder, "node_modules", "openid-client"),
    "dir",
  );
  writeFileSync(join(folder, "app.mjs"), code);
  return serve(folder, process.execPath, ["app.mjs"], { ...env, PORT: String(port) }, port);
}

/** The Python code as `app.py`, served by Flask's own server on `port` (as `flask --app app run` does). */
export async function runPythonSnippet(
  code: string,
  env: Record<string, string>,
  port: number,
): Promise<RunningSnippet> {
  const folder = mkdtempSync(join(tmpdir(), "wxdesk-python-snippet-"));
  writeFileSync(join(folder, "app.py"), code);
  const start = `import app\napp.app.run(host="127.0.0.1", port=${port})`;
  return serve(folder, PYTHON, ["-c", start], { ...env, PYTHONPATH: folder }, port);
}

/** Starts `command` in `folder`; resolves once something answers HTTP on `port`. */
async function serve(
  folder: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  port: number,
): Promise<RunningSnippet> {
  const child: ChildProcess = spawn(command, args, {
    cwd: folder,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(folder, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    try {
      await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" });
      return { folder, output: () => output, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error(`${command} ${args.join(" ")} did not start: ${output}`);
}

/** Debian's python3 (python3-authlib, python3-flask): undefined when they are not installed. */
export const PYTHON = "/usr/bin/python3";

export async function pythonHasAuthlib(): Promise<boolean> {
  try {
    await promisify(execFile)(PYTHON, ["-c", "import authlib, flask, requests"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Imports the Python snippet as `app` and asks its Flask app for `/login` (Flask's test client):
 * Authlib reads the discovery document and answers the redirect to the sign-in. Returns that redirect.
 */
export async function pythonLoginRedirect(
  code: string,
  env: Record<string, string>,
): Promise<{ status: number; location: string }> {
  const folder = mkdtempSync(join(tmpdir(), "wxdesk-python-snippet-"));
  try {
    writeFileSync(join(folder, "app.py"), code);
    const probe = [
      "import json, app",
      "client = app.app.test_client()",
      "answer = client.get('/login')",
      "print(json.dumps({'status': answer.status_code, 'location': answer.headers.get('Location', '')}))",
    ].join("\n");
    const { stdout } = await promisify(execFile)(PYTHON, ["-c", probe], {
      cwd: folder,
      env: { PATH: process.env.PATH ?? "", PYTHONPATH: folder, ...env },
    });
    return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as { status: number; location: string };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
