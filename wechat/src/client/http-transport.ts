import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from "axios";
import type { z } from "zod";
import { ERR_BAD_RESPONSE, WeChatApiError } from "../errors/index.js";
import { type FailedCall, transportError } from "./transport-error.js";
import { type RequestSentHook, undiciAdapter } from "./undici-adapter.js";
import type { WeChatDispatcher } from "./wechat-dispatcher.js";

export interface WeChatRequest<T> {
  method: "GET" | "POST";
  /** API path, e.g. `/sns/oauth2/access_token`; also what errors report as `endpoint`. */
  path: string;
  /** In the order WeChat documents (§2, §3, §6.1); serialized exactly in this order. */
  query: ReadonlyArray<readonly [string, string]>;
  body?: unknown;
  schema: z.ZodType<T>;
}

export interface HttpTransport {
  send<T>(request: WeChatRequest<T>): Promise<T>;
}

export interface HttpTransportOptions {
  apiBase: string;
  timeoutMs: number;
  dispatcher: WeChatDispatcher;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const KEPT_DEFAULTS = new Set(["adapter", "maxContentLength", "headers"]);

function queryString(query: WeChatRequest<unknown>["query"]): string {
  if (query.length === 0) return "";
  return `?${query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`;
}

function badResponse(
  endpoint: string,
  errmsg: string,
  httpStatus: number,
  retryable = false,
): WeChatApiError {
  return new WeChatApiError({
    errcode: ERR_BAD_RESPONSE,
    errmsg,
    endpoint,
    httpStatus,
    ...(retryable ? { errorClass: "retryable" as const } : {}),
  });
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || "(empty body)";
}

function zodSummary(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(body)"}: ${issue.message}`)
    .join("; ");
}

/**
 * §10 order of checks: transport failure → HTTP 5xx / non-JSON → non-zero errcode → schema.
 * Business errors come back as HTTP 200 + errcode, so the status is not trusted for success, and
 * the body is parsed as JSON whatever the Content-Type says (§2: some endpoints answer text/plain).
 */
function readAnswer<T>(request: WeChatRequest<T>, response: AxiosResponse<unknown>): T {
  const endpoint = request.path;
  const status = response.status;
  const text = typeof response.data === "string" ? response.data : "";
  if (status >= 500) throw badResponse(endpoint, `HTTP ${status}: ${preview(text)}`, status, true);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badResponse(endpoint, `response is not JSON (HTTP ${status}): ${preview(text)}`, status);
  }
  if (typeof body === "object" && body !== null && "errcode" in body) {
    const errcode = Number(body.errcode);
    if (Number.isInteger(errcode) && errcode !== 0) {
      const errmsg = "errmsg" in body && typeof body.errmsg === "string" ? body.errmsg : "";
      throw new WeChatApiError({ errcode, errmsg, endpoint, httpStatus: status });
    }
  }
  if (status < 200 || status >= 300) throw badResponse(endpoint, `HTTP ${status}: ${preview(text)}`, status);
  const parsed = request.schema.safeParse(body);
  if (!parsed.success) {
    throw badResponse(
      endpoint,
      `response does not have the expected shape: ${zodSummary(parsed.error)}`,
      status,
    );
  }
  return parsed.data;
}

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const apiBase = options.apiBase.replace(/\/+$/, "");
  const instance: AxiosInstance = axios.create({
    maxContentLength: MAX_BODY_BYTES,
    // undici's pool (and the proxy, when configured) under axios' API.
    adapter: undiciAdapter(options.dispatcher),
  });
  // Only what the undici adapter reads stays in the defaults: axios copies every default into
  // every request twice (mergeConfig, then a flattening that guards against prototype pollution),
  // which was most of axios' share of a call's CPU. Without transforms axios passes the body
  // through untouched (we do our own JSON: raw UTF-8 out, Content-Type ignored in); without
  // validateStatus every status resolves and readAnswer judges it; the adapter answers text and
  // never follows a redirect. The headers are only the one we send: axios would otherwise merge
  // its per-method default header sets (common, get, post, …) into every request.
  const defaults = instance.defaults as unknown as Record<string, unknown>;
  for (const key of Object.keys(defaults)) if (!KEPT_DEFAULTS.has(key)) delete defaults[key];
  defaults.headers = { Accept: "application/json" };

  return {
    async send<T>(request: WeChatRequest<T>): Promise<T> {
      const progress = { requestWritten: false };
      const controller = new AbortController();
      let timedOut = false;
      // A wall-clock timer covering connect + answer; axios' own `timeout` is socket-idle based.
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
      let response: AxiosResponse<unknown>;
      const config: AxiosRequestConfig & RequestSentHook = {
        method: request.method,
        url: `${apiBase}${request.path}${queryString(request.query)}`,
        // JSON.stringify leaves CJK as raw UTF-8; WeChat rejects \uXXXX escapes in some APIs (§0, 40033).
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        ...(request.body === undefined
          ? {}
          : { headers: { "Content-Type": "application/json; charset=utf-8" } }),
        signal: controller.signal,
        onRequestSent: () => {
          progress.requestWritten = true;
        },
      };
      try {
        response = await instance.request<unknown>(config);
      } catch (error) {
        const call: FailedCall = {
          endpoint: request.path,
          timeoutMs: options.timeoutMs,
          timedOut,
          requestWritten: progress.requestWritten,
        };
        throw transportError(error, call);
      } finally {
        clearTimeout(timer);
      }
      return readAnswer(request, response);
    },
  };
}
