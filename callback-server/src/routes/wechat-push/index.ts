import { createMessageCrypto, type MessageCrypto } from "@wxdesk/wechat";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { AppContext } from "../../app-context.js";
import type { ServerConfig } from "../../config/server-config.js";
import { handlePush } from "./handle-push.js";
import { readPushQuery } from "./push-query.js";
import { type PushResponse, textResponse } from "./push-response.js";
import { verifyUrl } from "./verify-url.js";

/** Push bodies are a few hundred bytes (§9.2); 64 KiB matches the XML parser's own limit. */
export const PUSH_BODY_LIMIT = 64 * 1024;

/** WeChat gives up after 5 s (§9.3); 4 s leaves a second for the network and the encryption. */
export const REPLY_BUDGET_MS = 4_000;

export interface WechatPushOptions {
  ctx: AppContext;
  /** Tests shorten the store budget; production uses REPLY_BUDGET_MS. */
  replyBudgetMs?: number;
}

/** Safe mode (§9.4) is built once per registration: a bad EncodingAESKey stops the server at start. */
function buildCrypto(config: ServerConfig): MessageCrypto | undefined {
  if (!config.msgToken || !config.msgAesKey) return undefined;
  try {
    return createMessageCrypto({
      token: config.msgToken,
      encodingAesKey: config.msgAesKey,
      appId: config.appid,
    });
  } catch (error) {
    throw new Error(`WXDESK_MSG_AES_KEY cannot be used: ${(error as Error).message}`);
  }
}

function send(reply: FastifyReply, response: PushResponse): FastifyReply {
  return reply
    .code(response.status)
    .header("cache-control", "no-store")
    .header("x-content-type-options", "nosniff")
    .type(response.kind === "xml" ? "text/xml; charset=utf-8" : "text/plain; charset=utf-8")
    .send(response.body);
}

/**
 * `GET|POST /wechat`: WeChat's message push (protocol sheet §9). Registered by `buildApp` as an
 * encapsulated plugin, so the body parsers and error handler below apply to these routes only.
 */
export default async function wechatPushRoutes(
  app: FastifyInstance,
  options: WechatPushOptions,
): Promise<void> {
  const { ctx } = options;
  const crypto = buildCrypto(ctx.config);
  const deps = {
    token: ctx.config.msgToken || undefined,
    crypto,
    store: ctx.store,
    events: ctx.events,
    clock: ctx.clock,
    budgetMs: options.replyBudgetMs ?? REPLY_BUDGET_MS,
    maxSkewSeconds: ctx.config.pushMaxSkewSeconds,
  };

  // WeChat sends text/xml, but its Content-Type has varied over the years (and proxies rewrite it): every
  // body on these routes is read as raw text, up to 64 KiB, and judged by the safe XML parser instead.
  app.removeAllContentTypeParsers();
  const asText = (_req: unknown, body: string | Buffer, done: (err: null, body: string) => void) =>
    done(null, typeof body === "string" ? body : body.toString("utf8"));
  app.addContentTypeParser(
    ["text/xml", "application/xml"],
    { parseAs: "string", bodyLimit: PUSH_BODY_LIMIT },
    asText,
  );
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: PUSH_BODY_LIMIT }, asText);

  // Errors raised before the handler (body too large, aborted upload) answer in plain text, never a stack.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status === 413) return send(reply, textResponse(413, "消息体过大 / body too large"));
    if (status >= 400 && status < 500) {
      request.log.warn({ code: error.code }, "wechat push: request refused");
      return send(reply, textResponse(status, "请求无效 / bad request"));
    }
    request.log.error({ err: error }, "wechat push: unexpected error");
    return send(reply, textResponse(500, "内部错误 / internal error"));
  });

  app.get("/wechat", async (request, reply) =>
    send(reply, verifyUrl(deps.token, readPushQuery(request.query))),
  );

  app.post("/wechat", { bodyLimit: PUSH_BODY_LIMIT }, async (request, reply) =>
    send(reply, await handlePush(deps, readPushQuery(request.query), request.body, request.log)),
  );
}
