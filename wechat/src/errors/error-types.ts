/**
 * What a caller should do about an error — callers switch on this, never on errmsg text (§10).
 * - retryable: transient (-1, network, timeout, HTTP 5xx) — back off and retry idempotent calls
 * - credential: the server access_token is bad/expired/superseded — refetch it once, then retry
 * - code: the OAuth `code` is unusable — send the user through the authorize link again
 * - config: the account or this app is set up wrongly — an admin must change a setting
 * - quota: a rate or daily limit was hit — wait
 * - reauth: the user's authorization is gone — the user must authorize again
 * - request: the request itself is wrong — fix the data (menu, openid…)
 * - unexpected: WeChat answered something we do not understand
 */
export type WeChatErrorClass =
  | "retryable"
  | "credential"
  | "code"
  | "config"
  | "quota"
  | "reauth"
  | "request"
  | "unexpected";

export interface ErrorCatalogEntry {
  errcode: number;
  errorClass: WeChatErrorClass;
  /** The typical English errmsg WeChat sends (or a description where the sheet has none). */
  errmsg: string;
  titleZh: string;
  titleEn: string;
  fixZh: string;
  fixEn: string;
}

export interface ErrorExplanation {
  errcode: number;
  errorClass: WeChatErrorClass;
  titleZh: string;
  titleEn: string;
  detailZh: string;
  detailEn: string;
  fixZh: string;
  fixEn: string;
  rid?: string;
  callerIp?: string;
}

export interface ExplainContext {
  /** API path such as `/sns/oauth2/access_token`; changes what some codes mean (e.g. 40001). */
  endpoint?: string;
  /** The redirect_uri's host, for the 10003 advice. A full URL is accepted too. */
  redirectDomain?: string;
  appid?: string;
}
