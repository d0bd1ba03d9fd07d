import type { OAuthScope } from "@wxdesk/wechat";
import { isGuestSession, type Session, type UserSession } from "../session/session-cookie.js";

/**
 * Which WeChat authorization an app's request needs: `openid` alone is the silent `snsapi_base`
 * (who it is); with `profile` it is `snsapi_userinfo` (nickname and avatar, the consent sheet).
 */
export function wechatScopeFor(requestedScope: string | undefined): OAuthScope {
  return (requestedScope ?? "").split(" ").includes("profile") ? "snsapi_userinfo" : "snsapi_base";
}

/** Does this browser's WeChat sign-in already give what the app asked for? */
export function sessionCovers(session: Session | undefined, wanted: OAuthScope): session is UserSession {
  if (!session || isGuestSession(session)) return false;
  return wanted === "snsapi_base" || session.scope === "snsapi_userinfo";
}

/** An OpenID Connect error the app receives (RFC 6749 §4.1.2.1), described in words for people. */
export interface SignInRefusal {
  error: "access_denied" | "login_required";
  error_description: string;
}

/**
 * The words go to the app, which may show them as they are: Chinese first, then English. (RFC 6749
 * asks for ASCII in error_description; the libraries we know pass UTF-8 through, and an app that
 * wants ASCII can show the part after " / ".)
 */
export const REFUSALS = {
  snapshot: {
    error: "access_denied",
    error_description:
      "微信只提供了临时的虚拟账号（朋友圈或群聊里打开的快照页），不能用来登录；请点页面下方的「使用完整服务」后再登录 / " +
      "WeChat gave only a temporary virtual account (a snapshot page opened from Moments or a group chat), which cannot sign in; " +
      "tap “Use full service” at the bottom of the page, then sign in again",
  },
  notCompleted: {
    error: "access_denied",
    error_description:
      "没有完成微信授权（可能点了「拒绝」或中途返回），所以没有登录 / " +
      "The WeChat authorization was not completed (declined or left half-way), so nobody signed in",
  },
} as const satisfies Record<string, SignInRefusal>;
