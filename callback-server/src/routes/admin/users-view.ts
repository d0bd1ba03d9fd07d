import type { ErrorExplanation, OAuthScope } from "@wxdesk/wechat";
import type { ActionOutcome, TokenStatus } from "../../app-context.js";
import { tokenStatus } from "../../context/user-token-service.js";
import type { UserAppSignIn } from "../../oidc/sign-in-log.js";
import type { UserRecord } from "../../store/store-types.js";

/** `AdminUser` of docs/admin-api.md: who authorized and the state of their tokens — never the tokens. */
export interface AdminUser {
  openid: string;
  unionid?: string;
  nickname?: string;
  headimgurl?: string;
  scope: OAuthScope;
  firstAuthorizedAt: number;
  lastAuthorizedAt: number;
  profileUpdatedAt?: number;
  tokens: TokenStatus;
}

export interface AdminUserDetail extends AdminUser {
  privilege: string[];
  sex?: number;
  lang?: string;
  /** Apps (OpenID Connect) the user signed in to, most recent first. */
  apps: UserAppSignIn[];
}

/** The wire shape of an action's result (the service calls the status `status`, the API `tokens`). */
export interface AdminActionOutcome {
  ok: boolean;
  tokens?: TokenStatus;
  error?: ErrorExplanation;
}

/** Whether a user's stored tokens open with the server's key (`tokensReadable` bound to the cipher). */
export type ReadableCheck = (user: UserRecord) => boolean;

/** Field by field, so nothing of the record (its sealed tokens above all) rides along by accident. */
export function adminUser(user: UserRecord, now: number, readable: ReadableCheck): AdminUser {
  const view: AdminUser = {
    openid: user.openid,
    scope: user.scope,
    firstAuthorizedAt: user.firstAuthorizedAt,
    lastAuthorizedAt: user.lastAuthorizedAt,
    tokens: tokenStatus(user, now, readable(user)),
  };
  if (user.unionid !== undefined) view.unionid = user.unionid;
  if (user.nickname !== undefined) view.nickname = user.nickname;
  if (user.headimgurl !== undefined) view.headimgurl = user.headimgurl;
  if (user.profileUpdatedAt !== undefined) view.profileUpdatedAt = user.profileUpdatedAt;
  return view;
}

export function adminUserDetail(
  user: UserRecord,
  now: number,
  readable: ReadableCheck,
  apps: UserAppSignIn[] = [],
): AdminUserDetail {
  const view: AdminUserDetail = {
    ...adminUser(user, now, readable),
    privilege: [...user.privilege],
    apps: apps.map((a) => ({ clientId: a.clientId, name: a.name, lastSignInAt: a.lastSignInAt })),
  };
  if (user.sex !== undefined) view.sex = user.sex;
  if (user.lang !== undefined) view.lang = user.lang;
  return view;
}

export function adminOutcome(outcome: ActionOutcome): AdminActionOutcome {
  const view: AdminActionOutcome = { ok: outcome.ok };
  if (outcome.status) view.tokens = outcome.status;
  if (outcome.error) view.error = outcome.error;
  return view;
}
