import { WECHAT_API_BASE } from "../authorize/index.js";
import { WeChatApiError } from "../errors/index.js";
import type { AccessToken, WeChatClient, WeChatClientOptions } from "./client-types.js";
import { createHttpTransport, type WeChatRequest } from "./http-transport.js";
import {
  accessTokenSchema,
  actionOkSchema,
  addConditionalSchema,
  authOkSchema,
  menuGetSchema,
  selfMenuInfoSchema,
  snsTokenSchema,
  snsUserInfoSchema,
  ticketSchema,
  tryMatchSchema,
} from "./response-schemas.js";
import { type RetryPolicy, withRetry } from "./retry.js";
import { createWeChatDispatcher } from "./wechat-dispatcher.js";

function nonNegativeInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  return Math.floor(value);
}

const token = (accessToken: string) => [["access_token", accessToken]] as const;

/** One client per app; all calls share one keep-alive connection pool. */
export function createWeChatClient(options: WeChatClientOptions = {}): WeChatClient {
  const timeoutMs = nonNegativeInt(options.timeoutMs, 5000, "timeoutMs") || 5000;
  const transport = createHttpTransport({
    apiBase: options.apiBase ?? WECHAT_API_BASE,
    timeoutMs,
    dispatcher: options.dispatcher ?? createWeChatDispatcher(options.proxy ? { proxy: options.proxy } : {}),
  });
  const policy: RetryPolicy = {
    retries: nonNegativeInt(options.retries, 2, "retries"),
    baseDelayMs: nonNegativeInt(options.retryBaseDelayMs, 200, "retryBaseDelayMs"),
  };

  /** Calls that may be repeated safely (same effect, or read-only). */
  const idempotent = <T>(request: WeChatRequest<T>) => withRetry(() => transport.send(request), policy);
  /** Calls that must happen at most once from our side: a retry after a lost answer does harm. */
  const once = <T>(request: WeChatRequest<T>) => transport.send(request);

  return {
    // §2: single-use code — never retried.
    exchangeCode: ({ appid, secret, code }) =>
      once({
        method: "GET",
        path: "/sns/oauth2/access_token",
        query: [
          ["appid", appid],
          ["secret", secret],
          ["code", code],
          ["grant_type", "authorization_code"],
        ],
        schema: snsTokenSchema,
      }),

    // §3: refreshing returns the same token while it is valid, so repeating is harmless.
    refreshUserToken: ({ appid, refreshToken }) =>
      idempotent({
        method: "GET",
        path: "/sns/oauth2/refresh_token",
        query: [
          ["appid", appid],
          ["grant_type", "refresh_token"],
          ["refresh_token", refreshToken],
        ],
        schema: snsTokenSchema,
      }),

    getUserInfo: ({ accessToken, openid, lang = "zh_CN" }) =>
      idempotent({
        method: "GET",
        path: "/sns/userinfo",
        query: [...token(accessToken), ["openid", openid], ["lang", lang]],
        schema: snsUserInfoSchema,
      }),

    checkUserToken: ({ accessToken, openid }) =>
      idempotent({
        method: "GET",
        path: "/sns/auth",
        query: [...token(accessToken), ["openid", openid]],
        schema: authOkSchema,
      }),

    // §6.1: every call issues a new token and evicts the previous one — never retried.
    getAccessToken: ({ appid, secret }) =>
      once({
        method: "GET",
        path: "/cgi-bin/token",
        query: [
          ["grant_type", "client_credential"],
          ["appid", appid],
          ["secret", secret],
        ],
        schema: accessTokenSchema,
      }),

    // §6.2: normal mode returns the same token while valid (safe to repeat); force mode is limited
    // to 20/day and invalidates the previous token, so it goes out at most once.
    getStableAccessToken: ({ appid, secret, forceRefresh = false }) => {
      const request: WeChatRequest<AccessToken> = {
        method: "POST",
        path: "/cgi-bin/stable_token",
        query: [],
        body: { grant_type: "client_credential", appid, secret, force_refresh: forceRefresh },
        schema: accessTokenSchema,
      };
      return forceRefresh ? once(request) : idempotent(request);
    },

    // §7.1: create replaces the whole default menu, so sending it twice has the same effect.
    createMenu: async (accessToken, menu) => {
      await idempotent({
        method: "POST",
        path: "/cgi-bin/menu/create",
        query: token(accessToken),
        body: menu,
        schema: actionOkSchema,
      });
    },

    getMenu: async (accessToken) => {
      try {
        return await idempotent({
          method: "GET",
          path: "/cgi-bin/menu/get",
          query: token(accessToken),
          schema: menuGetSchema,
        });
      } catch (error) {
        // §7.3: "no menu" is a normal state, not an error (wechatpy/WxJava return None/null too).
        if (error instanceof WeChatApiError && error.errcode === 46003) return null;
        throw error;
      }
    },

    deleteMenu: async (accessToken) => {
      await idempotent({
        method: "GET",
        path: "/cgi-bin/menu/delete",
        query: token(accessToken),
        schema: actionOkSchema,
      });
    },

    // §7.5: each call adds a menu — a retry after a lost answer would add a duplicate.
    addConditionalMenu: (accessToken, menu) =>
      once({
        method: "POST",
        path: "/cgi-bin/menu/addconditional",
        query: token(accessToken),
        body: menu,
        schema: addConditionalSchema,
      }),

    // Not retried: after a lost answer the repeat would fail with 65301 and hide the success.
    deleteConditionalMenu: async (accessToken, menuid) => {
      await once({
        method: "POST",
        path: "/cgi-bin/menu/delconditional",
        query: token(accessToken),
        body: { menuid },
        schema: actionOkSchema,
      });
    },

    tryMatchMenu: (accessToken, userId) =>
      idempotent({
        method: "POST",
        path: "/cgi-bin/menu/trymatch",
        query: token(accessToken),
        body: { user_id: userId },
        schema: tryMatchSchema,
      }),

    getCurrentSelfMenuInfo: (accessToken) =>
      idempotent({
        method: "GET",
        path: "/cgi-bin/get_current_selfmenu_info",
        query: token(accessToken),
        schema: selfMenuInfoSchema,
      }),

    getTicket: (accessToken, type = "jsapi") =>
      idempotent({
        method: "GET",
        path: "/cgi-bin/ticket/getticket",
        query: [...token(accessToken), ["type", type]],
        schema: ticketSchema,
      }),
  };
}
