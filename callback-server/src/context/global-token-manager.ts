import { randomUUID } from "node:crypto";
import { type AccessToken, explainWeChatError, WeChatApiError, type WeChatClient } from "@wxdesk/wechat";
import type { Clock, EventBus, GlobalCredential, GlobalTokenManager } from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import type { SealedToken } from "../crypto/sealed-token.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import type { Store } from "../store/store-types.js";
import { GlobalTokenRefusedError } from "./global-token-errors.js";
import { accessTokenKeysOf, globalTokenKeys } from "./global-token-keys.js";

/** Refetch this long before WeChat's expiry (§6.2: stable_token rotates in its last 5 minutes). */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** Covers one fetch with the client's retries; a holder that dies frees the lock after this. */
const LOCK_TTL_MS = 30_000;
const LOCK_WAIT_MS = 30_000;
/** How long this process trusts its in-memory copy before re-reading the shared cache. */
const MEMORY_TTL_MS = 10_000;
/**
 * At most one renewal of a token WeChat refused per this interval, across every instance (issue
 * 8.11). A refused token is usually another system's doing (it fetched with the same AppSecret) and
 * one renewal fixes it; when the renewed token is refused too, more fetches fix nothing — they burn
 * the daily quota and, with `cgi-bin/token`, void the token for everyone else.
 */
export const RENEW_INTERVAL_MS = 60_000;
/** A storm's report: one `token_superseded` event, then silence until refusals stop this long. */
const STORM_QUIET_MS = 10 * 60_000;
/** §10: the token itself is bad (superseded/expired/malformed): renew once, then retry once. */
const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 42001, 40014]);

