import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { buildServerDist, REPO_DIR } from "../../callback-server/build/build-server-dist.js";
import { type ChildServer, freePort, startChildServer } from "./child-server.js";

/** The secrets a bench server runs with: made fresh per run, never printed. */
export interface ServerKeys {
  adminKey: string;
  supportKey: string;
  /** WXDESK_TOKEN_KEY: also what seeding encrypts user tokens with. */
  tokenKey: string;
  sessionSecret: string;
}

export function newServerKeys(): ServerKeys {
  return {
    adminKey: `bench-admin-${randomBytes(24).toString("base64url")}`,
    supportKey: `bench-support-${randomBytes(24).toString("base64url")}`,
    tokenKey: randomBytes(32).toString("hex"),
    sessionSecret: randomBytes(48).toString("base64url"),
  };
}

export interface CallbackServer extends ChildServer {
  /** WXDESK_PUBLIC_URL: the same origin the bench talks to. */
  publicUrl: string;
}

/** The launcher `npm run build:server` writes; it loads `bundle/server.js` in the same process. */
export const BUILT_SERVER = "callback-server/dist/server.js";

let built: Promise<unknown> | undefined;

/** `npm run build:server` once per bench run, so a suite never measures a stale bundle. */
export function buildServerOnce(): Promise<unknown> {
  built ??= buildServerDist({ outDir: resolve(REPO_DIR, "callback-server", "dist") });
  return built;
}

/** Nothing listens here: servers whose measured routes never call WeChat point at it. */
export const NO_UPSTREAM = "http://127.0.0.1:9";

/**
 * One callback server process, as deployed: `callback-server/src/server.ts` configured by WXDESK_*
 * variables (callback-server/README.md), the sandbox's app, SQLite at `dbPath`, or the Redis at
 * `redis.url`. With `redis.prefix`, the bench entry `prefixed-callback-server.ts` instead: the same
 * server, with the Redis key prefix server.ts has no setting for, so a bench on a shared Redis never
 * touches a deployment's `wxdesk:` keys (a Redis the bench started itself needs no prefix).
 * `port` restarts a server where it was; `publicUrl` (default: its own address) names the address
 * several instances share behind a load balancer.
 */
export async function startCallbackServer(options: {
  apiBase: string;
  dbPath: string;
  keys: ServerKeys;
  redis?: { url: string; prefix?: string };
  port?: number;
  publicUrl?: string;
  /** More settings, e.g. WXDESK_OIDC_CLIENTS. */
  env?: Record<string, string>;
  /** The deployable bundle (`npm run build:server` → callback-server/dist/server.js) instead of the sources. */
  built?: boolean;
}): Promise<CallbackServer> {
  if (options.built) await buildServerOnce();
  const port = options.port ?? (await freePort());
  const publicUrl = options.publicUrl ?? `http://127.0.0.1:${port}`;
  const server = await startChildServer({
    entry: options.built
      ? BUILT_SERVER
      : options.redis?.prefix
        ? "bench/lib/prefixed-callback-server.ts"
        : "callback-server/src/server.ts",
    plainNode: options.built === true,
    env: {
      WXDESK_APPID: SANDBOX_DEFAULTS.appid,
      WXDESK_SECRET: SANDBOX_DEFAULTS.secret,
      WXDESK_PUBLIC_URL: publicUrl,
      WXDESK_PORT: String(port),
      WXDESK_HOST: "127.0.0.1",
      WXDESK_WECHAT_API_BASE: options.apiBase,
      WXDESK_WECHAT_OPEN_BASE: options.apiBase,
      WXDESK_DB: options.dbPath,
      // Empty = unset for the server's config: the bench's own REDIS_URL must not switch it to Redis.
      REDIS_URL: options.redis?.url ?? "",
      BENCH_REDIS_PREFIX: options.redis?.prefix ?? "",
      WXDESK_ADMIN_KEY: options.keys.adminKey,
      WXDESK_SUPPORT_KEY: options.keys.supportKey,
      WXDESK_TOKEN_KEY: options.keys.tokenKey,
      WXDESK_SESSION_SECRET: options.keys.sessionSecret,
      WXDESK_MSG_TOKEN: SANDBOX_DEFAULTS.token,
      WXDESK_MSG_AES_KEY: SANDBOX_DEFAULTS.encodingAesKey,
      // One process unless a suite asks for more: the figures are per process (the built server
      // would otherwise start one worker per CPU).
      WXDESK_WORKERS: "1",
      ...options.env,
    },
    readyPath: "/healthz",
    port,
  });
  return { ...server, publicUrl };
}
