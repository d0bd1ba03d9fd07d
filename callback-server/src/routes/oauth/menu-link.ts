import { createHmac, timingSafeEqual } from "node:crypto";
import type { OAuthScope } from "@wxdesk/wechat";

/** What a long-lived menu link carries: the scope to ask for and where to land. */
export interface MenuLinkInput {
  scope: OAuthScope;
  next: string;
}

// The HMAC input is prefixed so a menu-link signature can never double as another signature
// made with the same WXDESK_SESSION_SECRET (the session cookie's, for one).
const DOMAIN = "wxdesk-menu-link.v1.";
const MAX_TOKEN_LENGTH = 4096;

function signature(payload: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(DOMAIN + payload, "utf8")
    .digest("base64url");
}

/** `<payload>.<sig>`: payload = base64url JSON `{scope, next, v: 1}`, sig = HMAC-SHA256(secret). */
export function menuLinkToken(input: MenuLinkInput, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ scope: input.scope, next: input.next, v: 1 }),
    "utf8",
  ).toString("base64url");
  return `${payload}.${signature(payload, secret)}`;
}

/**
 * The URL to put in a menu `view` button: `<publicUrl>/oauth/start?link=<payload>.<sig>`.
 * It never expires; each tap still makes a fresh, browser-bound state.
 */
export function signMenuLink(input: MenuLinkInput, secret: string, publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/oauth/start?link=${menuLinkToken(input, secret)}`;
}

/** The link's content when its signature checks out (constant-time), else undefined. */
export function verifyMenuLink(token: string, secret: string): MenuLinkInput | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return undefined;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(payload, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const o = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    if (o.v !== 1 || typeof o.next !== "string") return undefined;
    if (o.scope !== "snsapi_base" && o.scope !== "snsapi_userinfo") return undefined;
    return { scope: o.scope, next: o.next };
  } catch {
    return undefined;
  }
}
