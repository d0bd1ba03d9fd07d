import type { FastifyReply } from "fastify";
import type { SandboxState } from "./state/sandbox-state.js";

/** §10 and the per-endpoint tables: the English errmsg WeChat sends for each errcode. */
const ERRMSG: Record<number, string> = {
  [-1]: "system error",
  40001:
    "invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r",
  40002: "invalid grant_type",
  40003: "invalid openid",
  40013: "invalid appid",
  40014: "invalid access_token",
  40029: "invalid code",
  40030: "invalid refresh_token",
  40125: "invalid appsecret, view more at http://t.cn/RAEkdVq",
  40163: "code been used",
  41001: "access_token missing",
  41002: "appid missing",
  41003: "refresh_token missing",
  41004: "appsecret missing",
  41008: "missing code",
  41009: "missing openid",
  42001: "access_token expired",
  42002: "refresh_token expired",
  // [?] §2: exact errmsg unconfirmed.
  42003: "code expired",
  43001: "require GET method",
  43002: "require POST method",
  44002: "empty post data",
  45009: "reach max api daily quota limit",
  45011: "api minute-quota reach limit must slower retry next minute",
  46003: "menu no exist",
  47001: "data format error",
  48001: "api unauthorized",
  40015: "invalid menu type",
  40016: "invalid button size",
  40017: "invalid button type",
  40018: "invalid button name size",
  40019: "invalid button key size",
  40020: "invalid button url size",
  40022: "invalid sub-menu level",
  40023: "invalid sub button size",
  40024: "invalid sub button type",
  40025: "invalid sub button name size",
  40026: "invalid sub button key size",
  40027: "invalid sub button url size",
  40054: "invalid sub button url domain",
  40055: "invalid button url domain",
  40097: "invalid args",
  65301: "no conditional menu with this menuid",
  65302: "no such user",
  65303: "there is no selfmenu, please create selfmenu first",
  65304: "match rule empty",
  65305: "menu count limit",
  65307: "conditional menu info empty",
  65308: "button has no response type",
  65310: "country info is empty",
  65311: "province info is empty",
  65316: "too many external domains in menu",
  65317: "invalid url",
  65320: "matchrule contains privacy fields",
};

export function errmsgFor(errcode: number): string {
  return ERRMSG[errcode] ?? "invalid args";
}

/** A fake ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` (§10) so clients never string-match errmsg. */
function rid(state: SandboxState): string {
  const time = state.clock.nowSeconds().toString(16).padStart(8, "0").slice(-8);
  return `${time}-${state.random.rid.hex(8)}-${state.random.rid.hex(8)}`;
}

export const JSON_TYPE = "application/json; charset=utf-8";

/** Every business outcome is HTTP 200 with a JSON body (§10). */
export function sendJson(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.code(200).header("content-type", JSON_TYPE).send(JSON.stringify(body));
}

export function sendError(reply: FastifyReply, state: SandboxState, errcode: number): FastifyReply {
  // §6.3: WeChat names the caller's address in 40164, which is how an admin learns what to whitelist.
  const text = errcode === 40164 ? ipNotWhitelisted(reply.request.ip) : errmsgFor(errcode);
  return sendJson(reply, { errcode, errmsg: `${text} rid: ${rid(state)}` });
}

function ipNotWhitelisted(callerIp: string): string {
  const ip = callerIp.replace(/^::ffff:/i, "");
  return ip.includes(":")
    ? `invalid ip ${ip}, not in whitelist`
    : `invalid ip ${ip} ipv6 ::ffff:${ip}, not in whitelist`;
}

/** Action endpoints answer `{"errcode":0,"errmsg":"ok"}` (§10). */
export function sendOk(reply: FastifyReply, extra?: Record<string, unknown>): FastifyReply {
  return sendJson(reply, { errcode: 0, errmsg: "ok", ...extra });
}
