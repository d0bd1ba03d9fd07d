import Fastify, { type FastifyInstance } from "fastify";
import { registerFaultHook } from "./fault-hook.js";
import { isLoopbackAddress, registerHostGuard } from "./host-guard.js";
import { attachStateFile, type StateLoadOutcome } from "./persist/attach-state-file.js";
import { registerAuthorizePage } from "./routes/authorize-page.js";
import { registerAvatarRoutes } from "./routes/avatar.js";
import { registerControlRoutes } from "./routes/control.js";
import { registerGlobalTokenRoutes } from "./routes/global-token.js";
import { registerJssdkVerify } from "./routes/jssdk-verify.js";
import { registerMenuRoutes } from "./routes/menu.js";
import { registerPhoneRoutes } from "./routes/phone.js";
import { registerSnsRoutes } from "./routes/sns.js";
import { registerTicketRoutes } from "./routes/ticket.js";
import type { SandboxOptions } from "./state/fixtures.js";
import { SandboxState } from "./state/sandbox-state.js";
import { sendError } from "./wechat-reply.js";

declare module "fastify" {
  interface FastifyInstance {
    sandbox: SandboxState;
    /** With `stateFile`: whether the saved state came back (`restored`), there was none, or it was unreadable. */
    sandboxStateLoad: StateLoadOutcome | undefined;
  }
}

/** Path only: query strings carry secrets and tokens, so they never reach a log line. */
function pathOnly(url: string | undefined): string {
  const at = (url ?? "").indexOf("?");
  return at >= 0 ? (url ?? "").slice(0, at) : (url ?? "");
}

export async function buildSandbox(options: SandboxOptions = {}): Promise<FastifyInstance> {
  const state = new SandboxState(options);
  const app = Fastify({
    logger: options.logger
      ? { serializers: { req: (req) => ({ method: req.method, url: pathOnly(req.url) }) } }
      : false,
    forceCloseConnections: true,
  });
  app.decorate("sandbox", state);
  app.decorate(
    "sandboxStateLoad",
    options.stateFile === undefined ? undefined : await attachStateFile(app, state, options.stateFile),
  );

  // §10: WeChat reads the body whatever the Content-Type says; every route gets the raw text.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => done(null, body));

  // First: a refused request must not reach fault rules, stats or routes.
  registerHostGuard(app, {
    loopbackHostOnly: options.loopbackHostOnly === true,
    publicHost: options.publicUrl === undefined ? undefined : new URL(options.publicUrl).hostname,
  });
  registerFaultHook(app, state);
  registerSnsRoutes(app, state);
  registerGlobalTokenRoutes(app, state);
  registerMenuRoutes(app, state);
  registerTicketRoutes(app, state);
  registerAuthorizePage(app, state);
  registerAvatarRoutes(app, state);
  registerPhoneRoutes(app, state);
  registerJssdkVerify(app, state);
  registerControlRoutes(app, state);

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({
      error: {
        code: "not_found",
        message: `No such path: ${pathOnly(req.url)}`,
        messageZh: `没有这个路径：${pathOnly(req.url)}`,
      },
    }),
  );

  app.setErrorHandler((error: { statusCode?: number; message?: string }, req, reply) => {
    const status = error.statusCode ?? 500;
    if (!pathOnly(req.url).startsWith("/_sandbox")) {
      // A WeChat path never answers a framework error: too large/unreadable bodies are 47001, the rest -1.
      return sendError(reply, state, status >= 400 && status < 500 ? 47001 : -1);
    }
    return reply.code(status >= 400 && status < 500 ? status : 500).send({
      error: {
        code: status < 500 ? "bad_request" : "internal",
        message: status < 500 ? (error.message ?? "Bad request") : "Internal sandbox error",
        messageZh: status < 500 ? "请求有误" : "沙箱内部错误",
      },
    });
  });

  await app.ready();
  return app;
}

export interface StartedSandbox {
  url: string;
  app: FastifyInstance;
  /** With `stateFile`: `restored` when the saved state came back; `missing` / `broken` start afresh. */
  stateLoad: StateLoadOutcome | undefined;
  close(): Promise<void>;
}

/**
 * Builds and listens. `port: 0` picks a free port; host defaults to 127.0.0.1. On a loopback address
 * the Host guard is on unless `loopbackHostOnly: false` (a sandbox on 0.0.0.0 for a phone on the LAN
 * is reached by other names, so there it is off unless asked for).
 */
export async function startSandbox(
  options: SandboxOptions & { port?: number; host?: string } = {},
): Promise<StartedSandbox> {
  const { port = 0, host = "127.0.0.1", ...rest } = options;
  const app = await buildSandbox({
    ...rest,
    loopbackHostOnly: rest.loopbackHostOnly ?? isLoopbackAddress(host),
  });
  try {
    await app.listen({ port, host });
  } catch (error) {
    // e.g. EADDRINUSE: the caller may try another port; this app must not linger half-started.
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const shownHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  return {
    url: `http://${shownHost}:${actualPort}`,
    app,
    stateLoad: app.sandboxStateLoad,
    close: () => app.close(),
  };
}
