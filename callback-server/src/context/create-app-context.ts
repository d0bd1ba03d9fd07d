import { createWeChatClient, createWeChatDispatcher, type WeChatClient } from "@wxdesk/wechat";
import type { AppContext, Clock } from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import { createTokenCipher } from "../crypto/token-cipher.js";
import { tokenKeyFingerprint } from "../crypto/token-key-fingerprint.js";
import { openStore } from "../store/open-store.js";
import { StoreUnavailableError } from "../store/store-errors.js";
import type { Store } from "../store/store-types.js";
import { createEventBus, type EventRelay } from "./event-bus.js";
import { createGlobalTokenManager } from "./global-token-manager.js";
import { createServiceKeys } from "./service-keys.js";
import { systemClock } from "./system-clock.js";
import { checkTokenKey, type TokenKeyCheckOutcome } from "./token-key-check.js";
import { createUserTokenService } from "./user-token-service.js";

export interface AppContextOverrides {
  /** Tests follow the sandbox's virtual clock with an offset clock. */
  clock?: Clock;
  /** A store the caller opened (and will close); otherwise opened from the config and closed by `close()`. */
  store?: Store;
  /**
   * Redis key prefix for the store and the event channel (default `wxdesk:`); tests give each
   * run its own so parallel runs share one Redis without seeing each other.
   */
  redisKeyPrefix?: string;
  /** Reports background failures (event pub/sub, the first Redis error of an outage); default: ignored. */
  onError?: (error: unknown) => void;
  /** WXDESK_WORKERS > 1 on SQLite: events reach the sibling workers through the cluster primary. */
  eventRelay?: EventRelay;
  /** Tests shorten the interval between renewals of a refused global token (default 60 s). */
  renewIntervalMs?: number;
  /**
   * A setting found wrong after the start: the token-key check that had to wait for a store that was
   * down at start, then found the key cannot open the stored tokens. The server stops (exit 1).
   */
  onFatal?: (error: unknown) => void;
}

/** How often the postponed token-key check asks a store that was down at start. */
const PENDING_CHECK_INTERVAL_MS = 1000;

/**
 * Per call on the OAuth callback's path. WeChat's sns endpoints answer in well under a second; a
 * call that hangs for 2 s is given up (a hung exchange costs a restart, a hung userinfo a retry)
 * rather than held for the general client's 5 s while the person looks at a blank page.
 */
const INTERACTIVE_TIMEOUT_MS = 2000;

/** Builds everything a route needs, once per process. `close()` releases what it opened. */
export async function createAppContext(
  config: ServerConfig,
  overrides: AppContextOverrides = {},
): Promise<AppContext> {
  const clock = overrides.clock ?? systemClock;
  // First, so a bad key fails before anything is opened.
  const cipher = createTokenCipher(config.tokenKey);
  const ownsStore = overrides.store === undefined;
  const store =
    overrides.store ??
    (await openStore({
      redisUrl: config.redisUrl,
      sqlitePath: config.dbPath,
      keyPrefix: overrides.redisKeyPrefix,
      onError: overrides.onError,
    }));
  let tokenKeyCheck: TokenKeyCheckOutcome | "pending";
  try {
    // Before anything is served: a key that cannot open the stored tokens is a setting to fix (issue 9.3).
    tokenKeyCheck = await checkTokenKey(store, cipher, config);
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) {
      if (ownsStore) await store.close().catch(() => {});
      throw error;
    }
    // The store is down at start (a reboot brought us up before Redis): the server waits for it,
    // answering 503, and checks the key as soon as the store answers (below).
    tokenKeyCheck = "pending";
  }
  // One keep-alive pool for both clients; the proxy comes from the configuration (HTTPS_PROXY…).
  const dispatcher = createWeChatDispatcher(config.wechatProxy ? { proxy: config.wechatProxy } : {});
  const wechat: WeChatClient = createWeChatClient({ apiBase: config.apiBase, dispatcher });
  const interactiveWechat: WeChatClient = createWeChatClient({
    apiBase: config.apiBase,
    dispatcher,
    timeoutMs: INTERACTIVE_TIMEOUT_MS,
    retries: 0,
  });
  let events: Awaited<ReturnType<typeof createEventBus>>;
  try {
    events = await createEventBus({
      store,
      clock,
      redisUrl: config.redisUrl,
      redisKeyPrefix: overrides.redisKeyPrefix,
      relay: overrides.eventRelay,
      onError: overrides.onError,
    });
  } catch (error) {
    if (ownsStore) await store.close().catch(() => {});
    void dispatcher.destroy();
    throw error;
  }
  const globalTokens = createGlobalTokenManager({
    config,
    store,
    cipher,
    wechat,
    events,
    clock,
    ...(overrides.renewIntervalMs === undefined ? {} : { renewIntervalMs: overrides.renewIntervalMs }),
  });
  const userTokens = createUserTokenService({ config, store, wechat, cipher, events, clock });
  const announceReplaced = () =>
    events
      .publish("token_key_replaced", {
        fingerprint: tokenKeyFingerprint(config.tokenKey),
        messageZh:
          "服务器按 WXDESK_ACCEPT_NEW_TOKEN_KEY 改用了新的 token-key：之前保存的用户令牌无法再解密，这些用户需要重新授权。",
        messageEn:
          "The server switched to a new token-key as WXDESK_ACCEPT_NEW_TOKEN_KEY allowed: the user tokens stored before cannot be decrypted any more; those users must authorize again.",
      })
      .catch((error: unknown) => overrides.onError?.(error));
  if (tokenKeyCheck === "replaced") await announceReplaced();

  let closed = false;
  let pendingCheck: NodeJS.Timeout | undefined;
  const checkWhenStoreAnswers = () => {
    pendingCheck = setTimeout(() => {
      checkTokenKey(store, cipher, config).then(
        async (outcome) => {
          if (closed) return;
          tokenKeyCheck = outcome;
          if (outcome === "replaced") await announceReplaced();
        },
        (error: unknown) => {
          if (closed) return;
          if (error instanceof StoreUnavailableError) return checkWhenStoreAnswers();
          (overrides.onFatal ?? overrides.onError)?.(error);
        },
      );
    }, PENDING_CHECK_INTERVAL_MS);
    pendingCheck.unref();
  };
  if (tokenKeyCheck === "pending") checkWhenStoreAnswers();

  return {
    config,
    store,
    cipher,
    wechat,
    interactiveWechat,
    globalTokens,
    userTokens,
    events,
    serviceKeys: createServiceKeys({ config, store, clock }),
    clock,
    get tokenKeyCheck() {
      return tokenKeyCheck;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(pendingCheck);
      await events.close();
      if (ownsStore) await store.close();
      await dispatcher.destroy();
    },
  };
}
