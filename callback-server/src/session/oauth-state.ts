import "@fastify/cookie";
import { timingSafeEqual } from "node:crypto";
import type { OAuthScope } from "@wxdesk/wechat";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Store } from "../store/store-types.js";
import { randomAlphanumeric, randomToken, sha256Hex } from "./random-text.js";

/** Holds the browser-binding value whose hash is in every state record this browser started. */
export const OAUTH_COOKIE = "wxdesk_oauth";
/** State nonces live 10 minutes: long enough for a slow consent, short enough to be useless later. */
export const STATE_TTL_MS = 10 * 60_000;
/** §1.1: state is [A-Za-z0-9], ≤ 128 bytes; 32 characters ≈ 190 random bits. */
export const STATE_LENGTH = 32;

const STATE_PREFIX = "oauth:state:";
/** Remembers taken nonces so a replay is told "already used" rather than "unknown". */
const USED_PREFIX = "oauth:state-used:";
const BINDING = /^[A-Za-z0-9_-]{43}$/;
const NONCE = /^[A-Za-z0-9]{1,128}$/;

export interface StateRecord {
  scope: OAuthScope;
  /** Already checked against the allowlist at start. */
  next: string;
  /** sha256 (hex) of the browser-binding cookie value. */
  browser: string;
  /** Expiry by the app clock (epoch ms); the store's TTL is the backstop. */
  exp: number;
  /**
   * How many automatic restarts led to this state: 0 for a flow a person started, n + 1 for the
   * restart of a flow whose exchange failed at attempt n (bounded, see routes/oauth/README.md).
   */
  attempt: number;
}

export function newStateNonce(): string {
  return randomAlphanumeric(STATE_LENGTH);
}

export function bindingHash(value: string): string {
  return sha256Hex(`wxdesk-oauth-binding:${value}`);
}

/** The current browser's binding value, if it has a well-formed one. */
export function readBinding(request: FastifyRequest): string | undefined {
  const value = request.cookies[OAUTH_COOKIE];
  return value !== undefined && BINDING.test(value) ? value : undefined;
}

/**
 * The browser's binding value, created when missing and refreshed otherwise. Reusing it lets
 * two tabs run the flow at once; an attacker's browser never has the victim's value.
 */
export function ensureBinding(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const value = readBinding(request) ?? randomToken();
  setBinding(reply, value, secure);
  return value;
}

/** Sets (or refreshes) the binding cookie to `value`. */
export function setBinding(reply: FastifyReply, value: string, secure: boolean): void {
  reply.setCookie(OAUTH_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/oauth",
    maxAge: STATE_TTL_MS / 1000,
  });
}

export function clearBinding(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(OAUTH_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/oauth" });
}

/** Constant-time: does this request's binding cookie hash to `expectedHash`? */
export function bindingMatches(request: FastifyRequest, expectedHash: string): boolean {
  const value = readBinding(request);
  if (value === undefined) return false;
  const actual = Buffer.from(bindingHash(value));
  const expected = Buffer.from(expectedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export async function saveState(store: Store, nonce: string, record: StateRecord): Promise<void> {
  await store.set(STATE_PREFIX + nonce, JSON.stringify(record), STATE_TTL_MS);
}

export type TakenState =
  | { ok: true; record: StateRecord }
  | { ok: false; reason: "state_unknown" | "state_used" };

function parseRecord(text: string): StateRecord | undefined {
  try {
    const o = JSON.parse(text) as Partial<StateRecord>;
    if (o.scope !== "snsapi_base" && o.scope !== "snsapi_userinfo") return undefined;
    if (typeof o.next !== "string" || typeof o.browser !== "string" || typeof o.exp !== "number")
      return undefined;
    // Records written before automatic restarts existed have no attempt: a person started them.
    const attempt =
      typeof o.attempt === "number" && Number.isInteger(o.attempt) && o.attempt >= 0 ? o.attempt : 0;
    return { scope: o.scope, next: o.next, browser: o.browser, exp: o.exp, attempt };
  } catch {
    return undefined;
  }
}

/**
 * Consumes the nonce atomically (`store.take`: of two concurrent callbacks, one wins) and
 * checks its age against the app clock.
 */
export async function takeState(store: Store, nonce: string, nowMs: number): Promise<TakenState> {
  if (!NONCE.test(nonce)) return { ok: false, reason: "state_unknown" };
  // The used-marker is set in the same step as the take (one commit in SQLite).
  const text = await store.take(STATE_PREFIX + nonce, {
    key: USED_PREFIX + nonce,
    value: "1",
    ttlMs: STATE_TTL_MS,
  });
  if (text === undefined) {
    const used = await store.get(USED_PREFIX + nonce);
    return { ok: false, reason: used === undefined ? "state_unknown" : "state_used" };
  }
  const record = parseRecord(text);
  if (!record || record.exp <= nowMs) return { ok: false, reason: "state_unknown" };
  return { ok: true, record };
}
