import { WeChatApiError } from "@wxdesk/wechat";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ZodError } from "zod";
import { GlobalTokenRefusedError } from "../context/global-token-errors.js";
import { notFoundPage } from "../pages/oauth-pages.js";
import { LockTimeoutError, StoreInputError, StoreUnavailableError } from "../store/store-errors.js";
import { HttpError } from "./http-error.js";
import { errorPageFor, pageRouteOf } from "./page-route.js";
import { sendPage } from "./send-page.js";

export { HttpError } from "./http-error.js";

/** The one error shape every route answers (zh-CN for people, English for logs and tools). */
export interface ErrorBody {
  error: { code: string; message: string; messageZh: string; [extra: string]: unknown };
}

/**
 * `sendError(reply, 400, "bad_request", "…", "…")`: the helper routes use for planned errors, and
 * the one way the error handler answers. It answers in the route's kind: `{error}` JSON, or on a
 * page route (`config.page`, plugins/page-route.ts) the HTML page for that status — so every
 * mapping below serves browsers and scripts alike.
 */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  messageZh: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const page = pageRouteOf(reply.request);
  if (page) return sendPage(reply, status, errorPageFor(reply.request, page, status, extra));
  const body: ErrorBody = { error: { ...extra, code, message, messageZh } };
  return reply.code(status).header("cache-control", "no-store").send(body);
}

/** Prefixes that answer programs (JSON), never pages, even to a browser. */
const JSON_PREFIXES = ["/admin/", "/api/", "/oidc/", "/jssdk/", "/.well-known/"];

/** A GET or HEAD a browser makes to show a page (it asks for HTML), outside the JSON prefixes. */
function isBrowserNavigation(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = pathOf(request.url);
  if (JSON_PREFIXES.some((prefix) => path.startsWith(prefix))) return false;
  return (request.headers.accept ?? "").includes("text/html");
}

/** Path only: query strings can carry codes, states and tokens; they never reach logs or answers. */
export function pathOf(url: string | undefined): string {
  const raw = url ?? "";
  const at = raw.indexOf("?");
  return at >= 0 ? raw.slice(0, at) : raw;
}

const STATUS_CODES: Record<number, [string, string, string]> = {
  400: ["bad_request", "Bad request", "请求有误"],
  401: ["unauthorized", "Authentication required", "需要身份验证"],
  403: ["forbidden", "Not allowed", "没有权限"],
  404: ["not_found", "Not found", "找不到"],
  405: ["method_not_allowed", "Method not allowed", "不支持该请求方法"],
  406: ["not_acceptable", "Not acceptable", "无法提供所需格式"],
  408: ["request_timeout", "Request timeout", "请求超时"],
  409: ["conflict", "Conflict", "请求冲突"],
  411: ["length_required", "Content-Length required", "缺少 Content-Length"],
  413: ["payload_too_large", "Request body too large", "请求体过大"],
  414: ["uri_too_long", "URL too long", "网址过长"],
  415: ["unsupported_media_type", "Unsupported content type", "不支持的内容类型"],
  429: ["too_many_requests", "Too many requests", "请求过于频繁"],
  431: ["headers_too_large", "Request headers too large", "请求头过大"],
};

/** What `Retry-After` asks of a client while the store is down: Redis is retried every 0.5 s. */
const STORE_RETRY_AFTER_S = 5;

/** The one error shape for a plain status (framework and router refusals): code and words by status. */
function sendStatus(reply: FastifyReply, status: number, message?: string): FastifyReply {
  const [code, en, zh] = STATUS_CODES[status] ?? ["bad_request", "Bad request", "请求有误"];
  return sendError(reply, status, code, message || en, zh);
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route or hook runs — a path
 * parameter longer than 100 characters (414) or a path that is not valid percent-encoding (400).
 * Fastify's own answer has another shape and echoes the whole path.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    sendStatus(reply, 414, "A part of the path is longer than 100 characters");
    return;
  }
  if (error.code === "FST_ERR_BAD_URL") {
    sendStatus(reply, 400, "The path is not a valid URL (bad percent-encoding)");
    return;
  }
  const status = typeof error.statusCode === "number" && error.statusCode >= 400 ? error.statusCode : 400;
  sendStatus(reply, status);
}

interface ValidationItem {
  instancePath?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
  message?: string;
}

