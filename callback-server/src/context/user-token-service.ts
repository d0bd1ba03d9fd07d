import {
  type ErrorExplanation,
  explainWeChatError,
  type SnsToken,
  type SnsUserInfo,
  type UserInfoLang,
  WeChatApiError,
  type WeChatClient,
} from "@wxdesk/wechat";
import type {
  ActionOutcome,
  Clock,
  EventBus,
  TokenState,
  TokenStatus,
  UserTokenService,
} from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import type { SealedToken } from "../crypto/sealed-token.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import { TokenCipherError } from "../crypto/token-cipher-error.js";
import type { Store, UserRecord, UserTokens } from "../store/store-types.js";
import { UserTokenError } from "./user-token-errors.js";

/** §3: a refresh token lives 30 days from the authorization; refreshing does not extend it. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 86_400_000;
/** Refresh the access token when it has less than this left. */
export const REFRESH_BEFORE_MS = 10 * 60_000;
/** §3: these end the grant; only a new authorization helps. */
const REAUTH_ERRCODES: ReadonlySet<number> = new Set([42002, 40030, 42007]);

export interface UserTokenDeps {
  config: Pick<ServerConfig, "appid">;
  store: Store;
  wechat: WeChatClient;
  cipher: TokenCipher;
  events: EventBus;
  clock: Clock;
}

/** `"42002 refresh_token expired"` → 42002, so a stored reason can be explained again later. */
function errcodeOfReason(reason: string): number {
  const code = Number.parseInt(reason, 10);
  return Number.isFinite(code) ? code : 42002;
}

/** What support staff read when a user's tokens cannot be decrypted (issue 9.3). */
export const UNDECRYPTABLE_WORDS = {
  messageZh:
    "这个用户的令牌无法解密：服务器现在用的 token-key 与保存令牌时的不同（丢失或被更换了）。恢复原来的 token-key，或等用户重新授权一次。",
  message:
    "This user's tokens cannot be decrypted: the server's token-key is not the one they were saved with (it was lost or changed). Restore the original token-key, or wait for the user to authorize again.",
} as const;

/**
 * The token state as of `now`. `readable` = the stored tokens open with this server's key
 * (`tokensReadable`): when they do not, nothing else about them matters — WeChat was never asked.
 */
export function tokenStatus(user: UserRecord, now: number, readable: boolean): TokenStatus {
  const { tokens } = user;
  let state: TokenState;
  if (!readable) state = "undecryptable";
  else if (user.needsReauth || now >= tokens.refreshExpiresAt) state = "needs_reauth";
  else if (now >= tokens.accessExpiresAt) state = "access_expired";
  else if (tokens.accessExpiresAt - now <= REFRESH_BEFORE_MS) state = "expiring";
  else state = "valid";
  const status: TokenStatus = {
    state,
    obtainedAt: tokens.obtainedAt,
    accessExpiresAt: tokens.accessExpiresAt,
    refreshExpiresAt: tokens.refreshExpiresAt,
  };
  if (tokens.refreshedAt !== undefined) status.refreshedAt = tokens.refreshedAt;
  if (user.needsReauth) status.needsReauth = user.needsReauth;
  if (!readable) status.undecryptable = { ...UNDECRYPTABLE_WORDS };
  return status;
}

/** Whether both stored tokens open with `cipher` (a few microseconds: AES-GCM over ~100 bytes). */
export function tokensReadable(user: UserRecord, cipher: Pick<TokenCipher, "decrypt">): boolean {
  try {
    cipher.decrypt(user.tokens.accessTokenEnc);
    cipher.decrypt(user.tokens.refreshTokenEnc);
    return true;
  } catch (error) {
    if (error instanceof TokenCipherError) return false;
    throw error;
  }
}

