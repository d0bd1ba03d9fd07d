import { ERROR_CATALOG } from "./error-catalog.js";
import type { ErrorCatalogEntry, ErrorExplanation, ExplainContext } from "./error-types.js";
import { parseErrmsgDetails, stripErrmsgSuffix } from "./parse-errmsg-details.js";
import { ERR_BAD_RESPONSE, ERR_NETWORK, ERR_TIMEOUT } from "./synthetic-codes.js";

type Advice = Partial<Pick<ErrorCatalogEntry, "titleZh" | "titleEn" | "fixZh" | "fixEn">>;

interface Facts {
  errcode: number;
  endpoint: string | undefined;
  callerIp: string | undefined;
  domain: string | undefined;
  appid: string | undefined;
}

const IP_WHITELIST = "公众号后台 → 设置与开发 → 基本配置 → IP 白名单";
const OAUTH_DOMAIN = "公众号后台 → 设置与开发 → 公众号设置 → 功能设置 → 网页授权域名";
const TOKEN_ENDPOINTS = new Set(["/cgi-bin/token", "/cgi-bin/stable_token"]);

function isSnsEndpoint(endpoint: string | undefined): boolean {
  return endpoint?.startsWith("/sns/") ?? false;
}

function domainOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!value.includes("://")) return value.trim();
  try {
    return new URL(value).hostname;
  } catch {
    return value.trim();
  }
}

/** Advice that depends on what the error carries and where it happened. */
function specificAdvice(f: Facts): Advice {
  switch (f.errcode) {
    case 40164:
      if (!f.callerIp) return {};
      return {
        fixZh: `把服务器出口 IP ${f.callerIp} 加到 ${IP_WHITELIST}，保存后几分钟内生效。`,
        fixEn: `Add the server's outgoing IP ${f.callerIp} to ${IP_WHITELIST} (IP whitelist) in the MP console; it takes effect within minutes.`,
      };
    case 10003:
      if (!f.domain) return {};
      return {
        fixZh: `${OAUTH_DOMAIN} 必须正好是 ${f.domain}（只写域名，不带 http:// 和路径；www. 开头与否也要一致）。`,
        fixEn: `网页授权域名 (OAuth domain, MP console → 设置与开发 → 公众号设置 → 功能设置) must be exactly ${f.domain} — domain only, no http:// or path, and www. must match too.`,
      };
    case 40001:
      if (f.endpoint && TOKEN_ENDPOINTS.has(f.endpoint)) {
        return {
          titleZh: "获取令牌失败：AppSecret 可能不对",
          titleEn: "Fetching the token failed: the AppSecret is probably wrong",
          fixZh:
            "获取令牌时出现 40001，按微信较早的行为表示 AppSecret 不对或不属于这个 AppID。请到 公众号后台 → 设置与开发 → 基本配置 核对 AppSecret，重新填入本系统。",
          fixEn:
            "40001 while fetching a token means, in WeChat's older behaviour, that the AppSecret is wrong or belongs to another AppID. Check it in the MP console → 设置与开发 → 基本配置 and enter it here again.",
        };
      }
      if (isSnsEndpoint(f.endpoint)) {
        return {
          titleZh: "用户的网页授权令牌无效",
          titleEn: "The user's web-authorization token is not valid",
          fixZh: "用续期令牌续期即可；续期不了的话，请让用户重新授权。",
          fixEn: "Renew it with the renewal token; if that fails, have the user authorize again.",
        };
      }
      if (f.endpoint) {
        return {
          fixZh:
            "很可能是另一个使用同一个 AppSecret 的系统刷新了令牌，把这里的令牌挤掉了。本系统会自动重新获取一次；经常出现的话，请让所有系统共用一个令牌来源。",
          fixEn:
            "Another system using the same AppSecret probably refreshed the token, replacing ours. This system fetches a new one once automatically; if it happens often, make all systems share one token source.",
        };
      }
      return {};
    case 42001:
      if (!isSnsEndpoint(f.endpoint)) return {};
      return {
        titleZh: "用户的网页授权令牌过期了",
        titleEn: "The user's web-authorization token has expired",
        fixZh: "网页授权令牌只有 2 小时有效期，用续期令牌续期即可。",
        fixEn: "Web-authorization tokens last 2 hours; renew it with the renewal token.",
      };
    case 48001:
      if (f.endpoint !== "/sns/userinfo") return {};
      return {
        titleZh: "这个授权拿不到用户资料",
        titleEn: "This authorization cannot read the user's profile",
        fixZh:
          "授权链接用的是 snsapi_base（静默授权），只能拿到 openid。要昵称和头像，请把授权方式改成 snsapi_userinfo。",
        fixEn:
          "The link used snsapi_base (silent), which only gives the openid. For nickname and avatar, switch the link to snsapi_userinfo.",
      };
    case 40125:
    case 40013:
      if (!f.appid) return {};
      return {
        fixZh: `请确认 AppID ${f.appid} 和 AppSecret 是同一个公众号的：到该公众号的 公众号后台 → 设置与开发 → 基本配置 核对后重新填入。`,
        fixEn: `Make sure AppID ${f.appid} and the AppSecret belong to the same account: check both in that account's MP console → 设置与开发 → 基本配置 and enter them again.`,
      };
    default:
      return {};
  }
}

