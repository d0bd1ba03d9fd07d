import fastifyCookie from "@fastify/cookie";
import { interactionPolicy } from "oidc-provider";
import type { Clock } from "../app-context.js";
import { isGuestSession, SESSION_COOKIE, sessionFromCookie } from "../session/session-cookie.js";
import { sessionCovers, wechatScopeFor } from "./wechat-sign-in.js";

/**
 * oidc-provider's default prompts, plus one login check: the provider's own session may stand in
 * for a WeChat sign-in only while this browser's `wxdesk_session` is the same user and covers the
 * request (`profile` needs `snsapi_userinfo`). Otherwise the browser goes through the login step,
 * which decides from the WeChat session (and takes a WeChat round trip when it must). So signing
 * in to WeChat as someone else, or a request that needs more than the earlier sign-in gave, never
 * rides on an older provider session; `prompt=none` works while both agree.
 */
export function loginPolicy(sessionSecret: string, clock: Clock): interactionPolicy.DefaultPolicy {
  const signer = fastifyCookie.signerFactory(sessionSecret);
  const policy = interactionPolicy.base();
  const login = policy.get("login");
  if (!login) throw new Error("oidc-provider's base policy has no login prompt");
  login.checks.add(
    new interactionPolicy.Check(
      "wechat_session",
      "the WeChat sign-in of this browser does not cover the request",
      (ctx) => {
        const { oidc } = ctx;
        // The login step has just decided: it saw the WeChat session itself.
        if (oidc.result?.login) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        const accountId = oidc.session?.accountId;
        const session = sessionFromCookie(
          ctx.cookies.get(SESSION_COOKIE),
          (raw) => signer.unsign(raw),
          clock.now(),
        );
        if (!accountId || !session || isGuestSession(session) || session.openid !== accountId) {
          return interactionPolicy.Check.REQUEST_PROMPT;
        }
        return sessionCovers(session, wechatScopeFor(oidc.params?.scope as string | undefined))
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT;
      },
    ),
  );
  return policy;
}
