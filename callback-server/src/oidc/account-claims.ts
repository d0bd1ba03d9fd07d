import type { Account, AccountClaims, FindAccount } from "oidc-provider";
import type { Store, UserRecord } from "../store/store-types.js";

/** The claims each scope releases (oidc-provider's `claims` option). */
export const SCOPE_CLAIMS = {
  openid: ["sub", "wechat_scope"],
  profile: ["nickname", "picture"],
} as const;

/** What we know of a signed-in WeChat user, as claims. `sub` is set by oidc-provider (see below). */
export function userClaims(user: UserRecord): AccountClaims {
  const claims: AccountClaims = { sub: user.openid, wechat_scope: user.scope };
  // WeChat sends a profile only for snsapi_userinfo; a placeholder nickname is still what it sent.
  if (user.nickname !== undefined) claims.nickname = user.nickname;
  if (user.headimgurl) claims.picture = user.headimgurl;
  return claims;
}

/**
 * The account is the openid: the login step finishes with it (`accountId`), and oidc-provider
 * makes it the `sub`. Apps that chose the unionid get it through `pairwiseIdentifier` below.
 * A user the store no longer knows has no account: the app is told the sign-in is invalid.
 */
export function accountFinder(store: Store): FindAccount {
  return async (_ctx, openid): Promise<Account | undefined> => {
    const user = await store.getUser(openid);
    if (!user) return undefined;
    return { accountId: openid, claims: () => userClaims(user) };
  };
}

/**
 * `sub` for an app whose admin chose `unionid`: the user's unionid when WeChat gave one (the
 * account is bound to an Open Platform account), else the openid — the same person in every app
 * of that Open Platform account. Only such apps have `subject_type: "pairwise"`.
 */
export function unionidSubject(store: Store): (ctx: unknown, openid: string) => Promise<string> {
  return async (_ctx, openid) => (await store.getUser(openid))?.unionid ?? openid;
}
