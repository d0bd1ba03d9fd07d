import type { FastifyReply } from "fastify";
import type { Page } from "../pages/layout.js";

/**
 * Every HTML answer (the OAuth flow, and the error pages of every page route): never cached (it
 * depends on cookies and one-time codes), never framed, no referrer (a callback URL carries a
 * code), CSP from the page itself.
 */
export function sendPage(reply: FastifyReply, status: number, page: Page): FastifyReply {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("content-security-policy", page.csp)
    .header("referrer-policy", "no-referrer")
    .header("x-content-type-options", "nosniff")
    .header("x-frame-options", "DENY")
    .send(page.html);
}

/** A 302 that no cache keeps (OAuth redirects carry one-time values). */
export function sendRedirect(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .code(302)
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .redirect(location);
}
