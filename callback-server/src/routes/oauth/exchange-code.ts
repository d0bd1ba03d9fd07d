import { type SnsToken, type SnsUserInfo, WeChatApiError, type WeChatClient } from "@wxdesk/wechat";

/** §10 -1 "system busy": WeChat answered that it did not do the work. */
const SYSTEM_BUSY = -1;
/** §2: the code was already exchanged. */
const CODE_BEEN_USED = 40163;
/** Attempts of the exchange while WeChat provably has not consumed the code. */
const EXCHANGE_ATTEMPTS = 5;
/** Attempts at our level around getUserInfo (the client retries idempotent calls inside each). */
const USERINFO_ATTEMPTS = 2;

export type ExchangeOutcome =
  | { ok: true; token: SnsToken }
  /** The code may be consumed (or is): never re-send it, start a fresh authorization. */
  | { ok: false; freshStart: true; error: WeChatApiError }
  | { ok: false; freshStart: false; error: WeChatApiError };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function backoffMs(attempt: number, baseMs: number): number {
  const exp = baseMs * 2 ** attempt;
  return exp / 2 + (Math.random() * exp) / 2;
}

/**
 * Sending the same code again is safe only when WeChat provably did not use it:
 * - the request never left this machine (`maybeDelivered: false`: refused connection, DNS), or
 * - WeChat answered -1 "system busy". Decision (documented in the README): a -1 answer means
 *   WeChat did not process the exchange, so the code survives. The sandbox behaves so (its
 *   fault hook answers before the code is looked at); if real WeChat ever consumed a code and
 *   still said -1, the resend gets 40163 and the user is offered a fresh start — never a
 *   silent second login.
 * A timeout or reset after sending, or an HTTP 5xx from a proxy, may have used the code: no resend.
 */
export function safeToResend(error: WeChatApiError): boolean {
  if (error.errorClass !== "retryable") return false;
  return !error.maybeDelivered || error.errcode === SYSTEM_BUSY;
}

/** §2 code → token, never retried blindly (the code is single use). */
export async function exchangeCodeSafely(
  wechat: WeChatClient,
  p: { appid: string; secret: string; code: string },
  options: { baseDelayMs?: number } = {},
): Promise<ExchangeOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, token: await wechat.exchangeCode(p) };
    } catch (error) {
      if (!(error instanceof WeChatApiError)) throw error;
      if (error.errcode === CODE_BEEN_USED) return { ok: false, freshStart: true, error };
      if (safeToResend(error)) {
        if (attempt + 1 < EXCHANGE_ATTEMPTS) {
          await sleep(backoffMs(attempt, options.baseDelayMs ?? 50));
          continue;
        }
        return { ok: false, freshStart: false, error };
      }
      // Retryable but maybe delivered: the code may be gone at WeChat already.
      if (error.errorClass === "retryable") return { ok: false, freshStart: true, error };
      return { ok: false, freshStart: false, error };
    }
  }
}

/** §4 sns/userinfo in zh_CN; idempotent, so retryable failures are simply tried again. */
export async function fetchUserInfo(
  wechat: WeChatClient,
  p: { accessToken: string; openid: string },
  options: { baseDelayMs?: number } = {},
): Promise<SnsUserInfo> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await wechat.getUserInfo({ ...p, lang: "zh_CN" });
    } catch (error) {
      const retry =
        error instanceof WeChatApiError &&
        error.errorClass === "retryable" &&
        attempt + 1 < USERINFO_ATTEMPTS;
      if (!retry) throw error;
      await sleep(backoffMs(attempt, options.baseDelayMs ?? 100));
    }
  }
}