interface Cached {
  /** Exactly what the store holds (sealed): telling "still the failed one" from a newer one. */
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

/** The outcome of handling one refused token; `cached` absent = refused again, no renewal allowed. */
interface Renewal {
  cached?: Cached;
  /** This process fetched a new token for it (so it alone reports how the retry went). */
  renewedHere: boolean;
  retryAfterMs: number;
}

export interface GlobalTokenDeps {
  config: Pick<ServerConfig, "appid" | "secret" | "tokenSource">;
  store: Store;
  /** The cache is sealed like user tokens: the store (a SQLite file, a shared Redis) is no place for a live token. */
  cipher: TokenCipher;
  wechat: WeChatClient;
  events: EventBus;
  clock: Clock;
  /** Tests shorten `RENEW_INTERVAL_MS` to see the next renewal allowed. */
  renewIntervalMs?: number;
}

const isRefusal = (error: unknown): error is WeChatApiError =>
  error instanceof WeChatApiError && TOKEN_ERRCODES.has(error.errcode);

/**
 * The global access_token and jsapi_ticket (protocol sheet §6, §8): WeChat allows one holder,
 * and two fetchers evict each other's tokens (the classic 40001 storm). So: one shared promise
 * per process, `store.withLock` across processes with a re-read of the cache inside the lock,
 * and a cache (store key holding `{token, expiresAt}` sealed with the token key, keyed by AppID)
 * used until 5 minutes before expiry. A token WeChat refuses is renewed at most once per
 * `RENEW_INTERVAL_MS` across all instances; beyond that, callers get `GlobalTokenRefusedError`.
 */
export function createGlobalTokenManager(deps: GlobalTokenDeps): GlobalTokenManager {
  const { config, store, cipher, wechat, events, clock } = deps;
  const renewIntervalMs = deps.renewIntervalMs ?? RENEW_INTERVAL_MS;
  const keys = globalTokenKeys(config.appid, config.tokenSource);
  /** Refused token (its sealed text) → the one renewal every caller refused with it shares. */
  const renewals = new Map<string, Promise<Renewal>>();

  const accessToken: Entry = {
    key: keys.accessToken,
    lock: keys.accessTokenLock,
    what: "access_token",
    fetch: () =>
      config.tokenSource === "token"
        ? wechat.getAccessToken({ appid: config.appid, secret: config.secret })
        : wechat.getStableAccessToken({ appid: config.appid, secret: config.secret }),
  };
  const jsapiTicket: Entry = {
    key: keys.jsapiTicket,
    lock: keys.jsapiTicketLock,
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
      // A refused token was reported once for the whole storm (reportRefusal), not per ticket fetch.
      if (!(error instanceof GlobalTokenRefusedError)) await reportFailure(entry, error);
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

  function remember(entry: Entry, cached: Cached): Cached {
    entry.memory = { cached, until: clock.now() + MEMORY_TTL_MS };
    return cached;
  }

  async function current(entry: Entry): Promise<Cached> {
    const memory = entry.memory;
    if (memory && clock.now() < memory.until && usable(memory.cached)) return memory.cached;
    if (!entry.inflight) {
      entry.inflight = load(entry)
        .then((cached) => remember(entry, cached))
        .finally(() => {
          entry.inflight = undefined;
        });
    }
    return entry.inflight;
  }

  /** How long until another renewal is allowed (the `renewal` key's value starts with when it was taken). */
  async function renewalWait(): Promise<number> {
    const taken = Number((await store.get(keys.renewal))?.split(" ")[0]);
    return Number.isFinite(taken) ? Math.max(1000, taken + renewIntervalMs - clock.now()) : renewIntervalMs;
  }

  /**
   * After WeChat refused `failed`: the cached token if someone already replaced it, else a fresh one if
   * this is the first renewal of the interval across all instances (the `renewal` key, put-if-absent),
   * else nothing. The refused token stays cached: an empty cache would make the next caller fetch
   * again, which is exactly the storm.
   */
  async function renew(failed: Cached): Promise<Renewal> {
    const shared = await readShared(accessToken);
    // Someone renewed it already: this process's copy is the refused one — replace it too, or every
    // caller here would keep meeting the refusal until the copy ages out.
    if (usable(shared) && shared.raw !== failed.raw)
      return { cached: remember(accessToken, shared), renewedHere: false, retryAfterMs: 0 };
    const permit = `${clock.now()} ${randomUUID()}`;
    const permitted = await store.putIfAbsent(keys.renewal, permit, renewIntervalMs);
    const outcome = await store.withLock(
      accessToken.lock,
      LOCK_TTL_MS,
      async (): Promise<Renewal> => {
        // The holder of the permit fetches under this lock: waiting for it shows its token.
        const again = await readShared(accessToken);
        if (usable(again) && again.raw !== failed.raw)
          return { cached: again, renewedHere: false, retryAfterMs: 0 };
        // An empty cache (expired, cleared) is an ordinary fetch, not a renewal.
        if (!permitted && usable(again)) return { renewedHere: false, retryAfterMs: await renewalWait() };
        return { cached: await fetchAndStore(accessToken), renewedHere: permitted, retryAfterMs: 0 };
      },
      { waitMs: LOCK_WAIT_MS },
    );
    // Not needed after all: leave the interval's renewal to a caller that needs it.
    if (permitted && !outcome.renewedHere) await store.compareAndDelete(keys.renewal, permit);
    if (outcome.cached) remember(accessToken, outcome.cached);
    return outcome;
  }

  /** Callers refused with the same token share one `renew` in this process. */
  async function renewShared(failed: Cached): Promise<Renewal> {
    const pending = renewals.get(failed.raw);
    if (pending) return { ...(await pending), renewedHere: false };
    const started = renew(failed).finally(() => renewals.delete(failed.raw));
    renewals.set(failed.raw, started);
    return started;
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

  /**
   * Said by the caller that renewed, once its retry showed how it went. A refused renewal is a storm:
   * one event, then none while refusals keep coming (`STORM_QUIET_MS` after the last one).
   */
  async function reportRenewal(
    first: WeChatApiError,
    freshAlsoFailed: WeChatApiError | undefined,
  ): Promise<void> {
    try {
      if (freshAlsoFailed) {
        const stamp = String(clock.now());
        const firstOfStorm = await store.putIfAbsent(keys.refusalReported, stamp, STORM_QUIET_MS);
        if (!firstOfStorm) {
          await store.set(keys.refusalReported, stamp, STORM_QUIET_MS);
          return;
        }
      }
      const errcode = (freshAlsoFailed ?? first).errcode;
      if (errcode !== 40001) {
        // 42001/40014 on a token we hold as valid: not another system's doing, but still a storm to say once.
        if (freshAlsoFailed) {
          await events.publish("failure", {
            action: "access_token_refused",
            tokenSource: config.tokenSource,
            errcode,
            endpoint: freshAlsoFailed.endpoint,
            freshTokenAlsoFailed: true,
            explanation: freshAlsoFailed.explain({ appid: config.appid }),
          });
        }
        return;
      }
      await events.publish("token_superseded", {
        errcode,
        freshTokenAlsoFailed: freshAlsoFailed !== undefined,
        renewIntervalSeconds: Math.round(renewIntervalMs / 1000),
        messageZh:
          "WeChat 说全局 access_token 已失效，但它还没到过期时间：很可能有另一个系统用同一个 AppSecret 刷新了 token。请让所有系统共用本服务器的 token（或只用 stable_token 且不强制刷新）。",
        messageEn:
          "WeChat rejected the global access_token before its expiry: another system using the same AppSecret probably refreshed the token. Let every system get the token from this server (or use stable_token without force_refresh).",
        explanation: explainWeChatError(errcode, "", { appid: config.appid }),
      });
    } catch {
      // A lost report must not turn the caller's answer into another error.
    }
  }

  async function withAccessToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const first = await current(accessToken);
    try {
      return await call(first.token);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const renewal = await renewShared(first);
      if (!renewal.cached) throw new GlobalTokenRefusedError(error, renewal.retryAfterMs / 1000);
      try {
        const result = await call(renewal.cached.token);
        if (renewal.renewedHere) await reportRenewal(error, undefined);
        return result;
      } catch (retryError) {
        if (!isRefusal(retryError)) throw retryError;
        if (renewal.renewedHere) await reportRenewal(error, retryError);
        // The renewed token stays cached; the next caller finds no renewal left until the interval ends.
        throw new GlobalTokenRefusedError(retryError, (await renewalWait()) / 1000);
      }
    }
  }

  const credential = (cached: Cached): GlobalCredential => ({
    value: cached.token,
    expiresAt: cached.expiresAt,
  });

  /**
   * Another system was refused with `token`. It is compared with the token held now (this process's
   * copy, else the shared cache): a different one means the report is stale — someone renewed it
   * already — and the held token is the answer. The same one is handled exactly like a refusal of our
   * own (`renewShared`: a newer shared token if there is one, else the interval's one renewal).
   */
  async function replaceRefusedAccessToken(token: string): Promise<GlobalCredential> {
    const held = await current(accessToken);
    if (held.token !== token) return credential(held);
    // The caller saw WeChat's refusal; we did not: say what it reported, not what we saw.
    const reported = new WeChatApiError({
      errcode: 40001,
      errmsg: "access_token refused, as reported by a system using a service key",
      endpoint: "/cgi-bin/token (reported)",
    });
    const renewal = await renewShared(held);
    if (!renewal.cached) throw new GlobalTokenRefusedError(reported, renewal.retryAfterMs / 1000);
    if (renewal.renewedHere) await reportRenewal(reported, undefined);
    return credential(renewal.cached);
  }

  async function clearCache(): Promise<{ accessToken: boolean; jsapiTicket: boolean }> {
    accessToken.memory = undefined;
    jsapiTicket.memory = undefined;
    let dropped = false;
    for (const key of accessTokenKeysOf(config.appid))
      dropped = (await store.take(key)) !== undefined || dropped;
    const ticket = (await store.take(keys.jsapiTicket)) !== undefined;
    // An explicit fresh start: the next refusal may renew at once.
    await store.take(keys.renewal);
    return { accessToken: dropped, jsapiTicket: ticket };
  }

  return {
    getAccessToken: async () => (await current(accessToken)).token,
    getJsapiTicket: async () => (await current(jsapiTicket)).token,
    currentAccessToken: async () => credential(await current(accessToken)),
    currentJsapiTicket: async () => credential(await current(jsapiTicket)),
    replaceRefusedAccessToken,
    withAccessToken,
    clearCache,
  };
}
