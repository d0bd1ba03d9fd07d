/**
 * `callback-server/src/server.ts` for benches on Redis: the same config, context, app and request
 * logging, plus the Redis key prefix from BENCH_REDIS_PREFIX (server.ts always uses `wxdesk:`).
 */
import { buildApp, ConfigError, createAppContext, loadConfig } from "@wxdesk/callback-server";

const prefix = process.env.BENCH_REDIS_PREFIX;
if (!prefix) throw new Error("BENCH_REDIS_PREFIX is required: a bench never uses the default wxdesk: keys");

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig({ env: process.env, cwd: process.cwd() });
} catch (error) {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`✗ ${problem.messageZh} / ${problem.messageEn}`);
    process.exit(1);
  }
  throw error;
}
const ctx = await createAppContext(config, {
  redisKeyPrefix: prefix,
  onError: (error) => console.error("background error:", (error as Error).message),
});
const app = await buildApp(ctx, { logger: { level: process.env.WXDESK_LOG_LEVEL ?? "info" } });
await app.listen({ port: config.port, host: config.host });

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await app.close();
    await ctx.close();
  } finally {
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
