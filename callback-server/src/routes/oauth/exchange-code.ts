import { type SnsToken, type SnsUserInfo, WeChatApiError, type WeChatClient } from "@wxdesk/wechat";

/** §2: the code was already exchanged. */
const CODE_BEEN_USED = 40163;
/** Attempts of the exchange while the request provably never left this machine. */
const EXCHANGE_ATTEMPTS = 3;
/**
 * sns/userinfo attempts (the interactive client makes exactly one request per attempt). The access
 * token lives 2 hours: repeating is harmless, while a restart costs the person a round trip
 * through WeChat (and the consent sheet again for snsapi_userinfo).
 */
const USERINFO_ATTEMPTS = 6;
/**
 * No new userinfo attempt starts after this long. With the 2 s call timeout of the interactive
 * client that is three attempts when calls hang (at 0, 2 and 4 s), six when they fail fast; past
 * it, a restart is the quicker way out.
 */
const USERINFO_BUDGET_MS = 4500;
/** Backoff cap: the person is looking at a blank page while we wait. */
const MAX_BACKOFF_MS = 400;

export type ExchangeOutcome =
  | { ok: true; token: SnsToken }
  /**
   * The code may be consumed (or is): it is never sent again; a fresh authorization (a fresh
   * code) is the way out — automatic while the restart bounds allow, else the retry page.
   */
  | { ok: false; freshStart: true; error: WeChatApiError }
  /** WeChat refused the code or the request (invalid code, bad config): explained, not retried. */
  | { ok: false; freshStart: false; error: WeChatApiError };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function backoffMs(attempt: number, baseMs: number): number {
  const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  return exp / 2 + (Math.random() * exp) / 2;
}

/**
 * A failed exchange is final (DESIGN.md "Failure rules"): once the request may have reached
 * WeChat the code may be spent, whatever came back — a timeout, a reset, an HTTP 5xx, or -1
 * "system busy" (nothing in WeChat's documentation says -1 leaves the code usable). Only a request
 * that provably never left this machine (`maybeDelivered: false`: refused connection, DNS) is
 * sent again.
 */
export function safeToResend(error: WeChatApiError): boolean {
  return error.errorClass === "retryable" && !error.maybeDelivered;
}

/** §2 code → token, at most once as far as WeChat can tell (the code is single use). */
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
      if (safeToResend(error) && attempt + 1 < EXCHANGE_ATTEMPTS) {
        await sleep(backoffMs(attempt, options.baseDelayMs ?? 50));
        continue;
      }
      const freshStart = error.errorClass === "retryable" || error.errcode === CODE_BEEN_USED;
      return { ok: false, freshStart, error };
    }
  }
}

/**
 * §4 sns/userinfo in zh_CN; idempotent, so retryable failures are simply tried again — up to
 * USERINFO_ATTEMPTS times, none started after USERINFO_BUDGET_MS. Throws the last error.
 */
export async function fetchUserInfo(
  wechat: WeChatClient,
  p: { accessToken: string; openid: string },
  options: { baseDelayMs?: number } = {},
): Promise<SnsUserInfo> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await wechat.getUserInfo({ ...p, lang: "zh_CN" });
    } catch (error) {
      const retry =
        error instanceof WeChatApiError &&
        error.errorClass === "retryable" &&
        attempt + 1 < USERINFO_ATTEMPTS &&
        Date.now() - started < USERINFO_BUDGET_MS;
      if (!retry) throw error;
      await sleep(backoffMs(attempt, options.baseDelayMs ?? 100));
    }
  }
}
