import "@fastify/cookie";
import type { OAuthScope } from "@wxdesk/wechat";
import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "wxdesk_session";
/** 7 days: a WeChat user coming back within a week is still greeted by name. */
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;

/** A WeChat user who finished the OAuth flow. `sid` ties the session to its code-replay record. */
export interface UserSession {
  openid: string;
  /** When the store knew it at sign-in: forward auth (`/oauth/verify`) answers it without a store read. */
  unionid?: string;
  scope: OAuthScope;
  /** Issued at, epoch seconds. */
  iat: number;
  sid: string;
}

/** §1.3 snapshot-page visitor: a virtual account we never store; only told how to continue. */
export interface GuestSession {
  guest: true;
  snapshot: true;
  iat: number;
  sid: string;
}

export type Session = UserSession | GuestSession;

export function isGuestSession(session: Session): session is GuestSession {
  return "guest" in session && session.guest === true;
}

/** Cookies get `Secure` only behind https (a plain-http sandbox demo must still work). */
export function cookieSecure(publicUrl: string): boolean {
  return publicUrl.startsWith("https:");
}

/**
 * Signed (HMAC-SHA256 with WXDESK_SESSION_SECRET through @fastify/cookie's signer), HttpOnly so
 * page scripts cannot read it, SameSite=Lax so WeChat's top-level redirect back still carries it.
 */
export function issueSession(reply: FastifyReply, session: Session, secure: boolean): void {
  const value = Buffer.from(JSON.stringify(session), "utf8").toString("base64url");
  reply.setCookie(SESSION_COOKIE, value, {
    signed: true,
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_MAX_AGE_S,
  });
}

export function clearSession(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const SID = /^[A-Za-z0-9_-]{8,64}$/;

function parseSession(value: unknown): Session | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.iat !== "number" || !Number.isFinite(o.iat)) return undefined;
  if (typeof o.sid !== "string" || !SID.test(o.sid)) return undefined;
  if (o.guest === true && o.snapshot === true) return { guest: true, snapshot: true, iat: o.iat, sid: o.sid };
  if (typeof o.openid !== "string" || !OPENID.test(o.openid)) return undefined;
  if (o.scope !== "snsapi_base" && o.scope !== "snsapi_userinfo") return undefined;
  if (o.unionid !== undefined && (typeof o.unionid !== "string" || !OPENID.test(o.unionid))) return undefined;
  return {
    openid: o.openid,
    ...(typeof o.unionid === "string" ? { unionid: o.unionid } : {}),
    scope: o.scope,
    iat: o.iat,
    sid: o.sid,
  };
}

/** Checks a signed cookie value: @fastify/cookie's `request.unsignCookie`, or its `signerFactory(secret).unsign`. */
export type CookieUnsigner = (raw: string) => { valid: boolean; value: string | null };

/**
 * The session a raw `wxdesk_session` cookie value holds, or undefined when absent, unsigned/forged,
 * malformed or older than its Max-Age (checked here too: a copied cookie value does not live
 * forever). For code that sees the cookie outside a Fastify request (the OpenID Connect provider).
 */
export function sessionFromCookie(
  raw: string | undefined,
  unsign: CookieUnsigner,
  nowMs: number = Date.now(),
): Session | undefined {
  if (!raw) return undefined;
  const unsigned = unsign(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(unsigned.value, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const session = parseSession(decoded);
  if (!session) return undefined;
  const nowS = Math.floor(nowMs / 1000);
  if (session.iat > nowS + 300 || nowS - session.iat > SESSION_MAX_AGE_S) return undefined;
  return session;
}

/** The request's session (see `sessionFromCookie`). */
export function readSession(request: FastifyRequest, nowMs: number = Date.now()): Session | undefined {
  return sessionFromCookie(request.cookies[SESSION_COOKIE], (raw) => request.unsignCookie(raw), nowMs);
}
