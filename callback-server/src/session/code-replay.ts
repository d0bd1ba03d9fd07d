import { hash } from "node:crypto";
import type { OAuthScope } from "@wxdesk/wechat";
import type { KeyWrite, Store } from "../store/store-types.js";
import type { Session } from "./session-cookie.js";

/**
 * §1.3: a code is single use. A refresh of the callback page (or WeChat's own duplicate
 * redirect) brings the same code again; WeChat would answer 40163, so the first exchange's
 * outcome is kept here for the code's 5-minute life and replayed to the same browser.
 * The key is a hash: a code is a credential for 5 minutes and never sits in the store in clear.
 */
export const CODE_REPLAY_TTL_MS = 5 * 60_000;
/** A claim by an exchange in flight; outlives the slowest exchange (timeouts + retries). */
const PENDING_TTL_MS = 30_000;

/** What a replay needs: who may replay it, and what to hand back. Never tokens. */
export interface CodeResult {
  /** Binding hash of the browser that started the flow. */
  browser: string;
  session: Session;
  scope: OAuthScope;
  next: string;
  /** Where the first response redirected. */
  location: string;
}

/**
 * A code whose exchange was tried and failed. It is never exchanged again (DESIGN.md: a failed
 * exchange is not re-sent, the code may be spent); a second hit is answered from this.
 */
export interface CodeFailure {
  /**
   * When the server restarted the authorization itself: the binding hash of the browser it
   * answered, and the authorize URL it sent that browser to.
   */
  restart?: { browser: string; location: string };
}

type Entry = { pending: string } | { done: CodeResult } | { failed: CodeFailure };

/**
 * 132 bits of sha256, base64url (22 characters): plenty to tell apart the codes of five minutes,
 * and a short key matters — the key sits in the table and again in its expiry index, and at a
 * busy server's rate the 64-character hex key made nearly half of the pages a callback wrote.
 */
export function codeKey(code: string): string {
  return `oauth:code:${hash("sha256", code, "base64url").slice(0, 22)}`;
}

function parse(text: string | undefined): Entry | undefined {
  if (text === undefined) return undefined;
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (typeof o.pending === "string") return { pending: o.pending };
    if (o.done !== null && typeof o.done === "object") return { done: o.done as CodeResult };
    if (o.failed !== null && typeof o.failed === "object") return { failed: o.failed as CodeFailure };
  } catch {
    // fall through: unreadable entries count as absent
  }
  return undefined;
}

export type CodeClaim =
  | { claimed: true; owner: string }
  | { claimed: false; result?: CodeResult; failure?: CodeFailure };

/**
 * Either claims the code for this request (it will exchange it) or returns the first exchange's
 * result or failure, waiting while another request (perhaps another instance) is exchanging it.
 * Both are absent when waiting timed out.
 */
export async function claimCode(
  store: Store,
  code: string,
  owner: string,
  options: { waitMs?: number; pollMs?: number } = {},
): Promise<CodeClaim> {
  const key = codeKey(code);
  const waitMs = options.waitMs ?? 15_000;
  const pollMs = options.pollMs ?? 100;
  const deadline = Date.now() + waitMs;
  for (;;) {
    // A claim that vanished while we waited means the first exchange failed and released it;
    // claiming is still right: this request then meets the consumed state and is refused.
    if (await store.putIfAbsent(key, JSON.stringify({ pending: owner }), PENDING_TTL_MS)) {
      return { claimed: true, owner };
    }
    const entry = parse(await store.get(key));
    if (entry && "done" in entry) return { claimed: false, result: entry.done };
    if (entry && "failed" in entry) return { claimed: false, failure: entry.failed };
    if (Date.now() >= deadline) return { claimed: false };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export async function finishCode(store: Store, code: string, result: CodeResult): Promise<void> {
  const { key, value, ttlMs } = codeResultWrite(code, result);
  await store.set(key, value, ttlMs);
}

/** `finishCode` as a write to make together with others (`Store.saveAuthorization`). */
export function codeResultWrite(code: string, result: CodeResult): KeyWrite {
  return { key: codeKey(code), value: JSON.stringify({ done: result }), ttlMs: CODE_REPLAY_TTL_MS };
}

/** The exchange was sent and failed: the code is remembered as spent for its 5-minute life. */
export async function failCode(store: Store, code: string, failure: CodeFailure): Promise<void> {
  await store.set(codeKey(code), JSON.stringify({ failed: failure }), CODE_REPLAY_TTL_MS);
}

/** Drops our claim (the request was refused before any exchange) so nothing stale is replayed. */
export async function releaseCode(store: Store, code: string, owner: string): Promise<void> {
  await store.compareAndDelete(codeKey(code), JSON.stringify({ pending: owner }));
}
