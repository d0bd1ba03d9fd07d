import { randomBytes } from "node:crypto";
import { buildApp } from "./app.js";
import { loadConfig } from "./config/load-config.js";
import { ConfigError, describeConfig } from "./config/server-config.js";
import { createAppContext } from "./context/create-app-context.js";
import { bufferedStdout } from "./plugins/log-destination.js";

/** Set by the stand-in that replaces `@wxdesk/sandbox` in the built server (build/sandbox-unavailable.ts). */
const SANDBOX_NOT_BUNDLED = "WXDESK_SANDBOX_NOT_BUNDLED";

/**
 * Only the demo imports the sandbox (a dev dependency): a deployed server never loads it. The built
 * server (dist/) has no sandbox at all, and a checkout installed with `--omit=dev` lacks it: both
 * say how to run the demo and exit with status 2 (1 means "bad configuration").
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
    console.error(
      [
        "演示模式（--sandbox）需要 wxdesk 源代码：部署版服务器不包含微信沙箱。",
        "请在源代码目录中运行：npm run server -- --sandbox",
        "Demo mode (--sandbox) needs the wxdesk source checkout: the built server has no WeChat sandbox.",
        "Run it from the source folder: npm run server -- --sandbox",
      ].join("\n"),
    );
    process.exit(2);
  }
}

/**
 * `npm run server [-- --config file.json] [-- --sandbox]`. With `--sandbox` it also starts the
 * WeChat sandbox on loopback and points at it with the sandbox's app: the zero-setup demo.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const demo = argv.includes("--sandbox");
  const env: Record<string, string | undefined> = { ...process.env };
  let closeSandbox: (() => Promise<void>) | undefined;
  let demoKeys: { admin: string; support: string } | undefined;

  if (demo) {
    const { startSandbox, SANDBOX_DEFAULTS } = await importSandboxOrExit();
    const sandbox = await startSandbox({ port: Number(env.SANDBOX_PORT ?? 0) || 0 });
    closeSandbox = sandbox.close;
    const port = env.WXDESK_PORT ?? "7200";
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
      WXDESK_WECHAT_OPEN_BASE: sandbox.url,
      // The sandbox authorizes 127.0.0.1 and localhost (any port) as the callback domain.
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

  let config: ReturnType<typeof loadConfig>;
  let ctx: Awaited<ReturnType<typeof createAppContext>>;
  try {
    config = loadConfig({ argv, env, cwd: process.cwd() });
    // Also a setting problem: a token key that cannot open the stored tokens (TokenKeyMismatchError).
    ctx = await createAppContext(config, {
      onError: (error) => console.error("background error:", (error as Error).message),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error("配置有误，服务器未启动 / The configuration is invalid, the server did not start:");
      for (const problem of error.problems) {
        console.error(`  ✗ ${problem.messageZh}\n    ${problem.messageEn}`);
      }
      await closeSandbox?.();
      process.exit(1);
    }
    throw error;
  }
  if (ctx.tokenKeyCheck === "replaced") {
    console.warn(
      "注意：已按 WXDESK_ACCEPT_NEW_TOKEN_KEY 改用新的 token-key，之前保存的用户令牌无法再解密（这些用户需要重新授权）。\n" +
        "Note: switched to the new token-key as WXDESK_ACCEPT_NEW_TOKEN_KEY allowed; user tokens stored before cannot be decrypted (those users must authorize again).",
    );
  }
  const log = bufferedStdout();
  const app = await buildApp(ctx, { logger: { level: env.WXDESK_LOG_LEVEL ?? "info", stream: log.stream } });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const local = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;

  console.log(`\nwxdesk callback server — ${local}`);
  console.log(JSON.stringify(describeConfig(config), null, 2));
  if (demo && demoKeys) {
    console.log("\n沙箱演示模式 / Sandbox demo mode");
    console.log(`  WeChat sandbox:  ${config.apiBase}`);
    console.log(`  试一试 / Try:    ${config.publicUrl}/oauth/start?scope=snsapi_userinfo`);
    console.log(`  JS-SDK:          ${local}/jssdk/config?url=${encodeURIComponent(`${config.publicUrl}/`)}`);
    console.log(`  Health:          ${local}/healthz  ${local}/readyz`);
    console.log(`  Admin API:       ${local}/admin/api/openapi.json (Authorization: Bearer <admin key>)`);
    // Printed only in this demo mode: these keys exist for this run alone.
    console.log(`  Admin key:       ${demoKeys.admin}`);
    console.log(`  Support key:     ${demoKeys.support}`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      await ctx.close();
      await closeSandbox?.();
    } finally {
      log.close();
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("The server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
