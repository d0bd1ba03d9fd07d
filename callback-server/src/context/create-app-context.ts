import http from "node:http";
import https from "node:https";
import { createWeChatClient, type WeChatClient } from "@wxdesk/wechat";
import type { AppContext, Clock } from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import { createTokenCipher } from "../crypto/token-cipher.js";
import { tokenKeyFingerprint } from "../crypto/token-key-fingerprint.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store-types.js";
import { createEventBus } from "./event-bus.js";
import { createGlobalTokenManager } from "./global-token-manager.js";
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
  /** Reports background failures (event pub/sub); default: ignored. */
  onError?: (error: unknown) => void;
  /** Tests shorten the interval between renewals of a refused global token (default 60 s). */
  renewIntervalMs?: number;
}

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
    openStore({ redisUrl: config.redisUrl, sqlitePath: config.dbPath, keyPrefix: overrides.redisKeyPrefix });
  let tokenKeyCheck: TokenKeyCheckOutcome;
  try {
    // Before anything is served: a key that cannot open the stored tokens is a setting to fix (issue 9.3).
    tokenKeyCheck = await checkTokenKey(store, cipher, config);
  } catch (error) {
    if (ownsStore) await store.close().catch(() => {});
    throw error;
  }
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const wechat: WeChatClient = createWeChatClient({ apiBase: config.apiBase, httpAgent, httpsAgent });
  let events: Awaited<ReturnType<typeof createEventBus>>;
  try {
    events = await createEventBus({
      store,
      clock,
      redisUrl: config.redisUrl,
      redisKeyPrefix: overrides.redisKeyPrefix,
      onError: overrides.onError,
    });
  } catch (error) {
    if (ownsStore) await store.close().catch(() => {});
    httpAgent.destroy();
    httpsAgent.destroy();
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
  if (tokenKeyCheck === "replaced") {
    await events
      .publish("token_key_replaced", {
        fingerprint: tokenKeyFingerprint(config.tokenKey),
        messageZh:
          "服务器按 WXDESK_ACCEPT_NEW_TOKEN_KEY 改用了新的 token-key：之前保存的用户令牌无法再解密，这些用户需要重新授权。",
        messageEn:
          "The server switched to a new token-key as WXDESK_ACCEPT_NEW_TOKEN_KEY allowed: the user tokens stored before cannot be decrypted any more; those users must authorize again.",
      })
      .catch((error: unknown) => overrides.onError?.(error));
  }

  let closed = false;
  return {
    config,
    store,
    cipher,
    wechat,
    globalTokens,
    userTokens,
    events,
    clock,
    tokenKeyCheck,
    async close() {
      if (closed) return;
      closed = true;
      await events.close();
      if (ownsStore) await store.close();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
