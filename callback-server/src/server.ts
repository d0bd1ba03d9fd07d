import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import type { AppContext } from "./app-context.js";
import { DATA_COMMANDS, type DataCommand } from "./cli/data-command-names.js";
import { EXIT_CODES } from "./cli/exit-codes.js";
import { explainStartFailure, startFailureLines } from "./cli/start-failure.js";
import { STARTED_MESSAGE } from "./cli/started-line.js";
import { runPrimary } from "./cluster/run-primary.js";
import { isDeployableBuild, workerCount } from "./cluster/worker-count.js";
import { tellPrimaryReady, workerEventRelay } from "./cluster/worker-relay.js";
import { loadConfig } from "./config/load-config.js";
import { ConfigError, describeConfig, type ServerConfig } from "./config/server-config.js";
import { freePort } from "./net/free-port.js";
import { IDLE_TRIM_MESSAGE, startIdleHeapTrim, trimLogFields } from "./runtime/idle-heap-trim.js";

/**
 * stdout carries only JSON log lines (one object per line, for journald, `docker logs` and log
 * collectors); words for a person — bad settings, start failures, the demo's keys — go to stderr.
 */
function say(...lines: string[]): void {
  for (const line of lines) process.stderr.write(`${line}\n`);
}

/** A bad setting in both languages on stderr (values are never printed). */
function sayConfigProblems(problems: ConfigError["problems"]): void {
  say("配置有误，服务器未启动 / The configuration is invalid, the server did not start:");
  for (const problem of problems) say(`  ✗ ${problem.messageZh}\n    ${problem.messageEn}`);
}

/** Set by the stand-in that replaces `@wxdesk/sandbox` in the built server (build/sandbox-unavailable.ts). */
const SANDBOX_NOT_BUNDLED = "WXDESK_SANDBOX_NOT_BUNDLED";

/**
 * Only the demo imports the sandbox (a dev dependency): a deployed server never loads it. The built
 * server (dist/) has no sandbox at all, and a checkout installed with `--omit=dev` lacks it: both
 * say how to run the demo and exit with status 2 (1 means "bad setting").
 */
async function importSandboxOrExit(): Promise<typeof import("@wxdesk/sandbox")> {
  try {
    return await import("@wxdesk/sandbox");
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const missing =
      code === SANDBOX_NOT_BUNDLED ||
      (code === "ERR_MODULE_NOT_FOUND" && String(message).includes("@wxdesk/sandbox"));
    if (!missing) throw error;
    say(
      "演示模式（--sandbox）需要 wxdesk 源代码：部署版服务器不包含微信沙箱。",
      "请在源代码目录中运行：npm run server -- --sandbox",
      "Demo mode (--sandbox) needs the wxdesk source checkout: the built server has no WeChat sandbox.",
      "Run it from the source folder: npm run server -- --sandbox",
    );
    process.exit(EXIT_CODES.demoNeedsSource);
  }
}

function isDataCommand(word: string | undefined): word is DataCommand {
  return (DATA_COMMANDS as readonly (string | undefined)[]).includes(word);
}

