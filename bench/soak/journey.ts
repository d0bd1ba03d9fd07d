import { Browser } from "../../callback-server/src/routes/oauth/testing/oauth-test-harness.js";
import {
  answerCause,
  type Cause,
  COMPLETED,
  CONNECTION_ERROR,
  primaryActionHref,
  STORE_UNAVAILABLE,
} from "./page-cause.js";
import type { Site } from "./site.js";

/** A sandbox user made for one journey, so each completed journey leaves exactly one user behind. */
export interface SoakUser {
  openid: string;
  nickname: string;
}

export interface JourneyEnd {
  cause: Cause;
  /** From `GET /oauth/start` to the final answer (the wait for a live instance excluded). */
  ms: number;
  user: SoakUser;
  /** The path of the request whose answer ended it (`/oauth/callback`), where to look in the server. */
  at: string;
  /** The landing page's own `GET /jssdk/config` status (completed journeys only; 0 = no answer). */
  jssdkStatus?: number;
  /** How often the visitor tapped 重试 on the "service temporarily unavailable" page. */
  storeRetries: number;
}

/** WeChat's consent page as the user's phone shows it; the journey taps 允许 through the control API. */
const AUTHORIZE_PATH = "/connect/oauth2/authorize";
/**
 * A server that restarts the authorization after a failed exchange sends the user back to WeChat
 * up to 3 times (callback-server/src/routes/oauth/README.md): the first consent and 3 more.
 */
const MAX_CONSENTS = 4;
const MAX_HOPS = 12;
/**
 * The store-down page (503) asks the visitor to wait a few seconds and tap 重试; a person does that
 * a few times before giving up. The journey does the same, so the figure says how many visitors an
 * outage turned away for good, not how fast a client can collect 503 pages.
 */
const MAX_STORE_RETRIES = 3;
const STORE_RETRY_WAIT_MS = 1_000;

/**
 * One visitor, as a phone's browser behaves: a fresh cookie jar, `GET /oauth/start`, every
 * redirect followed by hand, WeChat's consent given as `user` (the sandbox control API stands in
 * for the tap), the callback, the page it lands on — and, on the landing page, the page's own
 * JS-SDK config request. Never throws: every end is a cause.
 */
export async function runJourney(p: {
  site: Site;
  sandboxUrl: string;
  user: SoakUser;
  /** Each HTTP request's limit; a request without an answer by then ends as a connection error. */
  requestTimeoutMs: number;
}): Promise<JourneyEnd> {
  await p.site.whenUp();
  const browser = new Browser();
  const sandboxOrigin = new URL(p.sandboxUrl).origin;
  let url = p.site.url("/oauth/start?scope=snsapi_userinfo");
  const started = performance.now();
  let storeRetries = 0;
  const end = (cause: Cause): JourneyEnd => ({
    cause,
    ms: performance.now() - started,
    user: p.user,
    at: url.pathname,
    storeRetries,
  });
  const get = (url: URL) =>
    browser.fetch(p.site.route(url), { signal: AbortSignal.timeout(p.requestTimeoutMs) });

  let consents = 0;
  try {
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (url.origin === sandboxOrigin && url.pathname === AUTHORIZE_PATH) {
        if (++consents > MAX_CONSENTS) return end("too_many_consents");
        const page = await get(url);
        await page.text();
        if (page.status !== 200) return end(`authorize_page_http_${page.status}`);
        const consent = await consentAs(p.sandboxUrl, url, p.user.openid, p.requestTimeoutMs);
        if (!consent.ok) return end(`consent_refused_${consent.code}`);
        url = new URL(consent.location);
        continue;
      }
      if (url.origin !== p.site.origin) return end("left_site");
      const answer = await get(url);
      const location = answer.headers.get("location");
      if (answer.status >= 300 && answer.status < 400 && location) {
        await answer.text();
        url = new URL(location, url);
        continue;
      }
      const body = await answer.text();
      const cause = answerCause(answer.status, body, p.user.nickname);
      const retryHref = cause === STORE_UNAVAILABLE ? primaryActionHref(body) : undefined;
      if (retryHref !== undefined && storeRetries < MAX_STORE_RETRIES) {
        storeRetries++;
        hop--; // a tap on 重试 is the visitor's, not a redirect
        await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_WAIT_MS));
        url = new URL(retryHref, url);
        continue;
      }
      if (cause !== COMPLETED) return end(cause);
      // Timed to the landing page; its script's request is counted apart.
      return { ...end(cause), jssdkStatus: await landingJssdk(get, p.site, url) };
    }
    return end("too_many_redirects");
  } catch {
    return end(CONNECTION_ERROR);
  }
}

/** What the landing page's script asks for (pages/landing-page.ts): a `wx.config` for its own URL. */
async function landingJssdk(get: (url: URL) => Promise<Response>, site: Site, landing: URL): Promise<number> {
  try {
    const answer = await get(site.url(`/jssdk/config?url=${encodeURIComponent(landing.href)}`));
    await answer.text();
    return answer.status;
  } catch {
    return 0;
  }
}

/** The authorize URL's own parameters, consented to as `openid`: the redirect WeChat would send. */
async function consentAs(
  sandboxUrl: string,
  authorize: URL,
  openid: string,
  timeoutMs: number,
): Promise<{ ok: true; location: string } | { ok: false; code: string }> {
  const q = authorize.searchParams;
  const response = await fetch(`${sandboxUrl}/_sandbox/consent`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      appid: q.get("appid"),
      redirect_uri: q.get("redirect_uri"),
      scope: q.get("scope"),
      state: q.get("state"),
      openid,
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { location?: string; error?: { code?: string } };
  if (response.ok && body.location) return { ok: true, location: body.location };
  return { ok: false, code: body.error?.code ?? String(response.status) };
}
