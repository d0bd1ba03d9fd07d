import http from "node:http";
import https from "node:https";
import { createWeChatClient, type WeChatClient } from "@wxdesk/wechat";
import type { AppContext, Clock } from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import { createTokenCipher } from "../crypto/token-cipher.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store-types.js";
import { createEventBus } from "./event-bus.js";
import { createGlobalTokenManager } from "./global-token-manager.js";
import { systemClock } from "./system-clock.js";
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
}

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
    openStore({
      redisUrl: config.redisUrl,
      sqlitePath: config.dbPath,
      keyPrefix: overrides.redisKeyPrefix,
      onError: overrides.onError,
    });
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const wechat: WeChatClient = createWeChatClient({ apiBase: config.apiBase, httpAgent, httpsAgent });
  const interactiveWechat: WeChatClient = createWeChatClient({
    apiBase: config.apiBase,
    httpAgent,
    httpsAgent,
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
      onError: overrides.onError,
    });
  } catch (error) {
    if (ownsStore) await store.close().catch(() => {});
    httpAgent.destroy();
    httpsAgent.destroy();
    throw error;
  }
  const globalTokens = createGlobalTokenManager({ config, store, cipher, wechat, events, clock });
  const userTokens = createUserTokenService({ config, store, wechat, cipher, events, clock });

  let closed = false;
  return {
    config,
    store,
    cipher,
    wechat,
    interactiveWechat,
    globalTokens,
    userTokens,
    events,
    clock,
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
