import { isAxiosError } from "axios";
import { ERR_BAD_RESPONSE, ERR_NETWORK, ERR_TIMEOUT, WeChatApiError } from "../errors/index.js";

export interface FailedCall {
  endpoint: string;
  timeoutMs: number;
  /** Our own wall-clock timer fired. */
  timedOut: boolean;
  /** The whole request was handed to the socket ('finish'), so WeChat may have acted on it. */
  requestWritten: boolean;
}

function errorCode(error: unknown): string | undefined {
  if (isAxiosError(error)) return error.code ?? undefined;
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code;
  return undefined;
}

/**
 * Turns an axios/socket failure (no WeChat answer) into WeChatApiError. `maybeDelivered` is true
 * only when the full request left this machine: a refused connection or DNS failure is safe to
 * repeat, a timeout or reset after sending may have already used a single-use code (§1.3).
 * The axios error is not attached as `cause`: its config holds the URL with secret/token.
 */
export function transportError(error: unknown, call: FailedCall): WeChatApiError {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (call.timedOut || code === "ETIMEDOUT" || code === "ECONNABORTED") {
    return new WeChatApiError({
      errcode: ERR_TIMEOUT,
      errmsg: `no answer within ${call.timeoutMs}ms`,
      endpoint: call.endpoint,
      maybeDelivered: call.requestWritten,
    });
  }
  if (code === "ERR_BAD_RESPONSE") {
    // axios uses this code for an oversized body (maxContentLength): WeChat did answer.
    return new WeChatApiError({ errcode: ERR_BAD_RESPONSE, errmsg: message, endpoint: call.endpoint });
  }
  return new WeChatApiError({
    errcode: ERR_NETWORK,
    errmsg: code && !message.includes(code) ? `${code}: ${message}` : message,
    endpoint: call.endpoint,
    maybeDelivered: call.requestWritten,
  });
}