/** Users' web-auth tokens: encrypted at rest, refreshed near expiry, checked and re-pulled on demand. */
export function createUserTokenService(deps: UserTokenDeps): UserTokenService {
  const { config, store, wechat, cipher, events, clock } = deps;
  const refreshing = new Map<string, Promise<string>>();

  const statusOf = (user: UserRecord): TokenStatus =>
    tokenStatus(user, clock.now(), tokensReadable(user, cipher));

  /** A stored token in clear; one this key cannot open is `token_undecryptable`, never "WeChat is busy". */
  function open(sealed: SealedToken): string {
    try {
      return cipher.decrypt(sealed);
    } catch (error) {
      if (!(error instanceof TokenCipherError)) throw error;
      throw new UserTokenError(
        "token_undecryptable",
        "The stored tokens cannot be decrypted with this server's token-key.",
      );
    }
  }

  async function requireUser(openid: string): Promise<UserRecord> {
    const user = await store.getUser(openid);
    if (!user) throw new UserTokenError("unknown_user", `No stored user ${openid}.`);
    return user;
  }

  function explain(error: unknown): ErrorExplanation {
    if (error instanceof WeChatApiError) return error.explain({ appid: config.appid });
    if (error instanceof UserTokenError && error.errcode !== undefined) {
      return explainWeChatError(error.errcode, "", { appid: config.appid });
    }
    return explainWeChatError(-1, "system error", { appid: config.appid });
  }

  async function markNeedsReauth(openid: string, errcode: number, errmsg: string, action: string) {
    const now = clock.now();
    await store.markUserNeedsReauth(openid, `${errcode} ${errmsg}`, now);
    await events.publish("failure", {
      openid,
      action,
      errcode,
      needsReauth: true,
      explanation: explainWeChatError(errcode, errmsg, { appid: config.appid }),
    });
  }

  /** Local check first: past the 30 days WeChat would answer 42002, so do not ask. */
  async function ensureGrantAlive(user: UserRecord, action: string): Promise<void> {
    if (user.needsReauth) {
      const errcode = errcodeOfReason(user.needsReauth.reason);
      throw new UserTokenError("needs_reauth", "The user must authorize again.", errcode);
    }
    if (clock.now() >= user.tokens.refreshExpiresAt) {
      await markNeedsReauth(user.openid, 42002, "refresh_token expired", action);
      throw new UserTokenError("needs_reauth", "The refresh token expired (30 days).", 42002);
    }
  }

  async function refreshNow(user: UserRecord, trigger: "auto" | "manual"): Promise<string> {
    const refreshToken = open(user.tokens.refreshTokenEnc);
    await ensureGrantAlive(user, "refresh");
    let token: SnsToken;
    try {
      token = await wechat.refreshUserToken({ appid: config.appid, refreshToken });
    } catch (error) {
      if (error instanceof WeChatApiError && REAUTH_ERRCODES.has(error.errcode)) {
        await markNeedsReauth(user.openid, error.errcode, error.errmsg, "refresh");
        throw new UserTokenError("needs_reauth", "The user must authorize again.", error.errcode);
      }
      await events.publish("failure", {
        openid: user.openid,
        action: "refresh",
        errcode: error instanceof WeChatApiError ? error.errcode : undefined,
        explanation: explain(error),
      });
      throw error;
    }
    const now = clock.now();
    const tokens: UserTokens = {
      accessTokenEnc: cipher.encrypt(token.accessToken),
      refreshTokenEnc: cipher.encrypt(token.refreshToken),
      accessExpiresAt: now + token.expiresIn * 1000,
      // Not extended: WeChat's refresh token lives 30 days from the authorization (§3).
      refreshExpiresAt: user.tokens.refreshExpiresAt,
      obtainedAt: user.tokens.obtainedAt,
      refreshedAt: now,
    };
    await store.updateUserTokens(user.openid, tokens);
    await events.publish("refresh", {
      openid: user.openid,
      trigger,
      accessExpiresAt: tokens.accessExpiresAt,
    });
    return token.accessToken;
  }

  /** One refresh per openid at a time in this process; concurrent callers share it. */
  function singleFlightRefresh(user: UserRecord, trigger: "auto" | "manual"): Promise<string> {
    let pending = refreshing.get(user.openid);
    if (!pending) {
      pending = refreshNow(user, trigger).finally(() => refreshing.delete(user.openid));
      refreshing.set(user.openid, pending);
    }
    return pending;
  }

  async function freshAccessToken(openid: string): Promise<string> {
    const user = await requireUser(openid);
    await ensureGrantAlive(user, "refresh");
    if (user.tokens.accessExpiresAt - clock.now() > REFRESH_BEFORE_MS) {
      return open(user.tokens.accessTokenEnc);
    }
    return singleFlightRefresh(user, "auto");
  }

  async function outcome(openid: string, run: () => Promise<void>): Promise<ActionOutcome> {
    try {
      await run();
      const user = await requireUser(openid);
      return { ok: true, status: statusOf(user) };
    } catch (error) {
      // Not WeChat's answer: the caller says these in its own words (404, 409).
      if (
        error instanceof UserTokenError &&
        (error.code === "unknown_user" || error.code === "token_undecryptable")
      )
        throw error;
      const user = await store.getUser(openid);
      const result: ActionOutcome = { ok: false, error: explain(error) };
      if (user) result.status = statusOf(user);
      return result;
    }
  }

  return {
    async recordAuthorization({ token, userInfo, scope, alongside = [] }) {
      if (token.isSnapshotUser) {
        throw new UserTokenError(
          "snapshot_user",
          "Snapshot-page users (is_snapshotuser=1) have a virtual openid and are never stored.",
        );
      }
      const now = clock.now();
      const existing = await store.getUser(token.openid);
      const profile = userInfo ?? undefined;
      const user: UserRecord = {
        openid: token.openid,
        scope,
        privilege: profile?.privilege ?? existing?.privilege ?? [],
        firstAuthorizedAt: existing?.firstAuthorizedAt ?? now,
        lastAuthorizedAt: now,
        tokens: {
          accessTokenEnc: cipher.encrypt(token.accessToken),
          refreshTokenEnc: cipher.encrypt(token.refreshToken),
          accessExpiresAt: now + token.expiresIn * 1000,
          refreshExpiresAt: now + REFRESH_TOKEN_LIFETIME_MS,
          obtainedAt: now,
        },
      };
      const unionid = token.unionid ?? profile?.unionid ?? existing?.unionid;
      if (unionid) user.unionid = unionid;
      applyProfile(user, profile, existing, now);
      // The user, its event and `alongside` in one store step (one commit in SQLite).
      await events.publish(
        "authorization",
        {
          openid: user.openid,
          scope,
          nickname: user.nickname,
          hasUnionid: unionid !== undefined,
          firstTime: existing === undefined,
        },
        (event) =>
          store.saveAuthorization({
            user,
            event,
            keys: typeof alongside === "function" ? alongside(user) : alongside,
          }),
      );
    },

    freshAccessToken,

    async check(openid) {
      const user = await requireUser(openid);
      return outcome(openid, async () => {
        const accessToken = open(user.tokens.accessTokenEnc);
        try {
          await wechat.checkUserToken({ accessToken, openid });
          await events.publish("check", { openid, ok: true });
        } catch (error) {
          await events.publish("check", {
            openid,
            ok: false,
            errcode: error instanceof WeChatApiError ? error.errcode : undefined,
            explanation: explain(error),
          });
          throw error;
        }
      });
    },

    async refresh(openid) {
      const user = await requireUser(openid);
      return outcome(openid, async () => {
        await singleFlightRefresh(user, "manual");
      });
    },

    async repullUserInfo(openid) {
      const user = await requireUser(openid);
      return outcome(openid, async () => {
        let info: SnsUserInfo;
        try {
          const accessToken = await freshAccessToken(openid);
          info = await wechat.getUserInfo({ accessToken, openid, lang: langOf(user.lang) });
        } catch (error) {
          if (!(error instanceof UserTokenError)) {
            await events.publish("failure", {
              openid,
              action: "userinfo",
              errcode: error instanceof WeChatApiError ? error.errcode : undefined,
              explanation: explain(error),
            });
          }
          throw error;
        }
        // Re-read: freshAccessToken may just have stored new tokens.
        const latest = (await store.getUser(openid)) ?? user;
        const updated: UserRecord = { ...latest };
        applyProfile(updated, info, latest, clock.now());
        if (info.unionid) updated.unionid = info.unionid;
        await store.upsertUser(updated);
        await events.publish("refresh", { openid, kind: "userinfo", nickname: updated.nickname });
      });
    },

    async status(openid) {
      const user = await store.getUser(openid);
      return user ? statusOf(user) : undefined;
    },
  };
}

function langOf(lang: string | undefined): UserInfoLang {
  return lang === "zh_TW" || lang === "en" ? lang : "zh_CN";
}

/** A base-scope authorization carries no profile: keep what an earlier userinfo grant gave. */
function applyProfile(
  user: UserRecord,
  info: SnsUserInfo | undefined,
  existing: UserRecord | undefined,
  now: number,
): void {
  const nickname = info?.nickname ?? existing?.nickname;
  const headimgurl = info?.headimgurl ?? existing?.headimgurl;
  const sex = info?.sex ?? existing?.sex;
  if (nickname !== undefined) user.nickname = nickname;
  if (headimgurl !== undefined) user.headimgurl = headimgurl;
  if (sex !== undefined) user.sex = sex;
  if (info) {
    user.privilege = info.privilege;
    user.profileUpdatedAt = now;
  } else if (existing?.profileUpdatedAt !== undefined) {
    user.profileUpdatedAt = existing.profileUpdatedAt;
  }
  if (existing?.lang !== undefined) user.lang = existing.lang;
}
