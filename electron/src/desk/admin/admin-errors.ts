import type { ErrorExplanation, MenuProblem } from "@wxdesk/wechat";
import type { DeskError, ReplyProblem } from "../../desk-api.js";
import { DeskApiError } from "../desk-api-error.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Seconds to wait from a `Retry-After` header (seconds or an HTTP date), else from the body's
 * `retryAfterSeconds`; undefined when neither says.
 */
function waitSeconds(retryAfter: string | null | undefined, error: Obj | undefined): number | undefined {
  const header = retryAfter?.trim() ?? "";
  if (/^\d+$/.test(header)) return Number(header);
  const date = header ? Date.parse(header) : Number.NaN;
  if (Number.isFinite(date)) return Math.max(0, Math.round((date - Date.now()) / 1000));
  const fromBody = error?.retryAfterSeconds;
  return typeof fromBody === "number" && Number.isFinite(fromBody) && fromBody >= 0 ? fromBody : undefined;
}

/**
 * 429 in words. From wxdesk (`too_many_attempts`): too many wrong keys were sent from this
 * address, so for a while the server refuses every key from it, even the right one — say so and
 * for how long (whole minutes, rounded up). Any other 429 (a proxy's rate limit): busy, wait.
 */
export function tooManyRequests(wrongKeys: boolean, seconds: number | undefined): DeskApiError {
  const minutes = seconds === undefined ? undefined : Math.max(1, Math.ceil(seconds / 60));
  const details = seconds === undefined ? undefined : { retryAfterSeconds: seconds };
  if (wrongKeys) {
    return new DeskApiError(
      "too_many_attempts",
      minutes === undefined
        ? "Too many wrong keys were tried from this computer. Try again in a few minutes."
        : `Too many wrong keys were tried from this computer. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      minutes === undefined
        ? "密钥错误次数太多，请几分钟后再试"
        : `密钥错误次数太多，请 ${minutes} 分钟后再试`,
      details,
    );
  }
  return new DeskApiError(
    "too_many_requests",
    minutes === undefined
      ? "The server is refusing requests for a moment (too many). Try again in a few minutes."
      : `The server is refusing requests for a moment (too many). Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    minutes === undefined
      ? "服务器暂时不接受请求（请求太多），请几分钟后再试"
      : `服务器暂时不接受请求（请求太多），请 ${minutes} 分钟后再试`,
    details,
  );
}

/**
 * The server's `{error: {code, message, messageZh, …extra}}` (docs/admin-api.md "Errors") → DeskApiError.
 * `retryAfter` is the answer's `Retry-After` header (used for 429).
 */
export function serverError(
  status: number,
  body: unknown,
  where: string,
  retryAfter?: string | null,
): DeskApiError {
  const error = isObj(body) && isObj(body.error) ? body.error : undefined;
  if (status === 429)
    return tooManyRequests(error?.code === "too_many_attempts", waitSeconds(retryAfter, error));
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    const details: NonNullable<DeskError["details"]> = {};
    if (Array.isArray(error.problems)) {
      if (error.code === "replies_invalid") details.replyProblems = error.problems as ReplyProblem[];
      else details.problems = error.problems as MenuProblem[];
    }
    if (isObj(error.explanation)) details.explanation = error.explanation as unknown as ErrorExplanation;
    if (typeof error.errcode === "number") details.errcode = error.errcode;
    if (typeof error.field === "string") details.field = error.field;
    return new DeskApiError(
      error.code,
      error.message,
      typeof error.messageZh === "string" ? error.messageZh : error.message,
      Object.keys(details).length > 0 ? details : undefined,
    );
  }
  if (status === 404) {
    return new DeskApiError(
      "not_wxdesk",
      `This address does not answer like a wxdesk callback server (HTTP 404 at ${where}). Check the server address.`,
      `这个地址不像是 wxdesk 回调服务器（${where} 返回 HTTP 404）。请检查服务器地址。`,
    );
  }
  if (status >= 500) {
    return new DeskApiError(
      "server_error",
      `The server had a problem (HTTP ${status}). Try again later; if it persists, check the server's log.`,
      `服务器出错了（HTTP ${status}）。请稍后重试；如果一直出现，请查看服务器日志。`,
    );
  }
  return new DeskApiError(
    "unexpected_response",
    `The server answered HTTP ${status} in a way the app does not understand (${where}).`,
    `服务器返回了 HTTP ${status}，应用无法理解这个回答（${where}）。`,
  );
}

/** A 2xx answer that is not the JSON the contract promises. */
export function badResponse(where: string): DeskApiError {
  return new DeskApiError(
    "unexpected_response",
    `The server's answer to ${where} is not what the app expects. The server and the app may be different versions.`,
    `服务器对 ${where} 的回答与应用预期不符，可能是服务器与应用版本不一致。`,
  );
}

export function redirected(origin: string, location: string | null): DeskApiError {
  let target = "";
  try {
    target = location ? new URL(location, origin).origin : "";
  } catch {
    target = "";
  }
  return new DeskApiError(
    "redirected",
    `The server at ${origin} redirects the admin API${target ? ` to ${target}` : ""}. Use the final address in the profile (keys are never sent on to another address).`,
    `${origin} 上的服务器把管理接口重定向${target ? `到 ${target}` : "到了别处"}。请在连接配置里填写最终地址（密钥不会被发送到其他地址）。`,
  );
}

export function timedOut(origin: string, ms: number): DeskApiError {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return new DeskApiError(
    "timeout",
    `The server at ${origin} did not answer within ${seconds} s. It may be overloaded or unreachable; try again.`,
    `${origin} 的服务器在 ${seconds} 秒内没有回答，可能繁忙或无法访问，请重试。`,
  );
}

const NETWORK_WORDS: Array<{ match: RegExp; en: string; zh: string }> = [
  {
    match: /ECONNREFUSED/,
    en: "the connection was refused (wrong address or port, or the server is not running)",
    zh: "连接被拒绝（地址或端口不对，或服务器没有运行）",
  },
  {
    match: /ENOTFOUND|EAI_AGAIN|EAI_NONAME/,
    en: "this host name could not be found (check the address and your network)",
    zh: "找不到这个域名（请检查地址和网络）",
  },
  {
    match: /ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed/,
    en: "the connection was cut off",
    zh: "连接被中断",
  },
  {
    match: /ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT/,
    en: "the server cannot be reached from this computer",
    zh: "从这台电脑无法访问该服务器",
  },
  {
    // fetch (like every browser) refuses some ports outright: 1, 22, 25, 6000, …
    match: /bad port/,
    en: "web requests may not use this port (browsers block it too); use another port",
    zh: "这个端口不允许用于网页请求（浏览器也会拦截），请换一个端口",
  },
  {
    match: /CERT|SELF_SIGNED|TLS|SSL/,
    en: "the server's HTTPS certificate is not valid for this address",
    zh: "服务器的 HTTPS 证书对这个地址无效",
  },
];

/** A fetch that failed before any answer (TypeError "fetch failed" with a `cause` code). */
export function networkError(origin: string, error: unknown): DeskApiError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const text = `${String(cause?.code ?? "")} ${String(cause?.message ?? "")} ${String((error as Error)?.message ?? "")}`;
  const words = NETWORK_WORDS.find((w) => w.match.test(text)) ?? {
    en: "the network request failed",
    zh: "网络请求失败",
  };
  return new DeskApiError(
    "network",
    `Could not reach the server at ${origin}: ${words.en}.`,
    `无法连接 ${origin} 的服务器：${words.zh}。`,
  );
}
