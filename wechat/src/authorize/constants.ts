/** The two web-authorization scopes of an Official Account (§1.2); `snsapi_login` is the website QR scope, not valid here. */
export type OAuthScope = "snsapi_base" | "snsapi_userinfo";

export const OAUTH_SCOPES: readonly OAuthScope[] = ["snsapi_base", "snsapi_userinfo"];

/** Browser-facing host of the authorize page (§1.1). */
export const WECHAT_OPEN_BASE = "https://open.weixin.qq.com";

/** Host of every server-to-server API. */
export const WECHAT_API_BASE = "https://api.weixin.qq.com";

export const AUTHORIZE_PATH = "/connect/oauth2/authorize";

/** §1.1: state is at most 128 bytes; it is ASCII-only, so bytes = characters. */
export const MAX_STATE_LENGTH = 128;
