import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkStorage } from "./context/storage-check.js";
import { startOAuthHarness } from "./routes/oauth/testing/oauth-test-harness.js";
import { RedisStore } from "./store/redis-store.js";
import { SqliteStore } from "./store/sqlite-store.js";
import { type OwnRedis, ownRedisUnavailable, startOwnRedis } from "./testing/own-redis.js";
import { tempDir } from "./testing/test-server.js";

const noRedis = ownRedisUnavailable();
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

const NO_PERSISTENCE = ["--save", "", "--appendonly", "no"];
const AOF = ["--appendonly", "yes", "--appendfsync", "everysec"];

interface LogLine {
  level?: number;
  msg?: string;
  storage?: { kind: string; persistence: string };
  warningZh?: string;
}

/** The process's JSON log lines so far (its start-up banner and settings are plain text around them). */
function jsonLines(stdout: string): LogLine[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith('{"'))
    .map((line) => JSON.parse(line) as LogLine);
}

/**
 * `src/server.ts` as its own process against `redisUrl` and the sandbox, until its log holds the
 * storage line (log lines are written at most 1 s late); then it is stopped. Answers its JSON log lines.
 */
async function serverStartLog(redisUrl: string, sandbox: StartedSandbox): Promise<LogLine[]> {
  const data = tempDir("wxdesk-start-");
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: PACKAGE_DIR,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      WXDESK_APPID: SANDBOX_DEFAULTS.appid,
      WXDESK_SECRET: SANDBOX_DEFAULTS.secret,
      WXDESK_PUBLIC_URL: "http://127.0.0.1:8080",
      WXDESK_PORT: "0",
      WXDESK_HOST: "127.0.0.1",
      WXDESK_WECHAT_API_BASE: sandbox.url,
      WXDESK_WECHAT_OPEN_BASE: sandbox.url,
      WXDESK_DB: `${data.path}/wxdesk.db`,
      WXDESK_TOKEN_KEY: "ab".repeat(32),
      WXDESK_SESSION_SECRET: "s".repeat(40),
      REDIS_URL: redisUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const exited = once(child, "exit");
  const logged = new Promise<void>((resolve, reject) => {
    const guard = setTimeout(
      () => reject(new Error(`no storage line within 30 s:\n${stdout}\n${stderr}`)),
      30_000,
    );
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (jsonLines(stdout).some((line) => line.storage !== undefined)) {
        clearTimeout(guard);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(guard);
      reject(new Error(`the server exited before logging its storage:\n${stdout}\n${stderr}`));
    });
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  try {
    await logged;
  } finally {
    child.kill("SIGKILL");
    await exited;
    data.remove();
  }
  return jsonLines(stdout);
}

describe("the store says how it keeps data", () => {
  it("SQLite: a file, no warning", async () => {
    const dir = tempDir();
    const store = new SqliteStore({ path: `${dir.path}/wxdesk.db` });
    expect(await checkStorage(store)).toEqual({ kind: "sqlite", persistence: "file" });
    await store.close();
    dir.remove();
  });
});

describe.skipIf(noRedis)("Redis persistence, checked against an own redis-server", () => {
  let redis: OwnRedis | undefined;
  afterEach(async () => {
    await redis?.close();
    redis = undefined;
  });

  it.each([
    ["--save '' --appendonly no", "none", NO_PERSISTENCE, /没有开启持久化/],
    ["--appendonly yes", "aof", AOF, undefined],
    ["--save '3600 1' (snapshots only)", "rdb", ["--save", "3600 1", "--appendonly", "no"], /快照/],
    [
      "CONFIG renamed away (as managed services do)",
      "unknown",
      ["--rename-command", "CONFIG", ""],
      /无法确认/,
    ],
  ] as const)("%s → %s", async (_name, persistence, args, warning) => {
    redis = await startOwnRedis([...args]);
    const store = new RedisStore({ url: redis.url });
    try {
      const status = await checkStorage(store);
      expect(status.kind).toBe("redis");
      expect(status.persistence).toBe(persistence);
      if (warning) {
        expect(status.warning?.zh).toMatch(warning);
        expect(status.warning?.en).toMatch(/Redis/);
      } else {
        expect(status.warning).toBeUndefined();
      }
    } finally {
      await store.close();
    }
  });

  describe("at start and in GET /admin/api/info", () => {
    let sandbox: StartedSandbox;
    beforeAll(async () => {
      sandbox = await startSandbox();
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    async function info(url: string) {
      const h = await startOAuthHarness({ redisUrl: url });
      try {
        const response = await fetch(`${h.url}/admin/api/info`, {
          headers: { authorization: "Bearer admin-key-0123456789abcdefghij" },
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { storage: unknown }).storage;
      } finally {
        await h.close();
      }
    }

    it("without persistence: a warn line at start and a warning in info", async () => {
      redis = await startOwnRedis(NO_PERSISTENCE);
      expect(await info(redis.url)).toEqual({
        kind: "redis",
        persistence: "none",
        warning: { zh: expect.stringContaining("用户数据可能会丢失"), en: expect.stringContaining("AOF") },
      });
      const lines = await serverStartLog(redis.url, sandbox);
      const warned = lines.find((line) => line.storage !== undefined);
      expect(warned).toMatchObject({ level: 40, storage: { kind: "redis", persistence: "none" } });
      expect(warned?.msg).toContain("User data can be lost");
      expect(warned?.warningZh).toContain("Redis 没有开启持久化");
    }, 60_000);

    it("with AOF: an info line at start and no warning", async () => {
      redis = await startOwnRedis(AOF);
      expect(await info(redis.url)).toEqual({ kind: "redis", persistence: "aof" });
      const lines = await serverStartLog(redis.url, sandbox);
      const checked = lines.find((line) => line.storage !== undefined);
      expect(checked).toMatchObject({ level: 30, storage: { kind: "redis", persistence: "aof" } });
      expect(lines.filter((line) => (line.level ?? 0) >= 40)).toEqual([]);
    }, 60_000);
  });
});
