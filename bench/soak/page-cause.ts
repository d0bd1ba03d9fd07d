import { escapeHtml } from "@wxdesk/wechat/html";
import {
  deniedPage,
  networkRetryPage,
  type RefusalReason,
  refusedPage,
  serverErrorPage,
  snapshotPage,
} from "../../callback-server/src/pages/oauth-pages.js";

/** How a journey ended: `completed`, or why not (an error page's cause, a status, a broken connection). */
export type Cause = string;

export const COMPLETED: Cause = "completed";
/** Any HTTP 500 answer, whatever its body: must never happen. */
export const HTTP_500: Cause = "http_500";
/** No HTTP answer at all: refused, reset, or nothing within the journey's time limit. */
export const CONNECTION_ERROR: Cause = "connection_error";
/** The store (Redis) is down: a 503 page with a retry button, by design (docs/reliability.md). */
export const STORE_UNAVAILABLE: Cause = "store_unavailable";
/** The landing page greeted someone else: a session mix-up, worse than any error page. */
export const WRONG_USER: Cause = "wrong_user";

/** Every refusal the server can explain; a Record so a new reason fails the typecheck until listed. */
const REFUSALS: Record<RefusalReason, true> = {
  state_missing: true,
  state_unknown: true,
  state_used: true,
  other_browser: true,
  next_not_allowed: true,
  bad_scope: true,
  bad_link: true,
};

function titleOf(html: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
}

/**
 * The server's notice pages by their `<title>`, built with the server's own page functions so a
 * reworded page is still recognised. WeChat-error pages are told apart by their errcode instead
 * (their title is the error's explanation).
 */
const CAUSE_BY_TITLE = new Map<string, Cause>([
  [titleOf(networkRetryPage("/").html) ?? "", "network_retry"],
  [titleOf(serverErrorPage("/").html) ?? "", "server_error"],
  [titleOf(deniedPage("/").html) ?? "", "denied"],
  [titleOf(snapshotPage("/").html) ?? "", "snapshot"],
  ...Object.keys(REFUSALS).map((reason): [string, Cause] => [
    titleOf(refusedPage(reason as RefusalReason).html) ?? "",
    reason,
  ]),
]);

/**
 * The cause of a final (non-redirect) answer. `nickname` is who the journey consented as: only
 * the landing page greeting exactly that user counts as completed.
 */
export function answerCause(status: number, body: string, nickname: string): Cause {
  if (status === 500) return HTTP_500;
  if (body.includes('data-page="landing" data-signed-in="yes"')) {
    if (status !== 200) return `landing_http_${status}`;
    return body.includes(`<h1 id="greeting">你好，${escapeHtml(nickname)}</h1>`) ? COMPLETED : WRONG_USER;
  }
  if (body.includes('data-page="landing" data-signed-in="no"')) return "signed_out";
  if (body.includes('data-page="notice"')) {
    const known = CAUSE_BY_TITLE.get(titleOf(body) ?? "");
    if (status === 503 && (known === "server_error" || known === undefined)) return STORE_UNAVAILABLE;
    if (known) return known;
    // The code is in the page's 「详情」 disclosure (zh-CN, the language the soak's requests get).
    const errcode = /<p>错误码 (-?\d+)<\/p>/.exec(body)?.[1];
    return errcode === undefined ? `page:${titleOf(body) ?? "?"}` : `wechat_error_${errcode}`;
  }
  // A JSON error (an API route, or a page route that answered like one) names its code.
  const code = /"code":"([a-z_]+)"/.exec(body)?.[1];
  return code === undefined ? `http_${status}` : `http_${status}_${code}`;
}

/** Where a notice page's primary button leads (its `重试` / `重新进入`), as the browser would resolve it. */
export function primaryActionHref(body: string): string | undefined {
  const href = /<a class="btn primary" href="([^"]*)"/.exec(body)?.[1];
  return href === undefined
    ? undefined
    : href.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? "");
}

/** The five characters escapeHtml replaces, back again. */
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