/** Names the field for schema (AJV) validation errors: `querystring.url`, `body.name`. */
function describeValidation(error: FastifyError): { field: string; en: string; zh: string } {
  const first = (error.validation?.[0] ?? {}) as ValidationItem;
  const where = error.validationContext ?? "request";
  const path = (first.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
  const name = first.params?.missingProperty ?? first.params?.additionalProperty ?? path;
  const field = name ? `${where}.${name}` : where;
  const detail = first.params?.missingProperty
    ? "is required"
    : first.params?.additionalProperty
      ? "is not allowed"
      : (first.message ?? "is invalid");
  const zh = first.params?.missingProperty
    ? "缺少该字段"
    : first.params?.additionalProperty
      ? "不允许该字段"
      : "格式不正确";
  return { field, en: `${field} ${detail}`, zh: `${field} ${zh}` };
}

function describeZod(error: ZodError): { field: string; en: string; zh: string } {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "request";
  return { field, en: `${field}: ${issue?.message ?? "invalid"}`, zh: `${field} 格式不正确` };
}

/**
 * One error handler and one not-found handler for the whole app: every failure answers JSON
 * `{error: {code, message, messageZh}}` (an HTML page on page routes) with the right 4xx; 503 when
 * the store cannot serve (`store_unavailable`) or a lock is held too long (`busy`); 500 only for
 * real server faults, logged by path (no query, no headers: they can carry codes, tokens and keys).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    // A person's browser opening a page we do not have (a mistyped target page) gets a page in
    // words, as every other page does; tools, the admin API and scripts keep the JSON.
    if (isBrowserNavigation(request)) return sendPage(reply, 404, notFoundPage());
    return sendError(
      reply,
      404,
      "not_found",
      `No route ${request.method} ${pathOf(request.url)}`,
      `没有这个地址：${request.method} ${pathOf(request.url)}`,
    );
  });

  app.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HttpError) {
      return sendError(reply, error.statusCode, error.code, error.message, error.messageZh);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const { field, en, zh } = describeValidation(fastifyError);
      return sendError(reply, 400, "bad_request", en, zh, { field });
    }
    if (error instanceof ZodError) {
      const { field, en, zh } = describeZod(error);
      return sendError(reply, 400, "bad_request", en, zh, { field });
    }
    if (error instanceof StoreInputError) {
      return sendError(reply, 400, "bad_request", error.message, "请求参数有误", { field: error.code });
    }
    if (error instanceof StoreUnavailableError) {
      // The reason is a code or a few words (store-errors.ts): no data, no keys, no addresses.
      request.log.warn(
        { backend: error.backend, reason: error.reason, path: pathOf(request.url) },
        "store unavailable",
      );
      reply.header("retry-after", String(STORE_RETRY_AFTER_S));
      return sendError(
        reply,
        503,
        "store_unavailable",
        "The server cannot reach its data store right now; try again in a few seconds",
        "服务器暂时无法读写数据，请几秒后重试",
      );
    }
    if (error instanceof LockTimeoutError) {
      request.log.warn({ lock: error.lockName }, "lock wait timed out");
      return sendError(reply, 503, "busy", "The server is busy, try again shortly", "服务器繁忙，请稍后再试");
    }
    if (error instanceof GlobalTokenRefusedError) {
      request.log.warn(
        {
          errcode: error.errcode,
          endpoint: error.endpoint,
          rid: error.rid,
          retryAfterSeconds: error.retryAfterSeconds,
        },
        "WeChat refused the renewed global token",
      );
      const explanation = error.explain();
      reply.header("retry-after", String(error.retryAfterSeconds));
      return sendError(
        reply,
        502,
        "wechat_error",
        `${explanation.titleEn}. ${error.wordsEn}`,
        `${explanation.titleZh}。${error.wordsZh}`,
        {
          errcode: error.errcode,
          explanation,
          tokenRenewed: true,
          retryAfterSeconds: error.retryAfterSeconds,
        },
      );
    }
    if (error instanceof WeChatApiError) {
      request.log.warn(
        { errcode: error.errcode, endpoint: error.endpoint, rid: error.rid },
        "WeChat call failed",
      );
      const explanation = error.explain();
      return sendError(reply, 502, "wechat_error", explanation.titleEn, explanation.titleZh, {
        errcode: error.errcode,
        explanation,
      });
    }
    const status = fastifyError.statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      // Framework messages (bad JSON, too large, wrong media type) hold no secrets; keep them for tools.
      return sendStatus(reply, status, fastifyError.message);
    }
    request.log.error(
      { err: { name: error.name, message: error.message, stack: error.stack }, path: pathOf(request.url) },
      "request failed",
    );
    return sendError(reply, 500, "internal", "Internal server error", "服务器内部错误");
  });
}