/** Best effort, bounded: a store that hangs must not keep a failed start from exiting. */
async function closeQuietly(...closers: Array<(() => Promise<void>) | undefined>): Promise<void> {
  const all = Promise.allSettled(closers.map((close) => close?.()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
}

/**
 * `npm run server [-- --config file.json] [-- --sandbox] [-- --check]`, and the data commands
 * `server.js backup|restore …`. With `--sandbox` it also starts the WeChat sandbox on loopback and
 * points at it with the sandbox's app: the zero-setup demo. Exit statuses: cli/exit-codes.ts.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (isDataCommand(argv[0])) {
    const { runDataCommand } = await import("./cli/data-commands.js");
    process.exit(await runDataCommand(argv[0], argv.slice(1)));
  }
  const demo = argv.includes("--sandbox");
  const env: Record<string, string | undefined> = { ...process.env };
  let closeSandbox: (() => Promise<void>) | undefined;
  let demoKeys: { admin: string; support: string } | undefined;

  if (demo) {
    const { startSandbox, SANDBOX_DEFAULTS, SandboxEnvError, sandboxOptionsFromEnv } =
      await importSandboxOrExit();
    let fromEnv: ReturnType<typeof sandboxOptionsFromEnv>;
    try {
      fromEnv = sandboxOptionsFromEnv(env);
    } catch (error) {
      if (!(error instanceof SandboxEnvError)) throw error;
      say("沙箱设置有误 / Invalid sandbox settings:");
      for (const problem of error.problems) say(`  ✗ ${problem.messageZh}\n    ${problem.messageEn}`);
      process.exit(EXIT_CODES.badSetting);
    }
    const sandbox = await startSandbox({ ...fromEnv, port: Number(env.SANDBOX_PORT ?? 0) || 0 });
    closeSandbox = sandbox.close;
    // WXDESK_PORT=0 (any free port) would leave ":0" in the public URL every printed link uses:
    // pick the port now, so the links and the listener agree.
    const wanted = env.WXDESK_PORT ?? "7200";
    const port = wanted === "0" ? String(await freePort()) : wanted;
    env.WXDESK_PORT = port;
    demoKeys = {
      admin: randomBytes(24).toString("base64url"),
      support: randomBytes(24).toString("base64url"),
    };
    Object.assign(env, {
      WXDESK_APPID: SANDBOX_DEFAULTS.appid,
      WXDESK_SECRET: SANDBOX_DEFAULTS.secret,
      WXDESK_MSG_TOKEN: SANDBOX_DEFAULTS.token,
      WXDESK_MSG_AES_KEY: SANDBOX_DEFAULTS.encodingAesKey,
      WXDESK_WECHAT_API_BASE: sandbox.url,
      WXDESK_WECHAT_OPEN_BASE: env.SANDBOX_PUBLIC_URL ?? sandbox.url,
      // The sandbox authorizes 127.0.0.1 and localhost (any port) as the callback domain, and
      // the domains in SANDBOX_OAUTH_DOMAINS.
      WXDESK_PUBLIC_URL: env.WXDESK_PUBLIC_URL ?? `http://127.0.0.1:${port}`,
      WXDESK_HOST: env.WXDESK_HOST ?? "127.0.0.1",
      // Demo users and tokens stay out of a real database.
      WXDESK_DB: env.WXDESK_DB ?? "./data/sandbox/wxdesk.db",
      WXDESK_ADMIN_KEY: demoKeys.admin,
      WXDESK_SUPPORT_KEY: demoKeys.support,
    });
    // Nor in a shared Redis that REDIS_URL may name for real instances: the demo is SQLite only.
    delete env.REDIS_URL;
  }

  let config: ServerConfig;
  try {
    config = loadConfig({ argv, env, cwd: process.cwd() });
  } catch (error) {
    if (error instanceof ConfigError) {
      sayConfigProblems(error.problems);
      await closeSandbox?.();
      process.exit(EXIT_CODES.badSetting);
    }
    throw error;
  }
  if (argv.includes("--check")) {
    say("✓ 设置正确 / The settings are valid.");
    await closeSandbox?.();
    process.exit(EXIT_CODES.ok);
  }

  // Settings are checked (above) before any worker exists: a bad one exits 1 here, once.
  const workers = workerCount(config.workers, { demo, deployable: isDeployableBuild() });
  // WXDESK_NODE_TUNING=off: Node.js as started, without the launcher's flags or these trims.
  const trimIdleHeap = env.WXDESK_NODE_TUNING !== "off";
  if (workers > 1 && cluster.isPrimary) {
    runPrimary({ workers, say });
    if (trimIdleHeap) startIdleHeapTrim();
    return;
  }
  const worker = cluster.isWorker ? cluster.worker?.id : undefined;

  // Loaded only here, not at the top: a cluster primary (above) never needs the server itself and
  // stays a small process (the bundle evaluates a module when it is first imported).
  const [{ buildApp }, { createAppContext }, { logStorageAtStart }, { bufferedStdout }] = await Promise.all([
    import("./app.js"),
    import("./context/create-app-context.js"),
    import("./context/storage-check.js"),
    import("./plugins/log-destination.js"),
  ]);
  const log = bufferedStdout();
  let ctx: AppContext | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    ctx = await createAppContext(config, {
      onError: (error) => say(`background error: ${(error as Error).message}`),
      // The token-key check postponed while the store was down found the key wrong: a setting.
      onFatal: (error) => {
        if (error instanceof ConfigError) sayConfigProblems(error.problems);
        else say(`fatal: ${(error as Error).message}`);
        log.close();
        process.exit(EXIT_CODES.badSetting);
      },
      // With Redis its pub/sub reaches every worker; on SQLite the primary passes events along.
      ...(worker !== undefined && !config.redisUrl ? { eventRelay: workerEventRelay() } : {}),
    });
    app = await buildApp(ctx, { logger: { level: env.WXDESK_LOG_LEVEL ?? "info", stream: log.stream } });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    if (error instanceof ConfigError) {
      // A token key that cannot open the stored tokens (TokenKeyMismatchError) is a setting to fix.
      sayConfigProblems(error.problems);
      await closeQuietly(ctx?.close, closeSandbox);
      log.close();
      process.exit(EXIT_CODES.badSetting);
    }
    const failure = explainStartFailure(error, {
      host: config.host,
      port: config.port,
      redis: !!config.redisUrl,
    });
    say(...startFailureLines(failure));
    const opened = app;
    await closeQuietly(opened && (() => opened.close()), ctx?.close, closeSandbox);
    log.close();
    process.exit(failure.exitCode);
  }
  const running = app;
  if (ctx.tokenKeyCheck === "replaced") {
    running.log.warn(
      "switched to the new token-key as WXDESK_ACCEPT_NEW_TOKEN_KEY allowed: user tokens stored before cannot be decrypted (those users must authorize again)",
    );
    say(
      "注意：已按 WXDESK_ACCEPT_NEW_TOKEN_KEY 改用新的 token-key，之前保存的用户令牌无法再解密（这些用户需要重新授权）。",
      "Note: switched to the new token-key as WXDESK_ACCEPT_NEW_TOKEN_KEY allowed; user tokens stored before cannot be decrypted (those users must authorize again).",
    );
  }
  // A Redis without persistence loses every user when it restarts: say so at once, loudly.
  await logStorageAtStart(ctx.store, running.log);
  const address = running.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const local = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;

  // A crash after the start is retried like a failed start (exit 3): Node's own status for an
  // uncaught error is 1, which the systemd unit reserves for bad settings and never restarts.
  process.on("uncaughtException", (error) => {
    running.log.fatal({ err: error }, "crashed");
    log.close();
    process.exit(EXIT_CODES.failed);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(EXIT_CODES.failed), 10_000);
    force.unref();
    try {
      await running.close();
      await ctx?.close();
      await closeSandbox?.();
    } finally {
      log.close();
      clearTimeout(force);
      process.exit(EXIT_CODES.ok);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  // Written once the handlers are in place: whoever waits for this line may stop the server at once.
  running.log.info(
    { url: local, config: describeConfig(config), workers, ...(worker === undefined ? {} : { worker }) },
    STARTED_MESSAGE,
  );
  log.flush();
  if (worker !== undefined) tellPrimaryReady();
  if (trimIdleHeap)
    startIdleHeapTrim({
      onTrim: (trim) => running.log.debug(trimLogFields(trim), IDLE_TRIM_MESSAGE),
    });
  if (demo && demoKeys) {
    say(
      "",
      `wxdesk callback server — ${local}`,
      "沙箱演示模式 / Sandbox demo mode",
      `  WeChat sandbox:  ${config.apiBase}`,
      `  试一试 / Try:    ${config.publicUrl}/oauth/start?scope=snsapi_userinfo`,
      `  JS-SDK:          ${local}/jssdk/config?url=${encodeURIComponent(`${config.publicUrl}/`)}`,
      `  Health:          ${local}/healthz  ${local}/readyz`,
      `  Admin API:       ${local}/admin/api/openapi.json (Authorization: Bearer <admin key>)`,
      // Printed only in this demo mode: these keys exist for this run alone.
      `  Admin key:       ${demoKeys.admin}`,
      `  Support key:     ${demoKeys.support}`,
    );
  }
}

main().catch((error: unknown) => {
  say(...startFailureLines(explainStartFailure(error, { host: "?", port: 0, redis: false })));
  process.exit(EXIT_CODES.failed);
});
