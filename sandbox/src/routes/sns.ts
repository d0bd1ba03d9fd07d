import type { FastifyInstance, FastifyRequest } from "fastify";
import { publicBase, queryParam, wechatRoute } from "../request-helpers.js";
import type { UserLang } from "../state/fixtures.js";
import type { SnsTokenRecord } from "../state/oauth-store.js";
import type { SandboxState } from "../state/sandbox-state.js";
import { sendError, sendJson, sendOk } from "../wechat-reply.js";
import { avatarUrl, DEFAULT_AVATAR_ID } from "./avatar.js";

// [?] §4: the exact placeholder of a snapshot account is unconfirmed; "微信用户" + default grey avatar
// is the widely reported one. Change it here.
const SNAPSHOT_NICKNAME = "微信用户";
const LANGS: ReadonlySet<string> = new Set(["zh_CN", "zh_TW", "en"]);

/** §2/§3 success body: is_snapshotuser only for virtual accounts, unionid only for userinfo scope. */
function tokenBody(record: SnsTokenRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    access_token: record.token,
    expires_in: 7200,
    refresh_token: record.refreshToken,
    openid: record.openid,
    scope: record.scope,
  };
  if (record.snapshot) body.is_snapshotuser = 1;
  if (record.scope === "snsapi_userinfo" && record.unionid !== undefined) body.unionid = record.unionid;
  return body;
}

/** appid missing 41002, unknown 40013; with `secret`: missing 41004, wrong 40125. */
function checkAppid(state: SandboxState, req: FastifyRequest, withSecret: boolean): number | string {
  const appid = queryParam(req, "appid");
  if (!appid) return 41002;
  const app = state.apps.get(appid);
  if (!app) return 40013;
  if (withSecret) {
    const secret = queryParam(req, "secret");
    if (!secret) return 41004;
    if (secret !== app.secret) return 40125;
  }
  return appid;
}

export function registerSnsRoutes(app: FastifyInstance, state: SandboxState): void {
  wechatRoute(app, state, "GET", "/sns/oauth2/access_token", (req, reply) => {
    const appid = checkAppid(state, req, true);
    if (typeof appid === "number") return sendError(reply, state, appid);
    const code = queryParam(req, "code");
    if (!code) return sendError(reply, state, 41008);
    if (queryParam(req, "grant_type") !== "authorization_code") return sendError(reply, state, 40002);
    const outcome = state.oauth.exchange(appid, code);
    return outcome.ok ? sendJson(reply, tokenBody(outcome.value)) : sendError(reply, state, outcome.errcode);
  });

  wechatRoute(app, state, "GET", "/sns/oauth2/refresh_token", (req, reply) => {
    const appid = checkAppid(state, req, false);
    if (typeof appid === "number") return sendError(reply, state, appid);
    if (queryParam(req, "grant_type") !== "refresh_token") return sendError(reply, state, 40002);
    const refreshToken = queryParam(req, "refresh_token");
    if (!refreshToken) return sendError(reply, state, 41003);
    const outcome = state.oauth.refresh(appid, refreshToken);
    return outcome.ok ? sendJson(reply, tokenBody(outcome.value)) : sendError(reply, state, outcome.errcode);
  });

  wechatRoute(app, state, "GET", "/sns/userinfo", (req, reply) => {
    const token = queryParam(req, "access_token");
    if (!token) return sendError(reply, state, 41001);
    const outcome = state.oauth.lookupToken(token);
    if (!outcome.ok) return sendError(reply, state, outcome.errcode);
    const record = outcome.value;
    const openid = queryParam(req, "openid");
    if (!openid) return sendError(reply, state, 41009);
    if (openid !== record.openid) return sendError(reply, state, 40003);
    if (record.scope !== "snsapi_userinfo") return sendError(reply, state, 48001);
    const user = state.userById(record.userId);
    if (!user) return sendError(reply, state, 40003);
    const langParam = queryParam(req, "lang") ?? "zh_CN";
    const lang = (LANGS.has(langParam) ? langParam : "zh_CN") as UserLang;
    const base = publicBase(req, state);
    // §4: since 2021-10-20 sex is 0 and the region fields are empty strings.
    const body: Record<string, unknown> = {
      openid: record.openid,
      nickname: record.snapshot ? SNAPSHOT_NICKNAME : user.nicknames[lang],
      sex: 0,
      city: "",
      province: "",
      country: "",
      headimgurl: avatarUrl(base, record.snapshot ? DEFAULT_AVATAR_ID : record.openid, 132),
      privilege: [],
    };
    if (record.unionid !== undefined) body.unionid = record.unionid;
    return sendJson(reply, body);
  });

  wechatRoute(app, state, "GET", "/sns/auth", (req, reply) => {
    const token = queryParam(req, "access_token");
    if (!token) return sendError(reply, state, 41001);
    const outcome = state.oauth.lookupToken(token);
    if (!outcome.ok) return sendError(reply, state, outcome.errcode);
    const openid = queryParam(req, "openid");
    if (!openid) return sendError(reply, state, 41009);
    if (openid !== outcome.value.openid) return sendError(reply, state, 40003);
    return sendOk(reply);
  });
}
