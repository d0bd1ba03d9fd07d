import { randomBytes } from "node:crypto";
import { buildApp } from "./app.js";
import { loadConfig } from "./config/load-config.js";
import { ConfigError, describeConfig } from "./config/server-config.js";
import { createAppContext } from "./context/create-app-context.js";

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
    // Only the demo imports the sandbox (a dev dependency): a deployed server never loads it.
    const { startSandbox, SANDBOX_DEFAULTS } = await import("@wxdesk/sandbox");
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
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ argv, env, cwd: process.cwd() });
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

  const ctx = await createAppContext(config, {
    onError: (error) => console.error("background error:", (error as Error).message),
  });
  const app = await buildApp(ctx, { logger: { level: env.WXDESK_LOG_LEVEL ?? "info" } });
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
