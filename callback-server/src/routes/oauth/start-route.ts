import type { OAuthScope } from "@wxdesk/wechat";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app-context.js";
import { refusedPage } from "../../pages/oauth-pages.js";
import { sendPage, sendRedirect } from "../../plugins/send-page.js";
import { ensureBinding } from "../../session/oauth-state.js";
import { cookieSecure } from "../../session/session-cookie.js";
import { beginAuthorization } from "./begin-authorization.js";
import { verifyMenuLink } from "./menu-link.js";
import { safeNext } from "./next-target.js";
import { queryParam, rawTailParam } from "./query-params.js";

/** `?next_raw=<url as written>`, last in the query: what nginx sends for forward auth (verify-route.ts). */
export const NEXT_RAW = "next_raw";

function isScope(value: unknown): value is OAuthScope {
  return value === "snsapi_base" || value === "snsapi_userinfo";
}

/**
 * `GET /oauth/start?scope=&next=`, `?scope=&next_raw=<url as written>` (forward auth from nginx) or
 * `?link=<payload>.<sig>` (a signed menu link): a fresh state nonce bound to this browser, then 302
 * to WeChat's authorize page (§1.1).
 */
export function registerStartRoute(app: FastifyInstance, ctx: AppContext): void {
  const { config } = ctx;
  const secure = cookieSecure(config.publicUrl);

  // Starting twice is harmless (a fresh state each time): the error pages retry the same address.
  app.get("/oauth/start", { config: { page: {} } }, async (request, reply) => {
    let scope: unknown;
    let rawNext: string | undefined | null;
    const link = queryParam(request, "link");
    const tail = rawTailParam(request.url, NEXT_RAW);
    if (tail !== undefined) {
      // Forward auth (nginx pastes `$request_uri` unencoded): the rest of the query is the target,
      // and only `scope` may come before it — a `next` or `link` there would be a second target.
      const scopes = tail.before.getAll("scope");
      if (tail.before.has("next") || tail.before.has("link") || scopes.length > 1) {
        return sendPage(reply, 400, refusedPage("next_not_allowed"));
      }
      scope = scopes[0] ?? "snsapi_base";
      rawNext = tail.value;
    } else if (link !== undefined) {
      const verified = link === null ? undefined : verifyMenuLink(link, config.sessionSecret);
      if (!verified) return sendPage(reply, 400, refusedPage("bad_link"));
      scope = verified.scope;
      rawNext = verified.next;
    } else {
      scope = queryParam(request, "scope") ?? "snsapi_base";
      rawNext = queryParam(request, "next");
    }
    if (!isScope(scope)) return sendPage(reply, 400, refusedPage("bad_scope"));
    // The allowlist is checked at every start, also for signed links made before it changed.
    const next = rawNext === null ? undefined : safeNext(rawNext, config);
    if (next === undefined) return sendPage(reply, 400, refusedPage("next_not_allowed"));

    const binding = ensureBinding(request, reply, secure);
    return sendRedirect(reply, await beginAuthorization(ctx, { scope, next, binding, attempt: 0 }));
  });
}
