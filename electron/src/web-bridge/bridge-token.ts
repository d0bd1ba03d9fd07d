import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh secret per run: whoever holds it (the printed URL, then the cookie) may use the bridge. */
export function createBridgeToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Cookies are per host, not per port: two bridges on 127.0.0.1 (say a dev run and a test run) would
 * overwrite each other's cookie under one name, so the port is part of it.
 */
export function bridgeCookieName(port: number): string {
  return `wxdesk_bridge_${port}`;
}

/** HttpOnly: page scripts never see it; SameSite=Strict: other sites' requests never carry it. */
export function bridgeCookie(port: number, token: string): string {
  return `${bridgeCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** Constant-time comparison (hashing first makes the lengths equal). */
export function isToken(candidate: unknown, token: string): boolean {
  if (typeof candidate !== "string" || candidate === "") return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(candidate), digest(token));
}
