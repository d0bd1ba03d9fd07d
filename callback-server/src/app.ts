import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { AppContext } from "./app-context.js";
import oidcRoutes, { createOidcGateway, type OidcOptions } from "./oidc/index.js";
import { registerAdminAuth } from "./plugins/admin-auth.js";
import { answerClientError, connectionLimits } from "./plugins/connection-limits.js";
import { answerFrameworkError, pathOf, registerErrorHandler } from "./plugins/error-handler.js";
import { refuseInfiniteNumbers } from "./plugins/finite-numbers.js";
import type { KeyThrottleOptions } from "./plugins/key-throttle.js";
import { lazyRequestLogger } from "./plugins/lazy-request-logger.js";
import { registerLoopbackHostGuard } from "./plugins/loopback-host-guard.js";
import { warnOfUntrustedProxy } from "./plugins/proxy-hint.js";
import { RequestLog } from "./plugins/request-log.js";
import adminRoutes from "./routes/admin/index.js";
import healthRoutes from "./routes/health/index.js";
import jssdkRoutes from "./routes/jssdk/index.js";
import mpVerifyRoute from "./routes/mp-verify.js";
import oauthRoutes, { type OAuthRoutesOptions } from "./routes/oauth/index.js";
import wechatPushRoutes, { type WechatPushOptions } from "./routes/wechat-push/index.js";

export interface BuildAppOptions {
  /** false (default) = silent; true or pino options = log requests by method + path only. */
  logger?: boolean | Record<string, unknown>;
  /** Passed to the OAuth routes (tests shorten the retry backoff). */
  oauth?: Omit<OAuthRoutesOptions, "ctx">;
  /** Passed to the message push routes (tests shorten the reply budget). */
  wechatPush?: Omit<WechatPushOptions, "ctx">;
  /** Answer only Host 127.0.0.1/localhost/[::1]:<port> (DNS-rebinding guard; plugins/loopback-host-guard.ts). */
  loopbackHostOnly?: boolean;
  /** The wrong-admin-key throttle (default 10 per minute per client; tests change it). */
  keyThrottle?: Partial<KeyThrottleOptions>;
  /** The OpenID Connect provider's key times (tests shorten them). */
  oidc?: OidcOptions;
}

/**
 * Request logs name the method and the path, nothing else: query strings carry `code`, `state`,
 * `secret`, tokens; headers carry admin keys and session cookies. The request line itself is built
 * from safe fields (plugins/request-log.ts); these serializers shape Fastify's error lines, and the
 * redact list is the second net for anything a route logs by hand.
 */
function loggerOptions(logger: BuildAppOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  return {
    ...(typeof logger === "object" ? logger : {}),
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "headers.authorization",
        "headers.cookie",
        "*.secret",
        "query.code",
        "*.query.code",
        "*.access_token",
        "*.refresh_token",
        "*.accessToken",
        "*.refreshToken",
        "*.ticket",
      ],
      censor: "[redacted]",
    },
  };
}

/** Name, message and stack of a failure, for the log: never the request or its headers. */
function errorSummary(error: unknown): Record<string, unknown> {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { value: String(error) };
}

/** The whole callback server as a Fastify instance (not listening): tests and `server.ts` both use it. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    logger: loggerOptions(options.logger),
    // One safe line per request instead of Fastify's two (plugins/request-log.ts).
    logController: new RequestLog(),
    // Each request's child logger only once it logs something (plugins/lazy-request-logger.ts).
    childLoggerFactory: lazyRequestLogger,
    forceCloseConnections: true,
    bodyLimit: 256 * 1024,
    // request.ip: the socket's peer, or — only when that peer is a listed proxy — the address it
    // forwarded (X-Forwarded-For). Cookies and links take scheme and host from publicUrl, never from
    // the X-Forwarded-* headers.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // Slow headers, slow bodies, idle connections: each has a bound (plugins/connection-limits.ts).
    ...connectionLimits(config.httpTimeouts),
    clientErrorHandler: answerClientError,
    // The router's own refusals (too long a path parameter, bad percent-encoding) in the one shape.
    frameworkErrors: answerFrameworkError,
  });

  if (options.loopbackHostOnly) registerLoopbackHostGuard(app);
  await app.register(cookie, { secret: config.sessionSecret });
  registerErrorHandler(app);
  refuseInfiniteNumbers(app);
  registerAdminAuth(app, config, ctx.store, ctx.serviceKeys, options.keyThrottle);
  warnOfUntrustedProxy(app);

  // Documents the admin API only: routes without a tag (OAuth pages, push, health) stay out of it.
  await app.register(swagger, {
    hideUntagged: true,
    openapi: {
      info: {
        title: "wxdesk admin API",
        version: "1",
        description:
          "The callback server's admin API (docs/admin-api.md). Bearer admin or support key; service keys read only the global access_token and jsapi_ticket.",
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
  });

  await app.register(healthRoutes, { ctx });
  await app.register(jssdkRoutes, { ctx });
  await app.register(mpVerifyRoute, { ctx });
  await app.register(oauthRoutes, { ...options.oauth, ctx });
  await app.register(wechatPushRoutes, { ...options.wechatPush, ctx });
  const gateway = createOidcGateway(ctx, {
    onServerError: (error, path) =>
      app.log.error({ err: errorSummary(error), path }, "OpenID Connect provider failed"),
    ...options.oidc,
  });
  await app.register(oidcRoutes, { ctx, gateway });

  await app.register(adminRoutes, { ctx, gateway, prefix: "/admin/api" });

  return app;
}
