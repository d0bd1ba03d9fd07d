import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { STARTED_MESSAGE } from "./cli/started-line.js";
import { tokenKeyFingerprint } from "./crypto/token-key-fingerprint.js";
import { openStore } from "./store/open-store.js";
import { tempDir } from "./testing/test-server.js";

const SERVER = fileURLToPath(new URL("./server.ts", import.meta.url));

let sandbox: StartedSandbox;
let dir: ReturnType<typeof tempDir>;
const running: ChildProcess[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = tempDir("wxdesk-token-key-");
});
afterEach(() => {
  for (const proc of running.splice(0)) proc.kill("SIGKILL");
});
afterAll(async () => {
  await sandbox.close();
  dir.remove();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run server` for real, on the test's data folder: a start that works is stopped (SIGTERM) once
 * it says it listens; one that refuses exits by itself.
 */
function startServer(extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    WXDESK_APPID: SANDBOX_DEFAULTS.appid,
    WXDESK_SECRET: SANDBOX_DEFAULTS.secret,
    WXDESK_PUBLIC_URL: "http://127.0.0.1:7200",
    WXDESK_WECHAT_API_BASE: sandbox.url,
    WXDESK_WECHAT_OPEN_BASE: sandbox.url,
    WXDESK_HOST: "127.0.0.1",
    WXDESK_PORT: "0",
    WXDESK_DB: join(dir.path, "wxdesk.db"),
    ...extraEnv,
  };
  for (const name of [
    "REDIS_URL",
    "WXDESK_TOKEN_KEY",
    "WXDESK_SESSION_SECRET",
    "WXDESK_ACCEPT_NEW_TOKEN_KEY",
  ]) {
    if (!(name in extraEnv)) delete env[name];
  }
  const proc = spawn(process.execPath, ["--import", "tsx", SERVER], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(proc);
  const run: Run = { code: null, stdout: "", stderr: "" };
  proc.stdout?.on("data", (chunk: Buffer) => {
    run.stdout += chunk.toString("utf8");
    if (run.stdout.includes(STARTED_MESSAGE)) proc.kill("SIGTERM");
  });
  proc.stderr?.on("data", (chunk: Buffer) => {
    run.stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) =>
    proc.once("exit", (code) => {
      run.code = code;
      resolve(run);
    }),
  );
}

const listened = (run: Run) => run.stdout.includes(STARTED_MESSAGE);
const tokenKeyFile = () => readFileSync(join(dir.path, "token-key"), "utf8").trim();

it("a lost token-key file stops the next start (exit 1, zh + en), until the old key is back or the new one is accepted", {
  timeout: 90_000,
}, async () => {
  const first = await startServer();
  expect(listened(first)).toBe(true);
  const original = tokenKeyFile();

  // Lost: the server would generate a new key and carry on as if nothing happened.
  rmSync(join(dir.path, "token-key"));
  const refused = await startServer();
  expect(refused.code).toBe(1);
  expect(listened(refused)).toBe(false);
  const generated = tokenKeyFile();
  expect(generated).not.toBe(original);
  const fingerprint = tokenKeyFingerprint(generated);
  expect(refused.stderr).toContain("配置有误，服务器未启动");
  expect(refused.stderr).toContain("现在的 token-key 解不开已保存的用户令牌");
  expect(refused.stderr).toContain("恢复原来的 token-key 文件");
  expect(refused.stderr).toContain("The current token-key cannot open the stored user tokens");
  expect(refused.stderr).toContain(`WXDESK_ACCEPT_NEW_TOKEN_KEY=${fingerprint}`);
  // Never the key itself.
  expect(refused.stderr + refused.stdout).not.toContain(generated);
  expect(refused.stderr + refused.stdout).not.toContain(original);

  // A changed WXDESK_TOKEN_KEY is the same mistake; accepting another key's fingerprint accepts nothing.
  const otherKey = "9".repeat(64);
  const changed = await startServer({ WXDESK_TOKEN_KEY: otherKey, WXDESK_ACCEPT_NEW_TOKEN_KEY: fingerprint });
  expect(changed.code).toBe(1);
  expect(changed.stderr).toContain(`WXDESK_ACCEPT_NEW_TOKEN_KEY=${tokenKeyFingerprint(otherKey)}`);
  expect(changed.stderr).toContain("WXDESK_ACCEPT_NEW_TOKEN_KEY 设的不是当前密钥的指纹");

  // The original key restored: starts as before.
  const restoredKey = await startServer({ WXDESK_TOKEN_KEY: original });
  expect(listened(restoredKey)).toBe(true);

  // The new key accepted explicitly: starts, says so, records it; later starts need nothing more.
  const accepted = await startServer({ WXDESK_ACCEPT_NEW_TOKEN_KEY: fingerprint });
  expect(listened(accepted)).toBe(true);
  expect(accepted.stderr).toContain("已按 WXDESK_ACCEPT_NEW_TOKEN_KEY 改用新的 token-key");
  const after = await startServer();
  expect(listened(after)).toBe(true);
  const store = await openStore({ sqlitePath: join(dir.path, "wxdesk.db") });
  try {
    const events = await store.listEvents({ limit: 50 });
    expect(events.filter((e) => e.type === "token_key_replaced")).toHaveLength(1);
  } finally {
    await store.close();
  }
  // And now the original key is the stranger.
  expect((await startServer({ WXDESK_TOKEN_KEY: original })).code).toBe(1);
});
