import { pageLanguage } from "@wxdesk/wechat/plain-words";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { callbackLocation, checkAuthorize, grantFor } from "../authorize-check.js";
import { consentPage, snapshotPage } from "../pages/consent-page.js";
import { errorPage } from "../pages/error-page.js";
import { pickerPage } from "../pages/picker-page.js";
import type { SandboxApp, SandboxUser } from "../state/fixtures.js";
import type { SnsScope } from "../state/oauth-store.js";
import type { SandboxState } from "../state/sandbox-state.js";
import { avatarUrl, DEFAULT_AVATAR_ID } from "./avatar.js";

const AUTHORIZE_PATH = "/connect/oauth2/authorize";
const DECIDE_PATH = "/connect/oauth2/authorize/decide";
const USER_COOKIE = "sandbox_user";
const HTML_TYPE = "text/html; charset=utf-8";

function firstValues(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}

function cookieValue(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The same authorize URL (any extra sandbox_* params replaced), as WeChat would keep it. */
function selfUrl(params: Record<string, string>, extra: Record<string, string>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (!key.startsWith("sandbox_")) search.set(key, value);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return `${AUTHORIZE_PATH}?${search.toString()}#wechat_redirect`;
}

function sendHtml(reply: FastifyReply, body: string): FastifyReply {
  return reply.code(200).header("content-type", HTML_TYPE).header("cache-control", "no-store").send(body);
}

function redirectTo(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(302).header("location", location).header("cache-control", "no-store").send();
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).host;
  } catch {
    return uri;
  }
}

export function registerAuthorizePage(app: FastifyInstance, state: SandboxState): void {
  /** Sends the code redirect WeChat would send after a grant. */
  function grant(
    reply: FastifyReply,
    a: SandboxApp,
    user: SandboxUser,
    scope: SnsScope,
    redirectUri: string,
    st: string,
    snapshot: boolean,
  ) {
    const code = state.oauth.issueCode(grantFor(state, a, user, scope, snapshot));
    return redirectTo(reply, callbackLocation(redirectUri, { code, state: st }));
  }

  app.get(AUTHORIZE_PATH, (req, reply) => {
    const params = firstValues(req.query);
    const lang = pageLanguage(req.headers);
    // connect_redirect (WxJava) and response_type are accepted and ignored, in any order (§1.1).
    const check = checkAuthorize(state, params);
    if (!check.ok) return sendHtml(reply, errorPage(check.problem, lang));
    const { app: account, redirectUri, scope } = check;

    let user: SandboxUser | undefined;
    let notice: string | undefined;
    const asked = params.sandbox_openid;
    if (asked !== undefined) {
      user = state.userByOpenid(account.appid, asked) ?? state.userById(asked);
      if (user)
        reply.header("set-cookie", `${USER_COOKIE}=${encodeURIComponent(user.id)}; Path=/; SameSite=Lax`);
      else
        notice =
          lang === "en"
            ? `No test user has the user ID "${asked}".`
            : `没有用户编号为「${asked}」的测试用户。`;
    } else if (params.sandbox_switch !== "1") {
      const remembered = cookieValue(req, USER_COOKIE);
      user = remembered === undefined ? undefined : state.userById(remembered);
    }

    if (!user) {
      const entries = state.users.map((u) => {
        const openid = state.openidOf(u, account.appid);
        return {
          href: selfUrl(params, { sandbox_openid: openid }),
          nickname: u.nickname,
          avatar: avatarUrl("", openid, 64),
          meta: {
            "zh-CN": `${u.platform}${u.snapshot ? " · 快照页用户" : ""}${u.unionid ? "" : " · 无微信用户标识"}`,
            en: `${u.platform}${u.snapshot ? " · snapshot-page user" : ""}${u.unionid ? "" : " · no WeChat-wide ID"}`,
          },
        };
      });
      return sendHtml(
        reply,
        pickerPage({ accountName: account.name, entries, ...(notice ? { notice } : {}) }, lang),
      );
    }

    // §1.2: snsapi_base is silent — straight back to the site with a code.
    if (scope === "snsapi_base") return grant(reply, account, user, scope, redirectUri, check.state, false);

    const openid = state.openidOf(user, account.appid);
    const snapshot = user.snapshot && params.sandbox_full !== "1";
    const input = {
      action: DECIDE_PATH,
      hidden: {
        appid: account.appid,
        redirect_uri: redirectUri,
        scope,
        state: check.state,
        user: user.id,
        mode: snapshot ? "snapshot" : "full",
      },
      accountName: account.name,
      accountAvatar: avatarUrl("", account.appid, 64),
      redirectHost: hostOf(redirectUri),
      nickname: user.nickname,
      userAvatar: avatarUrl("", openid, 132),
      switchHref: selfUrl(params, { sandbox_switch: "1" }),
    };
    if (snapshot) {
      const fullServiceHref = selfUrl(params, { sandbox_openid: openid, sandbox_full: "1" });
      return sendHtml(
        reply,
        snapshotPage({ ...input, userAvatar: avatarUrl("", DEFAULT_AVATAR_ID, 132), fullServiceHref }, lang),
      );
    }
    return sendHtml(reply, consentPage(input, lang));
  });

  // The consent form posts here (a sandbox path; WeChat's own is internal to its client).
  app.post(DECIDE_PATH, (req, reply) => {
    const form = Object.fromEntries(new URLSearchParams(typeof req.body === "string" ? req.body : ""));
    const lang = pageLanguage(req.headers);
    const check = checkAuthorize(state, form);
    if (!check.ok) return sendHtml(reply, errorPage(check.problem, lang));
    const user = form.user === undefined ? undefined : state.userById(form.user);
    if (!user) {
      return sendHtml(
        reply,
        errorPage(
          { code: "user_unknown", messageZh: "未知的测试用户", messageEn: "unknown fixture user" },
          lang,
        ),
      );
    }
    // §1.3: 拒绝 → back to the site with state only, no code.
    if (form.decision !== "allow")
      return redirectTo(reply, callbackLocation(check.redirectUri, { state: check.state }));
    const snapshot = form.mode === "snapshot" && user.snapshot && check.scope === "snsapi_userinfo";
    return grant(reply, check.app, user, check.scope, check.redirectUri, check.state, snapshot);
  });
}
