import type { VirtualClock } from "./clock.js";
import { ExpiringMap } from "./expiring-map.js";
import type { RandomText } from "./random.js";

export type SnsScope = "snsapi_base" | "snsapi_userinfo";

/** The identity a code/token speaks for: the real user, or their virtual snapshot account. */
export interface Grant {
  appid: string;
  userId: string;
  openid: string;
  unionid: string | undefined;
  scope: SnsScope;
  snapshot: boolean;
}

export interface CodeRecord extends Grant {
  expiresAt: number;
  used: boolean;
}

export interface SnsTokenRecord extends Grant {
  token: string;
  expiresAt: number;
  refreshToken: string;
}

export interface RefreshRecord extends Grant {
  expiresAt: number;
  accessToken: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; errcode: number };

// §1.3: single use, 5 minutes. §2: 7200 s. §3: refresh token 30 days.
export const CODE_TTL_S = 300;
export const SNS_TOKEN_TTL_S = 7200;
export const REFRESH_TTL_S = 30 * 86_400;
const HOUR_MS = 3_600_000;

/** Well-formed credentials only contain these; anything else is "malformed" (40014). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,512}$/;

export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** Codes and tokens as plain data (a saved sandbox, sandbox/src/persist/). */
export interface OAuthSnapshot {
  codes: Array<[string, CodeRecord]>;
  tokens: SnsTokenRecord[];
  refreshes: Array<[string, RefreshRecord]>;
}

export class OAuthStore {
  private readonly codes: ExpiringMap<CodeRecord>;
  private readonly tokens: ExpiringMap<SnsTokenRecord>;
  private readonly refreshes: ExpiringMap<RefreshRecord>;

  constructor(
    private readonly clock: VirtualClock,
    private readonly random: () => RandomText,
  ) {
    const now = () => clock.nowMs();
    // Used/expired codes are remembered for an hour so they answer 40163/42003, then 40029.
    this.codes = new ExpiringMap(now, HOUR_MS);
    this.tokens = new ExpiringMap(now, 24 * HOUR_MS);
    this.refreshes = new ExpiringMap(now, 24 * HOUR_MS);
  }

  clear(): void {
    this.codes.clear();
    this.tokens.clear();
    this.refreshes.clear();
  }

  snapshot(): OAuthSnapshot {
    return {
      codes: [...this.codes.entries()],
      tokens: [...this.tokens.entries()].map(([, record]) => record),
      refreshes: [...this.refreshes.entries()],
    };
  }

  restore(snapshot: OAuthSnapshot): void {
    this.clear();
    for (const [code, record] of snapshot.codes) this.codes.set(code, record);
    for (const record of snapshot.tokens) this.tokens.set(record.token, record);
    for (const [token, record] of snapshot.refreshes) this.refreshes.set(token, record);
  }

  issueCode(grant: Grant): string {
    const code = this.random().alphanumeric(32);
    this.codes.set(code, { ...grant, expiresAt: this.clock.nowMs() + CODE_TTL_S * 1000, used: false });
    return code;
  }

  /** §2: unknown or other app's code → 40029, reused → 40163, older than 5 min → 42003. */
  exchange(appid: string, code: string): Outcome<SnsTokenRecord> {
    const record = this.codes.get(code);
    if (record === undefined || record.appid !== appid) return { ok: false, errcode: 40029 };
    if (record.used) return { ok: false, errcode: 40163 };
    // [?] §2: WeChat sometimes answers plain 40029 for expired codes; the sandbox uses 42003.
    if (this.clock.nowMs() >= record.expiresAt) return { ok: false, errcode: 42003 };
    record.used = true;
    const refreshToken = this.random().tokenChars(96);
    const token = this.newToken(record, refreshToken);
    const { appid: a, userId, openid, unionid, scope, snapshot } = record;
    this.refreshes.set(refreshToken, {
      appid: a,
      userId,
      openid,
      unionid,
      scope,
      snapshot,
      accessToken: token.token,
      expiresAt: this.clock.nowMs() + REFRESH_TTL_S * 1000,
    });
    return { ok: true, value: token };
  }

  /**
   * §3: a live access token comes back unchanged with a renewed 7200 s; an expired one is replaced.
   * The refresh token itself keeps its 30-day life from the original authorization.
   */
  refresh(appid: string, refreshToken: string): Outcome<SnsTokenRecord> {
    const record = this.refreshes.get(refreshToken);
    if (record === undefined || record.appid !== appid) return { ok: false, errcode: 40030 };
    const now = this.clock.nowMs();
    if (now >= record.expiresAt) return { ok: false, errcode: 42002 };
    const current = this.tokens.get(record.accessToken);
    if (current !== undefined && now < current.expiresAt) {
      current.expiresAt = now + SNS_TOKEN_TTL_S * 1000;
      return { ok: true, value: current };
    }
    if (current !== undefined) this.tokens.delete(current.token);
    const token = this.newToken(record, refreshToken);
    record.accessToken = token.token;
    return { ok: true, value: token };
  }

  /** §4: missing 41001 (caller), malformed 40014, unknown 40001, expired 42001. */
  lookupToken(token: string): Outcome<SnsTokenRecord> {
    const record = this.tokens.get(token);
    if (record === undefined) return { ok: false, errcode: isWellFormedToken(token) ? 40001 : 40014 };
    if (this.clock.nowMs() >= record.expiresAt) return { ok: false, errcode: 42001 };
    return { ok: true, value: record };
  }

  private newToken(grant: Grant, refreshToken: string): SnsTokenRecord {
    const token = `84_${this.random().tokenChars(96)}`;
    const record: SnsTokenRecord = {
      appid: grant.appid,
      userId: grant.userId,
      openid: grant.openid,
      unionid: grant.unionid,
      scope: grant.scope,
      snapshot: grant.snapshot,
      token,
      refreshToken,
      expiresAt: this.clock.nowMs() + SNS_TOKEN_TTL_S * 1000,
    };
    this.tokens.set(token, record);
    return record;
  }
}
