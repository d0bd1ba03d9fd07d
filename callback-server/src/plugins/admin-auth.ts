import { hash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import type { ServerConfig } from "../config/server-config.js";
import { sendError } from "./error-handler.js";
import { type CounterStore, KeyThrottle, type KeyThrottleOptions } from "./key-throttle.js";

/**
 * `admin` everything; `support` reads users and token status; `service` only the global
 * access_token / jsapi_ticket (the account's other systems). A route allows exactly one of:
 * admin, admin + support, service.
 */
export type Role = "admin" | "support" | "service";

export interface AuthKeys {
  adminKey?: string | undefined;
  supportKey?: string | undefined;
}

/** What the guard needs of the service keys (context/service-keys.ts holds them). */
export interface ServiceKeyLookup {
  /** The id of the service key `given` is, or undefined. */
  match(given: string): Promise<string | undefined>;
  /** Notes a use (for "last used"); may be skipped when recent. */
  markUsed(id: string): Promise<void>;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by `requireRole` once the bearer key matched. */
    role: Role | undefined;
    /** With role `service`: which service key it was. */
    serviceKeyId: string | undefined;
  }
  interface FastifyInstance {
    /** The admin/support keys `requireRole` compares against (set by `registerAdminAuth`). */
    authKeys: AuthKeys;
    /** The service keys (set by `registerAdminAuth`). */
    serviceKeys: ServiceKeyLookup;
    /** Wrong keys counted per client (set by `registerAdminAuth`). */
    keyThrottle: KeyThrottle;
  }
}

/** Hash first so the comparison is constant-time whatever the lengths (timingSafeEqual needs equal sizes). */
function sameKey(given: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const a = hash("sha256", given, "buffer");
  const b = hash("sha256", expected, "buffer");
  return timingSafeEqual(a, b);
}

/**
 * Decorates the app with the configured keys, the service keys and the wrong-key throttle (its
 * counters live in `store`, so every instance sharing it shares them); call once on the root instance.
 */
export function registerAdminAuth(
  app: FastifyInstance,
  config: Pick<ServerConfig, "adminKey" | "supportKey">,
  store: CounterStore,
  serviceKeys: ServiceKeyLookup,
  throttle: Partial<KeyThrottleOptions> = {},
): void {
  app.decorate("authKeys", { adminKey: config.adminKey, supportKey: config.supportKey });
  app.decorate("serviceKeys", serviceKeys);
  app.decorate("keyThrottle", new KeyThrottle(store, throttle));
  app.decorateRequest("role", undefined);
  app.decorateRequest("serviceKeyId", undefined);
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

/** Which keys a route of each role accepts. */
const ACCEPTS: Record<Role, ReadonlySet<Role>> = {
  admin: new Set(["admin"]),
  support: new Set(["admin", "support"]),
  service: new Set(["service"]),
};

function forbidden(reply: FastifyReply, route: Role, key: Role): FastifyReply {
  if (key === "service") {
    return sendError(
      reply,
      403,
      "forbidden",
      "A service key may only read the WeChat access_token and jsapi_ticket",
      "服务密钥只能读取微信 access_token 和 jsapi_ticket",
    );
  }
  if (route === "service") {
    return sendError(
      reply,
      403,
      "forbidden",
      "Only service keys read the global access_token and jsapi_ticket: create one for the system that needs them",
      "只有服务密钥能读取全局 access_token 和 jsapi_ticket：请为需要它们的系统创建服务密钥",
    );
  }
  return sendError(reply, 403, "forbidden", "This action needs the admin key", "此操作需要管理员密钥");
}

/** What a caller without a (valid) key is told: the key the route wants, by its name. */
const MISSING_KEY: Record<Role, { en: string; zh: string; keyZh: string }> = {
  admin: {
    en: "An admin key is required (Authorization: Bearer <key>)",
    zh: "需要管理员密钥（Authorization: Bearer <密钥>）",
    keyZh: "管理密钥",
  },
  support: {
    en: "An admin or support key is required (Authorization: Bearer <key>)",
    zh: "需要管理员或客服密钥（Authorization: Bearer <密钥>）",
    keyZh: "管理密钥",
  },
  service: {
    en: "A service key is required (Authorization: Bearer <key>)",
    zh: "需要服务密钥（Authorization: Bearer <密钥>）",
    keyZh: "服务密钥",
  },
};

/**
 * preHandler for `/admin/api/…`: `Authorization: Bearer <key>`. `admin` routes accept only the
 * admin key, `support` routes the admin or support key, `service` routes only a service key; any
 * other known key gets 403. No or a wrong key: 401. Too many failed attempts (wrong or missing
 * keys) from one client: 429 with `Retry-After`, for any key (`KeyThrottle`). Service keys are
 * looked up only when the key is neither the admin nor the support key (one store read).
 */
export function requireRole(role: Role, keys?: AuthKeys): preHandlerAsyncHookHandler {
  return async function checkRole(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const { adminKey, supportKey } = keys ?? request.server.authKeys ?? {};
    const given = bearer(request);
    let matched: Role | undefined;
    let serviceKeyId: string | undefined;
    const throttle = request.server.keyThrottle;
    const judged = await throttle.judge(request.ip, async () => {
      if (given === undefined) return "wrong";
      // Compare against both every time: the timing does not say which key was close.
      const isAdmin = sameKey(given, adminKey);
      const isSupport = sameKey(given, supportKey);
      if (isAdmin || isSupport) {
        matched = isAdmin ? "admin" : "support";
        return "match";
      }
      serviceKeyId = await request.server.serviceKeys.match(given);
      if (serviceKeyId === undefined) return "wrong";
      matched = "service";
      return "match";
    });
    if (judged.outcome === "throttled") return tooManyAttempts(reply, judged.retryAfterSeconds);
    if (judged.outcome === "wrong" && judged.failures === throttle.options.maxFailures) {
      request.log.warn(
        { ip: request.ip, failures: judged.failures, windowSeconds: throttle.options.windowMs / 1000 },
        "admin API: too many wrong keys from one client; refusing it until the window ends",
      );
    }
    if (judged.outcome !== "match" || matched === undefined) {
      reply.header("www-authenticate", 'Bearer realm="wxdesk"');
      const missing = MISSING_KEY[role];
      return given === undefined
        ? sendError(reply, 401, "unauthorized", missing.en, missing.zh)
        : sendError(reply, 401, "unauthorized", "This key is not valid", `${missing.keyZh}无效`);
    }
    if (!ACCEPTS[role].has(matched)) return forbidden(reply, role, matched);
    request.role = matched;
    if (serviceKeyId !== undefined) {
      request.serviceKeyId = serviceKeyId;
      // "Last used" is a convenience: a store hiccup here must not fail the caller's read.
      request.server.serviceKeys.markUsed(serviceKeyId).catch((error: unknown) => {
        request.log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          "service key use not recorded",
        );
      });
    }
  };
}
