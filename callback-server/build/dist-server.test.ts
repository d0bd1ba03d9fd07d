import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/cli/exit-codes.js";
import { FIELD_RULES } from "../src/config/config-fields.js";
import { IDLE_TRIM_MESSAGE } from "../src/runtime/idle-heap-trim.js";
import { dropRedisPrefix, getJson, redisUrlForTests, tempDir } from "../src/testing/test-server.js";
import {
  type BuiltDist,
  buildServerDist,
  DIST_BUNDLE,
  DIST_ENTRY,
  PACKAGE_DIR,
  REPO_DIR,
} from "./build-server-dist.js";
import { lockedVersion } from "./dist-manifest.js";
import { MALLOC_SETTINGS, SEMI_SPACE_MB } from "./lean-relaunch.js";
import { installLikeProduction, runBuiltServer, startBuiltServer } from "./testing/built-server-process.js";
import { SANDBOX_PUBLIC_URL, sandboxServerEnv } from "./testing/sandbox-server-env.js";
import { plainUser, signInThroughSandbox } from "./testing/sandbox-sign-in.js";
import { bundledModules, findTestKits, kitNamesDeclaredIn } from "./testing/test-kits.js";

/** Preloaded into the built server: lists the Node.js built-ins it loaded, at exit. */
const MODULE_LOAD_REPORT = join(PACKAGE_DIR, "build", "testing", "module-load-report.mjs");

/**
 * Builds dist/ once into a temp folder, installs it the way production does (only the packages
 * dist/package.json declares), and runs `node server.js` against the real sandbox.
 */

const ADMIN_KEY = "dist-admin-key-0123456789abcdefghij";
const SUPPORT_KEY = "dist-support-key-0123456789abcdefghij";
const PUBLIC_URL = SANDBOX_PUBLIC_URL;

let work: ReturnType<typeof tempDir>;
let built: BuiltDist;
let appDir: string;
let linked: string[];
let sandbox: StartedSandbox;

beforeAll(async () => {
  work = tempDir("wxdesk-dist-");
  built = await buildServerDist({ outDir: join(work.path, "dist"), logLevel: "error" });
  appDir = join(work.path, "app");
  linked = installLikeProduction(built.outDir, appDir);
  sandbox = await startSandbox();
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  work?.remove();
});

function serverEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return sandboxServerEnv(sandbox.url, dataDir, {
    WXDESK_ADMIN_KEY: ADMIN_KEY,
    WXDESK_SUPPORT_KEY: SUPPORT_KEY,
    ...extra,
  });
}

/** Node flags that print the stack at exit (where process.exit was called). */
const PRINT_STACK_AT_EXIT = [
  "--import",
  'data:text/javascript,process.on("exit",()=>console.error(new Error("at-exit").stack))',
];

/** The 1-based line of src/server.ts that exits on a ConfigError: the bad-config exit. */
function configExitLine(): number {
  const lines = readFileSync(join(PACKAGE_DIR, "src", "server.ts"), "utf8").split("\n");
  const branch = lines.findIndex((line) => line.includes("error instanceof ConfigError"));
  return (
    lines.findIndex((line, at) => at > branch && line.trim() === "process.exit(EXIT_CODES.badSetting);") + 1
  );
}

