import type { ErrorCatalogEntry } from "./error-types.js";

const BASIC = "公众号后台 → 设置与开发 → 基本配置";

/** §2–§6: errors of the OAuth code exchange, user tokens, user info and server-token endpoints. */
export const AUTH_ERRORS: readonly ErrorCatalogEntry[] = [
  {
    errcode: 40029,
    errorClass: "code",
    errmsg: "invalid code",
    titleZh: "授权码（code）无效",
    titleEn: "The authorization code is not valid",
    fixZh: "让用户重新点开授权链接即可。常见原因：code 超过了 5 分钟、属于另一个公众号，或在传递时被弄坏了。",
    fixEn:
      "Have the user open the authorize link again. Usual causes: the code is older than 5 minutes, belongs to another account, or was damaged on the way.",
  },
  {
    errcode: 40163,
    errorClass: "code",
    errmsg: "code been used",
    titleZh: "授权码已经用过了",
    titleEn: "The authorization code was already used",
    fixZh: "每个 code 只能用一次。通常是用户刷新了回调页面，或回调被处理了两次；让用户重新点开授权链接即可。",
    fixEn:
      "Each code works once. Usually the user reloaded the callback page or it was handled twice; have the user open the authorize link again.",
  },
  {
    errcode: 42003,
    errorClass: "code",
    errmsg: "code expired",
    titleZh: "授权码已过期",
    titleEn: "The authorization code has expired",
    fixZh: "code 只在 5 分钟内有效。请让用户重新点开授权链接。",
    fixEn: "A code is valid for 5 minutes only. Have the user open the authorize link again.",
  },
  {
    errcode: 41008,
    errorClass: "code",
    errmsg: "missing code",
    titleZh: "请求里没有授权码（code）",
    titleEn: "The request has no authorization code",
    fixZh: "回调没有收到 code，或程序没有把它带上。请让用户重新授权；反复出现时请检查回调处理程序。",
    fixEn:
      "The callback got no code, or the program did not pass it on. Have the user authorize again; if it keeps happening, check the callback handler.",
  },
  {
    errcode: 40125,
    errorClass: "config",
    errmsg: "invalid appsecret",
    titleZh: "AppSecret 不正确",
    titleEn: "The AppSecret is wrong",
    fixZh: `到 ${BASIC} 核对“开发者密码（AppSecret）”，重新填入本系统。注意：在后台重置 AppSecret 后，所有还在用旧密码的系统都会失效。`,
    fixEn:
      "Check the AppSecret (开发者密码) in the MP console → 设置与开发 → 基本配置 and enter it here again. Note: resetting it there breaks every system still using the old one.",
  },
  {
    errcode: 40013,
    errorClass: "config",
    errmsg: "invalid appid",
    titleZh: "AppID 不正确",
    titleEn: "The AppID is wrong",
    fixZh: `到 ${BASIC} 复制正确的“开发者ID（AppID）”，它以 wx 开头，共 18 位。`,
    fixEn:
      "Copy the right AppID (开发者ID) from the MP console → 设置与开发 → 基本配置; it starts with wx and has 18 characters.",
  },
  {
    errcode: 41002,
    errorClass: "config",
    errmsg: "appid missing",
    titleZh: "请求里没有 AppID",
    titleEn: "The request has no AppID",
    fixZh: "请在本系统的公众号设置里填写 AppID。",
    fixEn: "Enter the AppID in this system's account settings.",
  },
  {
    errcode: 41004,
    errorClass: "config",
    errmsg: "appsecret missing",
    titleZh: "请求里没有 AppSecret",
    titleEn: "The request has no AppSecret",
    fixZh: "请在本系统的公众号设置里填写 AppSecret。",
    fixEn: "Enter the AppSecret in this system's account settings.",
  },
  {
    errcode: 40002,
    errorClass: "request",
    errmsg: "invalid grant_type",
    titleZh: "grant_type 参数不对",
    titleEn: "The grant_type parameter is wrong",
    fixZh: "这是程序发出的请求参数有误，不是您的设置问题。请把错误详情发给技术支持。",
    fixEn:
      "The program sent a wrong parameter; it is not your settings. Send the error details to technical support.",
  },
  {
    errcode: 40030,
    errorClass: "reauth",
    errmsg: "invalid refresh_token",
    titleZh: "用户的续期令牌无效",
    titleEn: "The user's renewal token is not valid",
    fixZh: "请让用户重新点开授权链接，授权一次即可。",
    fixEn: "Have the user open the authorize link and authorize once more.",
  },
  {
    errcode: 42002,
    errorClass: "reauth",
    errmsg: "refresh_token expired",
    titleZh: "用户的授权已超过 30 天",
    titleEn: "The user's authorization is older than 30 days",
    fixZh: "续期令牌只有 30 天有效期。请让用户重新授权。",
    fixEn: "A renewal token lasts 30 days. Have the user authorize again.",
  },
  {
    errcode: 42007,
    errorClass: "reauth",
    errmsg: "access_token and refresh_token exception",
    titleZh: "用户的授权已失效（例如改了微信密码）",
    titleEn: "The user's authorization was revoked (e.g. password changed)",
    fixZh: "用户修改微信密码后，之前的授权全部作废。请让用户重新授权。",
    fixEn:
      "When a user changes their WeChat password all earlier authorizations are dropped. Have the user authorize again.",
  },
  {
    errcode: 40164,
    errorClass: "config",
    errmsg: "invalid ip, not in whitelist",
    titleZh: "服务器 IP 不在公众号的 IP 白名单里",
    titleEn: "The server's IP address is not on the account's IP whitelist",
    fixZh: `把本服务器的出口 IP 加到 ${BASIC} → IP 白名单，保存后几分钟内生效。`,
    fixEn:
      "Add this server's outgoing IP to the MP console → 设置与开发 → 基本配置 → IP 白名单; it takes effect within minutes.",
  },
  {
    errcode: 48001,
    errorClass: "config",
    errmsg: "api unauthorized",
    titleZh: "没有调用这个接口的权限",
    titleEn: "No permission for this API",
    fixZh:
      "到 公众号后台 → 设置与开发 → 接口权限 查看该接口是否已获得；很多接口只对已认证的服务号开放。获取用户信息时出现的话，多半是授权链接用了 snsapi_base，要改成 snsapi_userinfo。",
    fixEn:
      "Check 设置与开发 → 接口权限 in the MP console; many APIs are for verified Service Accounts only. If it happens when reading the user's profile, the link probably used snsapi_base: switch to snsapi_userinfo.",
  },
  {
    errcode: 40003,
    errorClass: "request",
    errmsg: "invalid openid",
    titleZh: "openid 不正确",
    titleEn: "The openid is not valid",
    fixZh: "这个 openid 不属于本公众号或格式不对。每个公众号的 openid 都不一样，不能混用。",
    fixEn:
      "This openid does not belong to this account or is malformed. Each account has its own openids; they cannot be mixed.",
  },
  {
    errcode: 42001,
    errorClass: "credential",
    errmsg: "access_token expired",
    titleZh: "访问令牌已过期",
    titleEn: "The access token has expired",
    fixZh: "令牌有效期约 2 小时，本系统会自动重新获取。反复出现时请检查服务器的时间是否准确。",
    fixEn:
      "Tokens last about 2 hours and this system fetches a new one automatically. If it keeps happening, check the server's clock.",
  },
  {
    errcode: 40001,
    errorClass: "credential",
    errmsg: "invalid credential, access_token is invalid or not latest",
    titleZh: "访问令牌无效或已被替换",
    titleEn: "The access token is not valid or was replaced",
    fixZh:
      "本系统会自动重新获取一次令牌。经常出现的话，通常是另一个系统用同一个 AppSecret 也在获取令牌，把这里的令牌挤掉了：请让所有系统共用一个令牌来源。",
    fixEn:
      "This system fetches a new token once automatically. If it happens often, another system using the same AppSecret is probably fetching tokens and replacing ours: make all systems share one token source.",
  },
  {
    errcode: 40014,
    errorClass: "credential",
    errmsg: "invalid access_token",
    titleZh: "访问令牌格式不对",
    titleEn: "The access token is malformed",
    fixZh: "本系统会自动重新获取令牌。如果令牌是手工填入的，请检查是否复制完整。",
    fixEn:
      "This system fetches a new token automatically. If the token was typed in by hand, check it was copied completely.",
  },
  {
    errcode: 41001,
    errorClass: "request",
    errmsg: "access_token missing",
    titleZh: "请求里没有访问令牌",
    titleEn: "The request has no access token",
    fixZh: "程序没有带上令牌。请检查本系统的公众号设置是否完整，并把错误详情发给技术支持。",
    fixEn:
      "The program sent no token. Check this system's account settings are complete and send the error details to technical support.",
  },
  {
    errcode: 40243,
    errorClass: "config",
    errmsg: "AppSecret frozen",
    titleZh: "AppSecret 已被冻结",
    titleEn: "The AppSecret is frozen",
    fixZh: `到 ${BASIC} 查看 AppSecret 的状态，按提示解冻或重置后，把新的 AppSecret 填入本系统。`,
    fixEn:
      "Check the AppSecret's status in the MP console → 设置与开发 → 基本配置, unfreeze or reset it as shown, and enter the new one here.",
  },
  {
    errcode: 89503,
    errorClass: "config",
    errmsg: "this IP's call needs admin confirmation",
    titleZh: "这次调用需要管理员确认",
    titleEn: "An admin must confirm calls from this IP",
    fixZh: `微信的风控拦下了这个 IP 的调用：请公众号管理员在微信里确认，或把服务器 IP 加入 ${BASIC} → IP 白名单，然后再试。`,
    fixEn:
      "WeChat's risk control held calls from this IP: have the account's admin confirm in WeChat, or add the server IP to 设置与开发 → 基本配置 → IP 白名单, then try again.",
  },
  {
    errcode: 50001,
    errorClass: "reauth",
    errmsg: "user unauthorized",
    titleZh: "用户没有授权这项功能",
    titleEn: "The user has not authorized this",
    fixZh: "请让用户重新点开授权链接并同意授权。",
    fixEn: "Have the user open the authorize link again and agree.",
  },
  {
    errcode: 50002,
    errorClass: "reauth",
    errmsg: "user limited",
    titleZh: "用户受到限制",
    titleEn: "The user is restricted",
    fixZh: "这个微信用户可能被微信限制了（例如违规），暂时无法使用；请让用户稍后重新授权。",
    fixEn:
      "WeChat may have restricted this user (e.g. for a violation); have the user authorize again later.",
  },
];
