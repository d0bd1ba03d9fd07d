import { pageLanguage } from "@wxdesk/wechat/plain-words";
import type { FastifyReply } from "fastify";
import { type Page, pageIn } from "../pages/layout.js";

/**
 * Every HTML answer (the OAuth flow, and the error pages of every page route): never cached (it
 * depends on cookies and one-time codes), never framed, no referrer (a callback URL carries a
 * code), CSP from the page itself. One language: the one the phone prefers (`pageLanguage`), so
 * the answer varies by the headers that choose it.
 */
export function sendPage(reply: FastifyReply, status: number, page: Page): FastifyReply {
  const lang = pageLanguage(reply.request.headers);
  const chosen = pageIn(page, lang);
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("content-security-policy", chosen.csp)
    .header("content-language", lang)
    .header("vary", "User-Agent, Accept-Language")
    .header("referrer-policy", "no-referrer")
    .header("x-content-type-options", "nosniff")
    .header("x-frame-options", "DENY")
    .send(chosen.html);
}

/** A 302 that no cache keeps (OAuth redirects carry one-time values). */
export function sendRedirect(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .code(302)
    .header("cache-control", "no-store")
    .header("referrer-policy", "no-referrer")
    .redirect(location);
}
