import type { ConditionalMenuInput, Menu, MenuButton, MenuGetResult, SelfMenuInfo } from "../menu/index.js";
import type { WeChatDispatcher, WeChatProxy } from "./wechat-dispatcher.js";

export interface WeChatClientOptions {
  /** Default WECHAT_API_BASE; tests pass the sandbox origin. */
  apiBase?: string;
  /** Per call (connect + answer), default 5000. */
  timeoutMs?: number;
  /** For idempotent calls on retryable errors, default 2 (so 3 attempts). */
  retries?: number;
  /** Backoff base, default 200 (exponential, with jitter). */
  retryBaseDelayMs?: number;
  /** Default: a keep-alive pool of the client's own (createWeChatDispatcher); share one to share connections. */
  dispatcher?: WeChatDispatcher;
  /** For the client's own pool (ignored with `dispatcher`): from the application's configuration, never the environment. */
  proxy?: WeChatProxy;
}

export type UserInfoLang = "zh_CN" | "zh_TW" | "en";

/** §2/§3 web-authorization token. `unionid` is only present when WeChat sent one. */
export interface SnsToken {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  openid: string;
  scope: string;
  /** §1.3: true = snapshot-page virtual account; never bind/create accounts from it. */
  isSnapshotUser: boolean;
  unionid?: string;
}

/** §4 profile. Since 2021-10-20 sex is always 0 and province/city/country are "". */
export interface SnsUserInfo {
  openid: string;
  nickname: string;
  sex: number;
  province: string;
  city: string;
  country: string;
  headimgurl: string;
  privilege: string[];
  unionid?: string;
}

/** §6 server ("basic") access_token. */
export interface AccessToken {
  accessToken: string;
  expiresIn: number;
}

/** §8.1 jsapi / wx_card ticket. */
export interface Ticket {
  ticket: string;
  expiresIn: number;
}

export interface WeChatClient {
  /** §2. Never retried: a code is single-use (§1.3), a retry after a lost answer would get 40163. */
  exchangeCode(p: { appid: string; secret: string; code: string }): Promise<SnsToken>;
  /** §3. */
  refreshUserToken(p: { appid: string; refreshToken: string }): Promise<SnsToken>;
  /** §4; lang defaults to zh_CN. */
  getUserInfo(p: { accessToken: string; openid: string; lang?: UserInfoLang }): Promise<SnsUserInfo>;
  /** §5 sns/auth: resolves on errcode 0, else throws. */
  checkUserToken(p: { accessToken: string; openid: string }): Promise<void>;
  /** §6.1. Never retried: every call issues a new token and evicts the previous one. */
  getAccessToken(p: { appid: string; secret: string }): Promise<AccessToken>;
  /** §6.2. Retried unless forceRefresh (force is limited to 20/day and invalidates the old token). */
  getStableAccessToken(p: { appid: string; secret: string; forceRefresh?: boolean }): Promise<AccessToken>;
  createMenu(accessToken: string, menu: Menu): Promise<void>;
  /** §7.3; 46003 (no menu) → null. */
  getMenu(accessToken: string): Promise<MenuGetResult | null>;
  deleteMenu(accessToken: string): Promise<void>;
  /** §7.5. Never retried: a lost answer + retry would add a second conditional menu. */
  addConditionalMenu(accessToken: string, menu: ConditionalMenuInput): Promise<{ menuid: string }>;
  deleteConditionalMenu(accessToken: string, menuid: string): Promise<void>;
  tryMatchMenu(accessToken: string, userId: string): Promise<{ button: MenuButton[] }>;
  getCurrentSelfMenuInfo(accessToken: string): Promise<SelfMenuInfo>;
  /** §8.1; type defaults to jsapi. */
  getTicket(accessToken: string, type?: "jsapi" | "wx_card"): Promise<Ticket>;
}