describe("the built callback server (dist/)", () => {
  it("holds the launcher, the bundle with its map and package.json — no sandbox, tests or secrets", () => {
    expect(built.files).toEqual(
      [DIST_BUNDLE, `${DIST_BUNDLE}.LEGAL.txt`, `${DIST_BUNDLE}.map`, "package.json", DIST_ENTRY].sort(),
    );
    const manifest = JSON.parse(readFileSync(join(built.outDir, "package.json"), "utf8"));
    const lock = JSON.parse(readFileSync(join(REPO_DIR, "package-lock.json"), "utf8"));
    const own = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies)).toContain("better-sqlite3");
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      expect(version, name).toBe(lockedVersion(lock, "callback-server", name));
      // Declared because the bundle really imports it, and the source package depends on it.
      expect(own.dependencies[name], name).toBeDefined();
    }
    expect(manifest).toMatchObject({
      type: "module",
      engines: own.engines,
      scripts: { start: "node server.js" },
    });

    const bundle = readFileSync(join(built.outDir, DIST_BUNDLE), "utf8");
    for (const name of Object.keys(manifest.dependencies))
      expect(bundle).toMatch(new RegExp(`from ?"${name}"`));
    expect(bundle).toContain(`//# sourceMappingURL=server.js.map`);
    for (const secret of [SANDBOX_DEFAULTS.secret, SANDBOX_DEFAULTS.encodingAesKey, SANDBOX_DEFAULTS.token]) {
      expect(bundle).not.toContain(secret);
    }
    const sources: string[] = JSON.parse(
      readFileSync(join(built.outDir, `${DIST_BUNDLE}.map`), "utf8"),
    ).sources;
    expect(sources.some((s) => s.endsWith("callback-server/src/server.ts"))).toBe(true);
    expect(sources.some((s) => s.includes("/wechat/src/"))).toBe(true);
    expect(sources.filter((s) => /\/sandbox\/src\/|\.test\.ts$|\/testing\//.test(s))).toEqual([]);
    expect(sources.filter((s) => s.includes("node_modules/better-sqlite3/"))).toEqual([]);
  });

  it("holds no test kit: no file of any testing/ folder, none of their distinctive names", async () => {
    const workspaces: string[] = JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8")).workspaces;
    const kits = findTestKits(REPO_DIR, workspaces);
    // The list comes from the folders themselves, so a new kit is covered; these are known to be there.
    const kitPaths = new Set(kits.map((kit) => kit.path));
    for (const known of [
      "callback-server/src/routes/oauth/testing/oauth-test-harness.ts",
      "wechat/src/client/testing/fake-wechat-server.ts",
    ]) {
      expect(kitPaths, known).toContain(known);
    }
    expect(kits.find((kit) => kit.path.endsWith("/oauth-test-harness.ts"))?.distinctiveNames).toContain(
      "startOAuthHarness",
    );

    // The shipped bundle has no comments; the same inputs built readable have a `// path` line per module.
    const readable = await buildServerDist({
      outDir: join(work.path, "dist-readable"),
      logLevel: "error",
      readable: true,
    });
    const bundle = readFileSync(join(readable.outDir, DIST_BUNDLE), "utf8");
    expect(Object.keys(readable.metafile.inputs).sort()).toEqual(Object.keys(built.metafile.inputs).sort());
    const modules = bundledModules(bundle);
    expect(modules.some((module) => module.path === "src/server.ts")).toBe(true);
    /** A path esbuild wrote relative to `from`, from the repository root. */
    const repoPath = (from: string, path: string): string =>
      relative(REPO_DIR, resolve(from, path)).split("\\").join("/");
    // Module comments are relative to where esbuild ran (the package), the map's sources to the map.
    expect(
      modules.map((module) => repoPath(PACKAGE_DIR, module.path)).filter((path) => kitPaths.has(path)),
    ).toEqual([]);
    const mapped = (
      JSON.parse(readFileSync(join(built.outDir, `${DIST_BUNDLE}.map`), "utf8")).sources as string[]
    ).map((source) => repoPath(join(built.outDir, "bundle"), source));
    expect(mapped).toContain("callback-server/src/server.ts");
    expect(mapped.filter((path) => kitPaths.has(path))).toEqual([]);
    expect(kitNamesDeclaredIn(modules, kits)).toEqual([]);
  });

  it("the install resolves only the packages dist/package.json declares", () => {
    const fromApp = createRequire(join(appDir, DIST_ENTRY));
    expect(linked).toContain("better-sqlite3");
    expect(fromApp.resolve("better-sqlite3")).toContain("better-sqlite3");
    for (const bundled of ["fastify", "zod", "ioredis", "@wxdesk/wechat", "@wxdesk/sandbox"]) {
      expect(() => fromApp.resolve(bundled), bundled).toThrow();
    }
  });

  it("serves /healthz, /readyz, a JS-SDK config the sandbox accepts, and the OAuth flow end to end", async () => {
    const dataDir = join(work.path, "data-sqlite");
    const server = await startBuiltServer(appDir, serverEnv(dataDir));
    try {
      expect(await getJson(`${server.url}/healthz`)).toEqual({ status: 200, body: { ok: true } });
      const ready = await getJson<{ ok: boolean; checks: Record<string, { ok: boolean }> }>(
        `${server.url}/readyz`,
      );
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toEqual({ store: { ok: true } });

      // The admin API reports the server's real version from inside the bundle too.
      const own = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string };
      const info = await getJson<{ version: string }>(`${server.url}/admin/api/info`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      expect(info.status).toBe(200);
      expect(info.body.version).toBe(own.version);

      const page = `${PUBLIC_URL}/shop/item?id=42`;
      const signed = await getJson<Record<string, unknown>>(
        `${server.url}/jssdk/config?url=${encodeURIComponent(`${page}#top`)}`,
      );
      expect(signed.status).toBe(200);
      const verdict = await getJson(`${sandbox.url}/_sandbox/jssdk/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...signed.body, url: page }),
      });
      expect(verdict.body).toEqual({ ok: true, errmsg: "config:ok" });

      const signedIn = await signInThroughSandbox(server.url, sandbox.url, plainUser());
      expect(signedIn.statuses).toEqual({ start: 302, callback: 302, landing: 200 });
      const { authorize } = signedIn;
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sandbox.url}/connect/oauth2/authorize`);
      expect(authorize.searchParams.get("redirect_uri")).toBe(`${PUBLIC_URL}/oauth/callback`);
      expect(authorize.hash).toBe("#wechat_redirect");
      expect(signedIn.landingHtml).toContain(signedIn.user.nickname);

      // The OpenID Connect provider (oidc-provider and Koa, bundled) answers from the bundle too.
      const discovery = await getJson<{ issuer: string }>(`${server.url}/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect(discovery.body.issuer).toBe(PUBLIC_URL);
      const jwks = await getJson<{ keys: Array<{ alg: string }> }>(`${server.url}/oidc/jwks`);
      expect(jwks.body.keys.map((k) => k.alg)).toEqual(["ES256"]);

      // The data folder holds the SQLite file and the generated secrets, readable by the server's user only.
      expect(existsSync(join(dataDir, "wxdesk.db"))).toBe(true);
      for (const file of ["token-key", "session-secret"]) {
        expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const output = server.output();
    expect(output).toContain("wxdesk callback server started");
    for (const secret of [SANDBOX_DEFAULTS.secret, ADMIN_KEY, SUPPORT_KEY])
      expect(output).not.toContain(secret);
    expect(output).not.toContain(readFileSync(join(dataDir, "token-key"), "utf8").trim());
  });

  it("a sign-in never loads Node's own fetch (its copy of undici, with WebSocket and EventSource: 11 MB)", async () => {
    // What would: the bundle's http import, axios' global lookups (build-server-dist.ts,
    // axios-lazy-globals.ts) and undici's index (wechat's undici-pool.d.ts). The OpenID provider
    // (oidc-provider) does load it, on the first sign-in of an app: not here.
    const moduleReport = join(work.path, "modules-loaded");
    mkdirSync(moduleReport);
    const server = await startBuiltServer(
      appDir,
      serverEnv(join(work.path, "data-modules"), {
        WXDESK_TEST_MODULE_REPORT: moduleReport,
        WXDESK_WORKERS: "1",
      }),
      30_000,
      ["--import", MODULE_LOAD_REPORT],
    );
    try {
      const signedIn = await signInThroughSandbox(server.url, sandbox.url, plainUser());
      expect(signedIn.landingHtml).toContain(signedIn.user.nickname);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const [loaded, ...others] = readdirSync(moduleReport).map((file) =>
      readFileSync(join(moduleReport, file), "utf8").split("\n"),
    );
    expect(others).toEqual([]);
    expect(loaded).toContain("NativeModule http");
    expect(loaded?.filter((name) => name.includes("internal/deps/undici"))).toEqual([]);
  });

  it.runIf(process.platform === "linux")(
    "starts Node.js again in the same process with the memory settings, unless the operator chose their own; gives memory back once quiet",
    async () => {
      const readProc = (pid: number, file: string) =>
        readFileSync(`/proc/${pid}/${file}`, "utf8").split("\0");
      const mallocLines = (values: Record<string, string>) =>
        Object.entries(values).map(([name, value]) => `${name}=${value}`);
      const cases: Array<{ env: Record<string, string>; flag?: string; malloc: string[]; trims: boolean }> = [
        {
          env: {},
          flag: `--max-semi-space-size=${SEMI_SPACE_MB}`,
          malloc: mallocLines(MALLOC_SETTINGS),
          trims: true,
        },
        {
          env: { NODE_OPTIONS: "--max-semi-space-size=24", MALLOC_ARENA_MAX: "3" },
          flag: undefined,
          malloc: mallocLines({ ...MALLOC_SETTINGS, MALLOC_ARENA_MAX: "3" }),
          trims: true,
        },
        { env: { WXDESK_NODE_TUNING: "off" }, flag: undefined, malloc: [], trims: false },
      ];
      for (const [i, c] of cases.entries()) {
        const server = await startBuiltServer(
          appDir,
          serverEnv(join(work.path, `data-relaunch-${i}`), { ...c.env, WXDESK_LOG_LEVEL: "debug" }),
          30_000,
          [],
          // The start-up's garbage goes once the server is quiet: a debug line says what it gave back.
          (stdout) => !c.trims || stdout.includes(IDLE_TRIM_MESSAGE),
        );
        try {
          // Still the process that was started (systemd and Docker watch that id), answering.
          expect((await getJson(`${server.url}/healthz`)).status).toBe(200);
          const args = readProc(server.pid, "cmdline");
          const env = readProc(server.pid, "environ");
          const semi = args.filter((arg) => arg.startsWith("--max-semi-space-size"));
          expect(semi, JSON.stringify(c.env)).toEqual(c.flag ? [c.flag] : []);
          expect(env.filter((v) => v.startsWith("MALLOC_")).sort(), JSON.stringify(c.env)).toEqual(
            c.malloc.sort(),
          );
          if (c.trims) {
            const trim = JSON.parse(
              server
                .stdout()
                .split("\n")
                .find((line) => line.includes(IDLE_TRIM_MESSAGE)) ?? "{}",
            ) as { rssBeforeMb?: number; rssAfterMb?: number; ms?: number };
            expect(trim.rssAfterMb, JSON.stringify(trim)).toBeLessThan(trim.rssBeforeMb ?? 0);
            expect(trim.ms).toBeGreaterThanOrEqual(0);
          } else {
            // Quiet for longer than a trim needs (two ticks of 250 ms), and nothing trimmed.
            await new Promise((resolve) => setTimeout(resolve, 1_500));
            expect(server.stdout()).not.toContain(IDLE_TRIM_MESSAGE);
          }
        } finally {
          expect(await server.stop()).toBe(0);
        }
      }
    },
  );

  it("bad configuration: every problem in Chinese and English, exit 1, no value printed, traces map to src/ with WXDESK_SOURCE_MAPS=1", async () => {
    const badSecret = "short-secret-value-must-stay-hidden";
    const badAdminKey = "tiny-admin-key";
    const dataDir = join(work.path, "data-bad");
    const { code, stdout, stderr } = await runBuiltServer(appDir, {
      env: {
        WXDESK_SECRET: badSecret,
        WXDESK_PUBLIC_URL: "https://wx.example.com/with/a/path",
        WXDESK_ADMIN_KEY: badAdminKey,
        WXDESK_DB: join(dataDir, "wxdesk.db"),
        WXDESK_SOURCE_MAPS: "1",
      },
      // The frame that called process.exit must name src/server.ts.
      nodeArgs: PRINT_STACK_AT_EXIT,
    });
    expect(code).toBe(EXIT_CODES.badSetting);
    expect(stderr).toContain("配置有误，服务器未启动");
    expect(stderr).toContain("The configuration is invalid, the server did not start");
    for (const field of ["WXDESK_APPID", "WXDESK_SECRET", "WXDESK_PUBLIC_URL", "WXDESK_ADMIN_KEY"] as const) {
      expect(stderr).toContain(FIELD_RULES[field].zh);
      expect(stderr).toContain(FIELD_RULES[field].en);
    }
    for (const value of [badSecret, badAdminKey, "/with/a/path"]) {
      expect(`${stdout}${stderr}`).not.toContain(value);
    }
    expect(stderr).toMatch(new RegExp(`src/server\\.ts:${configExitLine()}:\\d+`));
    expect(existsSync(dataDir)).toBe(false);

    // Without the setting, stacks name the bundle: the map is not read (it costs CPU on every stack).
    const plain = await runBuiltServer(appDir, {
      env: { WXDESK_SECRET: badSecret, WXDESK_DB: join(dataDir, "wxdesk.db") },
      nodeArgs: PRINT_STACK_AT_EXIT,
    });
    expect(plain.code).toBe(EXIT_CODES.badSetting);
    expect(plain.stderr).toMatch(/bundle\/server\.js:\d+:\d+/);
    expect(plain.stderr).not.toContain("src/server.ts");
  });

  it("--sandbox: says demo mode needs the source checkout (zh + en) and exits 2", async () => {
    const { code, stdout, stderr } = await runBuiltServer(appDir, { args: ["--sandbox"] });
    expect(code).toBe(EXIT_CODES.demoNeedsSource);
    expect(stderr).toContain("演示模式（--sandbox）需要 wxdesk 源代码");
    expect(stderr).toContain("Demo mode (--sandbox) needs the wxdesk source checkout");
    expect(stderr).toContain("npm run server -- --sandbox");
    expect(stdout).toBe("");
  });

  const redisUrl = redisUrlForTests();
  it.runIf(redisUrl)("with REDIS_URL, the bundled Redis client is the store", async () => {
    // The built server has no key-prefix setting: a database index of its own keeps its keys apart.
    const url = new URL(redisUrl as string);
    url.pathname = "/14";
    await dropRedisPrefix(url.href, "wxdesk:");
    const server = await startBuiltServer(
      appDir,
      serverEnv(join(work.path, "data-redis"), { REDIS_URL: url.href }),
    );
    try {
      const ready = await getJson<{ checks: Record<string, { ok: boolean }> }>(`${server.url}/readyz`);
      expect(ready.body.checks).toEqual({ store: { ok: true } });
      expect((await fetch(`${server.url}/oauth/start`, { redirect: "manual" })).status).toBe(302);
      const redis = new Redis(url.href);
      try {
        const [, keys] = await redis.scan("0", "MATCH", "wxdesk:*", "COUNT", 1000);
        expect(keys.length).toBeGreaterThan(0);
      } finally {
        await redis.quit();
      }
    } finally {
      expect(await server.stop()).toBe(0);
      await dropRedisPrefix(url.href, "wxdesk:");
    }
  });
});
