import type { ErrorExplanation, OAuthScope, WeChatClient } from "@wxdesk/wechat";
import type { ServerConfig } from "./config/server-config.js";
import type { Clock } from "./context/clock.js";
import type { ServerEventType } from "./context/server-event-types.js";
import type { ServiceKeys } from "./context/service-keys.js";
import type { TokenCipher } from "./crypto/token-cipher.js";
import type { EventInput, KeyWrite, Store, StoredEvent, UserRecord } from "./store/store-types.js";

/**
 * Everything a route needs, built once per process by `createAppContext(config)` and passed to
 * each route plugin as `{ ctx }`. Tests build one against a real sandbox + a real store.
 */
export interface AppContext {
  config: ServerConfig;
  store: Store;
  /** Encrypts user tokens before they reach the store (AES-256-GCM, WXDESK_TOKEN_KEY). */
  cipher: TokenCipher;
  /** Talks to WXDESK_WECHAT_API_BASE (WeChat or the sandbox). */
  wechat: WeChatClient;
  /**
   * The same API for the live OAuth callback, where a person waits on a blank page: a shorter
   * timeout and no retries inside; the callback's own rules decide (routes/oauth/exchange-code.ts).
   */
  interactiveWechat: WeChatClient;
  /** The global access_token and jsapi_ticket: single flight + cross-process lock + cache. */
  globalTokens: GlobalTokenManager;
  /** Users' web-auth tokens: store after an exchange, refresh near expiry, check, re-pull. */
  userTokens: UserTokenService;
  /** The activity log: persisted, streamed to SSE subscribers (across instances with Redis). */
  events: EventBus;
  /** Keys of the `service` role: WXDESK_SERVICE_KEYS and the ones admins create (stored hashed). */
  serviceKeys: ServiceKeys;
  clock: Clock;
  /**
   * What the start-up check of the token key found: `created` (first start on this store), `opened`
   * (the key the store knows), `replaced` (a new key accepted with WXDESK_ACCEPT_NEW_TOKEN_KEY).
   * A key that opens nothing stops `createAppContext` with a `TokenKeyMismatchError`. `pending`: the
   * store was down at start; the check runs once it answers (a mismatch then goes to `onFatal`).
   */
  readonly tokenKeyCheck: "created" | "opened" | "replaced" | "pending";
  /** Closes what the context opened (store, Redis subscribers, keep-alive agents). */
  close(): Promise<void>;
}

export type { Clock } from "./context/clock.js";

export interface GlobalTokenManager {
  /** A valid global access_token (cached; fetched by one caller across all instances). */
  getAccessToken(): Promise<string>;
  /** A valid jsapi_ticket, same rules. */
  getJsapiTicket(): Promise<string>;
  /**
   * Run a cgi-bin call with the global token. On 40001/42001/40014: use a newer cached token if another
   * caller already replaced the refused one, else renew it — at most once per interval across all
   * instances — and retry once. A refusal with no renewal left throws `GlobalTokenRefusedError`.
   */
  withAccessToken<T>(call: (accessToken: string) => Promise<T>): Promise<T>;
  /** The cached access_token with its expiry, for the `service` role's callers (same cache, same single flight). */
  currentAccessToken(): Promise<GlobalCredential>;
  /** The cached jsapi_ticket with its expiry, same rules. */
  currentJsapiTicket(): Promise<GlobalCredential>;
  /**
   * Another system says WeChat refused `token` (40001/42001). Compare-and-expire: only when the token
   * held now IS that token is it renewed — at most once per interval across all instances, as for our
   * own refused calls (`GlobalTokenRefusedError` beyond that); a stale report gets the newer token and
   * renews nothing.
   */
  replaceRefusedAccessToken(token: string): Promise<GlobalCredential>;
  /**
   * Drop this AppID's cached access_token (both sources) and jsapi_ticket from the store and from this
   * process's memory; the next use fetches new ones. Other instances keep their memory copy ≤ 10 s.
   */
  clearCache(): Promise<{ accessToken: boolean; jsapiTicket: boolean }>;
}

/** A global credential as handed to another system: the value and when WeChat says it expires. */
export interface GlobalCredential {
  value: string;
  /** Epoch ms. */
  expiresAt: number;
}

export type TokenState = "valid" | "expiring" | "access_expired" | "needs_reauth" | "undecryptable";

/** What support staff may see about a user's tokens: state and times, never the tokens. */
export interface TokenStatus {
  state: TokenState;
  obtainedAt: number;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  refreshedAt?: number;
  needsReauth?: { at: number; reason: string };
  /** With state `undecryptable`: what happened, in words (zh/en). */
  undecryptable?: { messageZh: string; message: string };
}

export interface UserTokenService {
  /** After a successful code exchange (+ userinfo for snsapi_userinfo): encrypt, store, emit "authorization". */
  recordAuthorization(input: {
    token: import("@wxdesk/wechat").SnsToken;
    userInfo?: import("@wxdesk/wechat").SnsUserInfo;
    scope: OAuthScope;
    /**
     * Ephemeral keys stored in the same step as the user and the event (the code-replay result); a
     * function gets the user record as it will be stored (its unionid may come from an earlier sign-in).
     */
    alongside?: KeyWrite[] | ((user: UserRecord) => KeyWrite[]);
  }): Promise<void>;
  /** A usable access token for the user: refreshed when within 10 minutes of expiry. */
  freshAccessToken(openid: string): Promise<string>;
  /** sns/auth on the stored token → outcome in words. */
  check(openid: string): Promise<ActionOutcome>;
  /** Force a refresh with the refresh token. */
  refresh(openid: string): Promise<ActionOutcome>;
  /** Re-pull sns/userinfo and update the profile. */
  repullUserInfo(openid: string): Promise<ActionOutcome>;
  status(openid: string): Promise<TokenStatus | undefined>;
}

/** The result of a support action, explained for people (errcode explanation from `wechat/`). */
export interface ActionOutcome {
  ok: boolean;
  status?: TokenStatus;
  error?: ErrorExplanation;
}

export type { ServerEventType } from "./context/server-event-types.js";

export interface EventBus {
  /**
   * Persist (store.appendEvent) and deliver to every subscriber on every instance. `persist`
   * replaces the append when the event is stored together with the change it records
   * (`store.saveAuthorization`); it gets the event exactly as appendEvent would.
   */
  publish(
    type: ServerEventType,
    data: Record<string, unknown>,
    persist?: (event: EventInput) => Promise<StoredEvent>,
  ): Promise<StoredEvent>;
  /** Live events; returns the unsubscribe function. */
  subscribe(listener: (event: StoredEvent) => void): () => void;
}
