import type { AppContext } from "../app-context.js";
import type { TokenSource } from "../config/server-config.js";
import { createAppContext } from "../context/create-app-context.js";
import type { SandboxPerTest } from "./sandbox-per-test.js";
import { dropRedisPrefix, type Listening, listen, testConfig, testRedisPrefix } from "./test-server.js";

/** One token key for every instance: they must open each other's sealed global token. */
const TOKEN_KEY = "ab".repeat(32);

export interface AppInstance {
  ctx: AppContext;
  server: Listening;
}

export interface InstancesOptions {
  count: number;
  /** A Redis URL: every instance on one fresh key prefix; absent: all on the test's SQLite file. */
  redisUrl?: string | undefined;
  /** Shortens the global token manager's one-renewal-per-minute interval. */
  renewIntervalMs?: number;
  tokenSource?: TokenSource;
}

/**
 * `count` callback servers on one store (the same SQLite file, or one Redis prefix), each listening,
 * all with the same secrets — several instances of one deployment. Torn down after the test.
 */
export async function startInstances(t: SandboxPerTest, options: InstancesOptions): Promise<AppInstance[]> {
  const prefix = testRedisPrefix();
  const { redisUrl } = options;
  if (redisUrl) t.cleanup(() => dropRedisPrefix(redisUrl, prefix));
  const sessionSecret = "s".repeat(48);
  const out: AppInstance[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const config = testConfig(t.sandbox.url, t.dir.path, {
      tokenKey: TOKEN_KEY,
      sessionSecret,
      tokenSource: options.tokenSource ?? "stable_token",
      ...(redisUrl ? { redisUrl } : {}),
    });
    const ctx = await createAppContext(config, {
      ...(redisUrl ? { redisKeyPrefix: prefix } : {}),
      ...(options.renewIntervalMs === undefined ? {} : { renewIntervalMs: options.renewIntervalMs }),
    });
    t.cleanup(() => ctx.close());
    const server = await listen(ctx);
    t.cleanup(() => server.close());
    out.push({ ctx, server });
  }
  return out;
}
