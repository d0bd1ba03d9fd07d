import type { z } from "zod";
import type { TokenTimeline, UserActionResult, UserDetail, UserRow } from "../../desk-api.js";
import type {
  AdminUser,
  actionOutcomeShape,
  adminUserDetailShape,
  tokenStatusShape,
} from "../admin/admin-shapes.js";

/**
 * Admin API shapes → DeskApi shapes. Field by field on purpose (no spreading): whatever else a
 * server sends, only these fields reach the renderer.
 */
export function tokenTimeline(t: z.infer<typeof tokenStatusShape>): TokenTimeline {
  return {
    state: t.state,
    obtainedAt: t.obtainedAt,
    accessExpiresAt: t.accessExpiresAt,
    refreshExpiresAt: t.refreshExpiresAt,
    ...(t.refreshedAt === undefined ? {} : { refreshedAt: t.refreshedAt }),
    ...(t.needsReauth === undefined
      ? {}
      : { needsReauth: { at: t.needsReauth.at, reason: t.needsReauth.reason } }),
    ...(t.undecryptable === undefined
      ? {}
      : { undecryptable: { messageZh: t.undecryptable.messageZh, message: t.undecryptable.message } }),
  };
}

export function userRow(u: AdminUser): UserRow {
  return {
    openid: u.openid,
    ...(u.unionid === undefined ? {} : { unionid: u.unionid }),
    ...(u.nickname === undefined ? {} : { nickname: u.nickname }),
    ...(u.headimgurl === undefined ? {} : { headimgurl: u.headimgurl }),
    scope: u.scope,
    lastAuthorizedAt: u.lastAuthorizedAt,
    tokenState: u.tokens.state,
  };
}

export function userDetail(u: z.infer<typeof adminUserDetailShape>): UserDetail {
  return {
    ...userRow(u),
    firstAuthorizedAt: u.firstAuthorizedAt,
    privilege: [...u.privilege],
    tokens: tokenTimeline(u.tokens),
    apps: u.apps.map((a) => ({ clientId: a.clientId, name: a.name, lastSignInAt: a.lastSignInAt })),
  };
}

export function actionResult(o: z.infer<typeof actionOutcomeShape>): UserActionResult {
  return {
    ok: o.ok,
    ...(o.tokens === undefined ? {} : { tokens: tokenTimeline(o.tokens) }),
    ...(o.error === undefined ? {} : { explanation: o.error }),
  };
}
