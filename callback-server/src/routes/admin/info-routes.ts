import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { checkStorage } from "../../context/storage-check.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";

/** Replaced with the package version by the deployable build (callback-server/build), absent from source. */
declare const __WXDESK_SERVER_VERSION__: string | undefined;

/** The callback server's own version (its package.json), read once at startup. */
function serverVersion(): string {
  // The bundle lives elsewhere than src/, so the build writes the version in rather than a path to it.
  if (typeof __WXDESK_SERVER_VERSION__ === "string") return __WXDESK_SERVER_VERSION__;
  try {
    const text = readFileSync(new URL("../../../package.json", import.meta.url), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" ? version : "unknown";
  } catch {
    return "unknown";
  }
}

const infoSchema = {
  type: "object",
  required: [
    "appid",
    "role",
    "version",
    "publicUrl",
    "callbackUrl",
    "authorizedDomain",
    "nextAllow",
    "openBase",
    "store",
    "tokenSource",
    "messagePush",
    "users",
    "storage",
  ],
  properties: {
    appid: { type: "string" },
    role: { type: "string", enum: ["admin", "support"] },
    version: { type: "string" },
    publicUrl: { type: "string" },
    callbackUrl: { type: "string" },
    authorizedDomain: { type: "string", description: "What to enter as 网页授权域名 (host, no port)" },
    nextAllow: { type: "array", items: { type: "string" } },
    openBase: { type: "string" },
    store: { type: "string", enum: ["sqlite", "redis"] },
    tokenSource: { type: "string", enum: ["stable_token", "token"] },
    messagePush: {
      type: "object",
      required: ["url", "configured", "aes"],
      properties: { url: { type: "string" }, configured: { type: "boolean" }, aes: { type: "boolean" } },
    },
    users: { type: "integer" },
    worker: {
      type: "integer",
      description:
        "Which worker process answered (WXDESK_WORKERS > 1): each connection stays with one worker. Absent when the server is one process",
    },
    storage: {
      type: "object",
      description:
        "How the store keeps its data across its own restart. `warning` (zh/en plain words) when users could be lost: Redis without persistence (`none`), with snapshots only (`rdb`), or not telling (`unknown`: CONFIG refused)",
      required: ["kind", "persistence"],
      properties: {
        kind: { type: "string", enum: ["sqlite", "redis"] },
        persistence: { type: "string", enum: ["file", "aof", "rdb", "none", "unknown"] },
        warning: {
          type: "object",
          required: ["zh", "en"],
          properties: { zh: { type: "string" }, en: { type: "string" } },
        },
      },
    },
  },
} as const;

/**
 * `GET info` (support): what the desktop shows on its connection page and checks a key against.
 * Settings only — never a secret (AppSecret, keys, message Token, AES key are reported as set or not).
 * `storage` is asked of the store each time: turning AOF on clears the warning without a restart.
 */
export default async function infoRoutes(app: FastifyInstance, options: AdminRoutesOptions): Promise<void> {
  const { config } = options.ctx;
  const version = serverVersion();

  app.get(
    "/info",
    {
      config: { role: "support" },
      schema: {
        tags: ["info"],
        summary: "Server settings and the caller's role",
        response: { 200: infoSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const [users, storage] = await Promise.all([
        options.ctx.store.countUsers(),
        checkStorage(options.ctx.store),
      ]);
      return {
        appid: config.appid,
        role: request.role ?? "support",
        version,
        publicUrl: config.publicUrl,
        callbackUrl: `${config.publicUrl}/oauth/callback`,
        // §1.1: WeChat compares the redirect_uri's host with 网页授权域名 — host only, no scheme or port.
        authorizedDomain: new URL(config.publicUrl).hostname,
        nextAllow: config.nextAllow,
        openBase: config.openBase,
        store: config.redisUrl ? "redis" : "sqlite",
        tokenSource: config.tokenSource,
        messagePush: {
          url: `${config.publicUrl}/wechat`,
          configured: config.msgToken !== undefined && config.msgToken !== "",
          aes: config.msgAesKey !== undefined && config.msgAesKey !== "",
        },
        users,
        storage,
        ...(cluster.isWorker && cluster.worker ? { worker: cluster.worker.id } : {}),
      };
    },
  );
}
