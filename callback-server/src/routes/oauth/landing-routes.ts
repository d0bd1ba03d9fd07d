import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app-context.js";
import { landingPage } from "../../pages/landing-page.js";
import { refusedPage, snapshotPage } from "../../pages/oauth-pages.js";
import { sendError } from "../../plugins/error-handler.js";
import { sendPage } from "../../plugins/send-page.js";
import { isGuestSession, readSession } from "../../session/session-cookie.js";
import { DEFAULT_NEXT, safeNext } from "./next-target.js";
import { queryParam } from "./query-params.js";
import { startHref } from "./start-href.js";

/**
 * `GET /` (landing when no `next`), `GET /oauth/snapshot` (snapshot guests), `GET /api/me`.
 * `/api/me` answers 401 for guests too, with code `snapshot_guest`: a snapshot visitor has only
 * a virtual account (§1.3), so for a page it is "not signed in", with a reason it can explain.
 */
export function registerLandingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get("/", { config: { page: {} } }, async (request, reply) => {
    const session = readSession(request, ctx.clock.now());
    if (session && isGuestSession(session)) {
      return sendPage(reply, 200, snapshotPage(startHref("snsapi_userinfo")));
    }
    if (!session) return sendPage(reply, 200, landingPage(undefined));
    const user = await ctx.store.getUser(session.openid);
    return sendPage(
      reply,
      200,
      landingPage({
        openid: session.openid,
        scope: session.scope,
        ...(user?.nickname ? { nickname: user.nickname } : {}),
        ...(user?.headimgurl ? { headimgurl: user.headimgurl } : {}),
      }),
    );
  });

  app.get("/oauth/snapshot", { config: { page: {} } }, async (request, reply) => {
    const raw = queryParam(request, "next");
    const next = raw === null ? undefined : safeNext(raw, ctx.config);
    if (next === undefined) return sendPage(reply, 400, refusedPage("next_not_allowed"));
    // "使用完整服务" reopens the authorization in full mode; our button starts one too.
    return sendPage(reply, 200, snapshotPage(startHref("snsapi_userinfo", next ?? DEFAULT_NEXT)));
  });

  app.get("/api/me", async (request, reply) => {
    const session = readSession(request, ctx.clock.now());
    if (!session) {
      return sendError(reply, 401, "no_session", "Not signed in", "尚未登录");
    }
    if (isGuestSession(session)) {
      return sendError(
        reply,
        401,
        "snapshot_guest",
        "Snapshot-page visitor: WeChat gave only a placeholder account; tap “Use full service” to sign in",
        "快照页访客：微信只提供了虚拟账号，点击页面下方「使用完整服务」后即可登录",
        { guest: true },
      );
    }
    const user = await ctx.store.getUser(session.openid);
    if (!user) {
      return sendError(
        reply,
        401,
        "no_session",
        "The signed-in user is no longer known",
        "登录的用户已不存在，请重新登录",
      );
    }
    const status = await ctx.userTokens.status(session.openid);
    reply.header("cache-control", "no-store");
    return {
      openid: user.openid,
      nickname: user.nickname ?? null,
      headimgurl: user.headimgurl ?? null,
      scope: session.scope,
      ...(user.unionid ? { unionid: user.unionid } : {}),
      tokenState: status?.state ?? "needs_reauth",
    };
  });
}