function unknownEntry(errcode: number, errmsg: string): ErrorCatalogEntry {
  return {
    errcode,
    errorClass: "unexpected",
    errmsg,
    titleZh: `微信返回了本系统还不认识的错误（错误码 ${errcode}）`,
    titleEn: `WeChat returned an error this system does not know yet (code ${errcode})`,
    fixZh: `请在微信开放文档的“全局返回码”页面查找错误码 ${errcode}。联系微信客服或技术支持时，请附上错误码和错误信息“${errmsg || "（无）"}”。`,
    fixEn: `Look up code ${errcode} on the “global return codes” page of WeChat's documentation. When contacting WeChat or technical support, include the code and the message “${errmsg || "(none)"}”.`,
  };
}

function describe(errcode: number, message: string, endpoint: string | undefined): [string, string] {
  const where = endpoint ? ` ${endpoint}` : "";
  if (errcode === ERR_NETWORK || errcode === ERR_TIMEOUT || errcode === ERR_BAD_RESPONSE) {
    return [
      `请求微信接口${where}时没有得到正常回答：${message}。`,
      `Calling WeChat${where} got no proper answer: ${message}.`,
    ];
  }
  if (errcode >= 10000 && errcode < 10100) {
    return [
      `微信授权页面显示错误码 ${errcode}：${message}。`,
      `WeChat's authorize page showed error ${errcode}: ${message}.`,
    ];
  }
  return [
    `微信接口${where}返回错误码 ${errcode}：${message}。`,
    `WeChat API${where} returned error ${errcode}: ${message}.`,
  ];
}

/** The "doctor": turns an errcode (+ what the errmsg and caller know) into plain-words advice. */
export function explainWeChatError(
  errcode: number,
  errmsg = "",
  context: ExplainContext = {},
): ErrorExplanation {
  const { rid, callerIp } = parseErrmsgDetails(errmsg);
  const entry = ERROR_CATALOG.get(errcode) ?? unknownEntry(errcode, stripErrmsgSuffix(errmsg));
  const advice = specificAdvice({
    errcode,
    endpoint: context.endpoint,
    callerIp,
    domain: domainOf(context.redirectDomain),
    appid: context.appid,
  });
  const [detailZh, detailEn] = describe(errcode, stripErrmsgSuffix(errmsg) || entry.errmsg, context.endpoint);
  const explanation: ErrorExplanation = {
    errcode,
    errorClass: entry.errorClass,
    titleZh: advice.titleZh ?? entry.titleZh,
    titleEn: advice.titleEn ?? entry.titleEn,
    detailZh: rid ? `${detailZh}如需联系微信客服，请提供这个请求 ID：${rid}。` : detailZh,
    detailEn: rid
      ? `${detailEn} If you contact WeChat support, give them this request ID: ${rid}.`
      : detailEn,
    fixZh: advice.fixZh ?? entry.fixZh,
    fixEn: advice.fixEn ?? entry.fixEn,
  };
  if (rid !== undefined) explanation.rid = rid;
  if (callerIp !== undefined) explanation.callerIp = callerIp;
  return explanation;
}
