import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import type { ServerConfig } from "../config/server-config.js";
import { sendError } from "./error-handler.js";
import { type CounterStore, KeyThrottle, type KeyThrottleOptions } from "./key-throttle.js";

export type Role = "admin" | "support";

export interface AuthKeys {
  adminKey?: string | undefined;
  supportKey?: string | undefined;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by `requireRole` once the bearer key matched. */
    role: Role | undefined;
  }
  interface FastifyInstance {
    /** The admin/support keys `requireRole` compares against (set by `registerAdminAuth`). */
    authKeys: AuthKeys;
    /** Wrong keys counted per client (set by `registerAdminAuth`). */
    keyThrottle: KeyThrottle;
  }
}

/** Hash first so the comparison is constant-time whatever the lengths (timingSafeEqual needs equal sizes). */
function sameKey(given: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Decorates the app with the configured keys and the wrong-key throttle (its counters live in
 * `store`, so every instance sharing it shares them); call once on the root instance.
 */
export function registerAdminAuth(
  app: FastifyInstance,
  config: Pick<ServerConfig, "adminKey" | "supportKey">,
  store: CounterStore,
  throttle: Partial<KeyThrottleOptions> = {},
): void {
  app.decorate("authKeys", { adminKey: config.adminKey, supportKey: config.supportKey });
  app.decorate("keyThrottle", new KeyThrottle(store, throttle));
  app.decorateRequest("role", undefined);
}

function tooManyAttempts(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  reply.header("retry-after", String(retryAfterSeconds));
  return sendError(
    reply,
    429,
    "too_many_attempts",
    `Too many wrong keys from this address: try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
    `密钥错误次数太多，请 ${minutes} 分钟后再试`,
    { retryAfterSeconds },
  );
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * preHandler for `/admin/api/…`: `Authorization: Bearer <key>`. `admin` routes accept only the
 * admin key (the support key gets 403); `support` routes accept either. No or a wrong key: 401.
 * Too many failed attempts (wrong or missing keys) from one client: 429 with `Retry-After`, for any
 * key (`KeyThrottle`).
 */
export function requireRole(role: Role, keys?: AuthKeys): preHandlerAsyncHookHandler {
  return async function checkRole(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const { adminKey, supportKey } = keys ?? request.server.authKeys ?? {};
    const given = bearer(request);
    let isAdmin = false;
    const throttle = request.server.keyThrottle;
    const judged = await throttle.judge(request.ip, () => {
      if (given === undefined) return "wrong";
      // Compare against both every time: the timing does not say which key was close.
      isAdmin = sameKey(given, adminKey);
      const isSupport = sameKey(given, supportKey);
      return isAdmin || isSupport ? "match" : "wrong";
    });
    if (judged.outcome === "throttled") return tooManyAttempts(reply, judged.retryAfterSeconds);
    if (judged.outcome === "wrong" && judged.failures === throttle.options.maxFailures) {
      request.log.warn(
        { ip: request.ip, failures: judged.failures, windowSeconds: throttle.options.windowMs / 1000 },
        "admin API: too many wrong keys from one client; refusing it until the window ends",
      );
    }
    if (judged.outcome !== "match") {
      reply.header("www-authenticate", 'Bearer realm="wxdesk"');
      return sendError(
        reply,
        401,
        "unauthorized",
        given === undefined
          ? "An admin API key is required (Authorization: Bearer <key>)"
          : "This API key is not valid",
        given === undefined ? "需要管理密钥（Authorization: Bearer <密钥>）" : "管理密钥无效",
      );
    }
    if (role === "admin" && !isAdmin) {
      return sendError(reply, 403, "forbidden", "This action needs the admin key", "此操作需要管理员密钥");
    }
    request.role = isAdmin ? "admin" : "support";
  };
}
