import { looksLikeWeChatAppId } from "./rules/appid.js";
import { type SandboxApp, type SandboxUser, virtualOpenid, virtualUnionid } from "./state/fixtures.js";
import type { Grant, SnsScope } from "./state/oauth-store.js";
import type { SandboxState } from "./state/sandbox-state.js";

export interface AuthorizeParams {
  appid?: string | undefined;
  redirect_uri?: string | undefined;
  scope?: string | undefined;
  state?: string | undefined;
}

/** A page error WeChat would show instead of redirecting (§1.4). `code` is "10003" etc. */
export interface AuthorizeProblem {
  code: string;
  messageZh: string;
  messageEn: string;
}

export type AuthorizeCheck =
  | { ok: true; app: SandboxApp; redirectUri: string; scope: SnsScope; state: string }
  | { ok: false; problem: AuthorizeProblem };

/**
 * §1.1 documents `[a-zA-Z0-9]`, but WeChat passes base64url states (`-`, `_`) through unchanged, and
 * servers use them (random state as base64url): the sandbox accepts what WeChat accepts, not less.
 * Decision and sources: sandbox/README.md "Fidelity decisions".
 */
const STATE_SHAPE = /^[A-Za-z0-9_-]{0,128}$/;

function fail(code: string, messageZh: string, messageEn: string): AuthorizeCheck {
  return { ok: false, problem: { code, messageZh, messageEn } };
}

/** The host a redirect_uri points at, or undefined when it is not an absolute http(s) URL. */
function redirectHost(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === "http:" || url.protocol === "https:" ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The checks open.weixin.qq.com makes before showing anything (§1.1, §1.4), in the order the
 * sandbox applies them. Shared by the authorize page and `POST /_sandbox/consent`.
 */
export function checkAuthorize(sandbox: SandboxState, params: AuthorizeParams): AuthorizeCheck {
  const { appid, redirect_uri: redirectUri, scope } = params;
  const state = params.state ?? "";
  if (!appid) return fail("10012", "appid 参数为空", "appid is empty");
  const app = sandbox.apps.get(appid);
  // [?] §1.4: WeChat's page for a malformed/unknown appid is not documented; the sandbox shows 10016.
  if (!looksLikeWeChatAppId(appid) || !app) {
    return fail(
      "10016",
      `appid「${appid}」无效：不是已知的公众号 AppID`,
      `appid "${appid}" is not a known Official Account AppID`,
    );
  }
  if (!redirectUri) return fail("10011", "redirect_uri 参数为空", "redirect_uri is empty");
  if (!scope) return fail("10010", "scope 参数为空", "scope is empty");
  if (scope !== "snsapi_base" && scope !== "snsapi_userinfo") {
    return fail(
      "10005",
      `此公众号没有 scope「${scope}」的权限`,
      `this account has no permission for scope "${scope}"`,
    );
  }
  const host = redirectHost(redirectUri);
  if (host === undefined || !app.authorizedDomains.includes(host)) {
    const asked = host ?? redirectUri;
    return fail(
      "10003",
      `redirect_uri 域名「${asked}」与后台配置的网页授权域名（${app.authorizedDomains.join("、")}）不一致`,
      `redirect_uri domain "${asked}" is not an authorized domain (${app.authorizedDomains.join(", ")})`,
    );
  }
  // §1.1: at most 128 bytes of letters, digits, `-` and `_`; WeChat shows an error page otherwise.
  if (!STATE_SHAPE.test(state)) {
    return fail(
      "state_invalid",
      "state 参数只能包含字母、数字、- 和 _，且不超过 128 字节",
      "state may only contain letters, digits, - and _, at most 128 bytes",
    );
  }
  return { ok: true, app, redirectUri, scope, state };
}

/** §1.3: `redirect_uri?code=…&state=…`, `&` when it already has a query; state omitted when empty. */
export function callbackLocation(redirectUri: string, params: { code?: string; state: string }): string {
  const hashAt = redirectUri.indexOf("#");
  const base = hashAt >= 0 ? redirectUri.slice(0, hashAt) : redirectUri;
  const fragment = hashAt >= 0 ? redirectUri.slice(hashAt) : "";
  const parts: string[] = [];
  if (params.code !== undefined) parts.push(`code=${encodeURIComponent(params.code)}`);
  if (params.state !== "") parts.push(`state=${encodeURIComponent(params.state)}`);
  if (parts.length === 0) return redirectUri;
  const separator = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${separator}${parts.join("&")}${fragment}`;
}

/** Who a new code speaks for; a snapshot grant gets the virtual account (§1.3). */
export function grantFor(
  sandbox: SandboxState,
  app: SandboxApp,
  user: SandboxUser,
  scope: SnsScope,
  snapshot: boolean,
): Grant {
  if (snapshot) {
    return {
      appid: app.appid,
      userId: user.id,
      openid: virtualOpenid(app.appid, user.id),
      unionid: user.unionid === undefined ? undefined : virtualUnionid(user.id),
      scope,
      snapshot: true,
    };
  }
  return {
    appid: app.appid,
    userId: user.id,
    openid: sandbox.openidOf(user, app.appid),
    unionid: user.unionid,
    scope,
    snapshot: false,
  };
}
