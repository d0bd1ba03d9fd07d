import { type AccessToken, explainWeChatError, WeChatApiError, type WeChatClient } from "@wxdesk/wechat";
import type { Clock, EventBus, GlobalTokenManager } from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import type { SealedToken } from "../crypto/sealed-token.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import type { Store } from "../store/store-types.js";

export const ACCESS_TOKEN_KEY = "global:access_token";
export const JSAPI_TICKET_KEY = "global:jsapi_ticket";

/** Refetch this long before WeChat's expiry (§6.2: stable_token rotates in its last 5 minutes). */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** Covers one fetch with the client's retries; a holder that dies frees the lock after this. */
const LOCK_TTL_MS = 30_000;
const LOCK_WAIT_MS = 30_000;
/** How long this process trusts its in-memory copy before re-reading the shared cache. */
const MEMORY_TTL_MS = 10_000;
/** §10: the token itself is bad (superseded/expired/malformed): expire it and fetch once more. */
const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 42001, 40014]);

interface Cached {
  /** Exactly what the store holds (sealed): compare-and-delete needs the same string. */
  raw: string;
  token: string;
  expiresAt: number;
}

interface Entry {
  key: string;
  lock: string;
  what: "access_token" | "jsapi_ticket";
  fetch(): Promise<AccessToken>;
  memory?: { cached: Cached; until: number } | undefined;
  inflight?: Promise<Cached> | undefined;
}

export interface GlobalTokenDeps {
  config: Pick<ServerConfig, "appid" | "secret" | "tokenSource">;
  store: Store;
  /** The cache is sealed like user tokens: the store (a SQLite file, a shared Redis) is no place for a live token. */
  cipher: TokenCipher;
  wechat: WeChatClient;
  events: EventBus;
  clock: Clock;
}

/**
 * The global access_token and jsapi_ticket (protocol sheet §6, §8): WeChat allows one holder,
 * and two fetchers evict each other's tokens (the classic 40001 storm). So: one shared promise
 * per process, `store.withLock` across processes with a re-read of the cache inside the lock,
 * and a cache (store ephemeral key holding `{token, expiresAt}` sealed with the token key) used until 5 minutes before expiry.
 */
