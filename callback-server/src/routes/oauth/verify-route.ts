import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app-context.js";
import { sendError } from "../../plugins/error-handler.js";
import { isGuestSession, readSession } from "../../session/session-cookie.js";

/** The headers nginx copies to the protected app (`auth_request_set … $upstream_http_x_wechat_…`). */
export const FORWARD_AUTH_HEADERS = {
  openid: "x-wechat-openid",
  unionid: "x-wechat-unionid",
  scope: "x-wechat-scope",
} as const;

/**
 * `GET /oauth/verify`: forward auth for nginx's `auth_request` (README, "Protect another app with
 * nginx"). 200 with the signed-in user's openid (and unionid, scope) in headers, or 401 — never a
 * redirect: nginx's `error_page 401` decides where the browser goes. Cheap by design, because nginx
 * asks on every request to the protected app: the signed session cookie carries all it answers, so
 * there is no store read and no WeChat call (it keeps answering while the store is down).
 * Snapshot-page guests hold only a virtual account (§1.3): not signed in.
 */
export function registerVerifyRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get("/oauth/verify", async (request, reply) => {
    reply.header("cache-control", "no-store");
    const session = readSession(request, ctx.clock.now());
    if (!session) return sendError(reply, 401, "no_session", "Not signed in", "尚未登录");
    if (isGuestSession(session)) {
      return sendError(
        reply,
        401,
        "snapshot_guest",
        "Snapshot-page visitor: WeChat gave only a placeholder account",
        "快照页访客：微信只提供了虚拟账号，尚未登录",
        { guest: true },
      );
    }
    reply.header(FORWARD_AUTH_HEADERS.openid, session.openid);
    if (session.unionid) reply.header(FORWARD_AUTH_HEADERS.unionid, session.unionid);
    reply.header(FORWARD_AUTH_HEADERS.scope, session.scope);
    return { ok: true };
  });
}