export function createGlobalTokenManager(deps: GlobalTokenDeps): GlobalTokenManager {
  const { config, store, cipher, wechat, events, clock } = deps;
  const reported = new Set<string>();

  const accessToken: Entry = {
    key: ACCESS_TOKEN_KEY,
    lock: "global-token",
    what: "access_token",
    fetch: () =>
      config.tokenSource === "token"
        ? wechat.getAccessToken({ appid: config.appid, secret: config.secret })
        : wechat.getStableAccessToken({ appid: config.appid, secret: config.secret }),
  };
  const jsapiTicket: Entry = {
    key: JSAPI_TICKET_KEY,
    lock: "jsapi-ticket",
    what: "jsapi_ticket",
    fetch: async () => {
      const ticket = await withAccessToken((token) => wechat.getTicket(token, "jsapi"));
      return { accessToken: ticket.ticket, expiresIn: ticket.expiresIn };
    },
  };

  const usable = (cached: Cached | undefined): cached is Cached =>
    cached !== undefined && clock.now() < cached.expiresAt - REFRESH_MARGIN_MS;

  async function readShared(entry: Entry): Promise<Cached | undefined> {
    const raw = await store.get(entry.key);
    if (raw === undefined) return undefined;
    try {
      // A value another key sealed (or a pre-sealing plain one) fails to open: treated as absent, refetched.
      const parsed = JSON.parse(cipher.decrypt(raw as SealedToken)) as {
        token?: unknown;
        expiresAt?: unknown;
      };
      if (typeof parsed.token !== "string" || typeof parsed.expiresAt !== "number") return undefined;
      return { raw, token: parsed.token, expiresAt: parsed.expiresAt };
    } catch {
      return undefined;
    }
  }

  async function fetchAndStore(entry: Entry): Promise<Cached> {
    let fetched: AccessToken;
    try {
      fetched = await entry.fetch();
    } catch (error) {
      await reportFailure(entry, error);
      throw error;
    }
    const expiresAt = clock.now() + fetched.expiresIn * 1000;
    const raw: string = cipher.encrypt(JSON.stringify({ token: fetched.accessToken, expiresAt }));
    await store.set(entry.key, raw, Math.max(1000, expiresAt - clock.now()));
    return { raw, token: fetched.accessToken, expiresAt };
  }

  async function load(entry: Entry): Promise<Cached> {
    const shared = await readShared(entry);
    if (usable(shared)) return shared;
    return store.withLock(
      entry.lock,
      LOCK_TTL_MS,
      async () => {
        // Another instance may have fetched while we waited for the lock.
        const again = await readShared(entry);
        if (usable(again)) return again;
        return fetchAndStore(entry);
      },
      { waitMs: LOCK_WAIT_MS },
    );
  }

  async function current(entry: Entry): Promise<Cached> {
    const memory = entry.memory;
    if (memory && clock.now() < memory.until && usable(memory.cached)) return memory.cached;
    if (!entry.inflight) {
      entry.inflight = load(entry)
        .then((cached) => {
          entry.memory = { cached, until: clock.now() + MEMORY_TTL_MS };
          return cached;
        })
        .finally(() => {
          entry.inflight = undefined;
        });
    }
    return entry.inflight;
  }

  /** Expire the cached value only if it is still the one that failed (another caller may have replaced it). */
  async function expire(entry: Entry, failed: Cached): Promise<boolean> {
    if (entry.memory?.cached.raw === failed.raw) entry.memory = undefined;
    return store.compareAndDelete(entry.key, failed.raw);
  }

  async function reportFailure(entry: Entry, error: unknown): Promise<void> {
    const errcode = error instanceof WeChatApiError ? error.errcode : undefined;
    const explanation =
      error instanceof WeChatApiError
        ? error.explain({ appid: config.appid })
        : explainWeChatError(-1, "system error", { appid: config.appid });
    await events
      .publish("failure", {
        action: `fetch_${entry.what}`,
        tokenSource: entry.what === "access_token" ? config.tokenSource : undefined,
        errcode,
        endpoint: error instanceof WeChatApiError ? error.endpoint : undefined,
        explanation,
      })
      .catch(() => {});
  }

  async function reportSuperseded(failed: Cached, errcode: number, freshAlsoFailed: boolean): Promise<void> {
    if (reported.has(failed.raw)) return;
    reported.add(failed.raw);
    if (reported.size > 100) reported.clear();
    await events
      .publish("token_superseded", {
        errcode,
        freshTokenAlsoFailed: freshAlsoFailed,
        cachedExpiresAt: failed.expiresAt,
        messageZh:
          "WeChat 说全局 access_token 已失效，但它还没到过期时间：很可能有另一个系统用同一个 AppSecret 刷新了 token。请让所有系统共用本服务器的 token（或只用 stable_token 且不强制刷新）。",
        messageEn:
          "WeChat rejected the global access_token before its expiry: another system using the same AppSecret probably refreshed the token. Let every system get the token from this server (or use stable_token without force_refresh).",
        explanation: explainWeChatError(errcode, "", { appid: config.appid }),
      })
      .catch(() => {});
  }

  async function withAccessToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const first = await current(accessToken);
    try {
      return await call(first.token);
    } catch (error) {
      if (!(error instanceof WeChatApiError) || !TOKEN_ERRCODES.has(error.errcode)) throw error;
      const wasFresh = usable(first);
      const expiredByUs = await expire(accessToken, first);
      // One report per failed token across all instances: only the caller whose compare-and-delete won.
      if (error.errcode === 40001 && wasFresh && expiredByUs) await reportSuperseded(first, 40001, false);
      const second = await current(accessToken);
      try {
        return await call(second.token);
      } catch (retryError) {
        if (retryError instanceof WeChatApiError && TOKEN_ERRCODES.has(retryError.errcode)) {
          await expire(accessToken, second);
          if (retryError.errcode === 40001) await reportSuperseded(second, 40001, true);
        }
        throw retryError;
      }
    }
  }

  async function clearCache(): Promise<{ accessToken: boolean; jsapiTicket: boolean }> {
    accessToken.memory = undefined;
    jsapiTicket.memory = undefined;
    const token = (await store.take(ACCESS_TOKEN_KEY)) !== undefined;
    const ticket = (await store.take(JSAPI_TICKET_KEY)) !== undefined;
    return { accessToken: token, jsapiTicket: ticket };
  }

  return {
    getAccessToken: async () => (await current(accessToken)).token,
    getJsapiTicket: async () => (await current(jsapiTicket)).token,
    withAccessToken,
    clearCache,
  };
}
