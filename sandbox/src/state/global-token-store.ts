import { chinaDayNumber, type VirtualClock } from "./clock.js";
import { ExpiringMap } from "./expiring-map.js";
import { isWellFormedToken, type Outcome } from "./oauth-store.js";
import type { RandomText } from "./random.js";

export type GlobalTokenKind = "token" | "stable";

export interface GlobalTokenRecord {
  token: string;
  appid: string;
  kind: GlobalTokenKind;
  expiresAt: number;
  /** Usable until this instant (earlier than expiresAt once superseded, §6.1). */
  validUntil: number;
  /** Replaced by a newer token: past validUntil it answers 40001 rather than 42001. */
  superseded: boolean;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface AppTokens {
  classicCurrent?: GlobalTokenRecord;
  classicPrevious?: GlobalTokenRecord;
  classicDay: number;
  classicCount: number;
  stableCurrent?: GlobalTokenRecord;
  forceDay: number;
  forceCount: number;
  lastForceAt?: number;
  tickets: Map<string, { ticket: string; expiresAt: number }>;
}

// §6: 7200 s lifetime; cgi-bin/token keeps the previous token alive 5 more minutes; stable_token
// rotates in its last 5 minutes; force_refresh at most 20/day and ≥30 s apart.
export const GLOBAL_TOKEN_TTL_S = 7200;
const OVERLAP_MS = 300_000;
const FORCE_GAP_MS = 30_000;
const TICKET_TTL_S = 7200;

/**
 * Tokens, quotas and tickets as plain data (a saved sandbox, sandbox/src/persist/). An app's current
 * and previous tokens are kept whole: an old one may already have left the token map.
 */
export interface GlobalTokenSnapshot {
  tokens: GlobalTokenRecord[];
  apps: Array<
    { appid: string; tickets: Array<{ type: string; ticket: string; expiresAt: number }> } & Omit<
      AppTokens,
      "tickets"
    >
  >;
}

export class GlobalTokenStore {
  private readonly tokens: ExpiringMap<GlobalTokenRecord>;
  private readonly apps = new Map<string, AppTokens>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly random: () => RandomText,
    private readonly quotas: { tokenDaily: number; stableForceDaily: number },
  ) {
    this.tokens = new ExpiringMap(() => clock.nowMs(), 86_400_000);
  }

  clear(): void {
    this.tokens.clear();
    this.apps.clear();
  }

  snapshot(): GlobalTokenSnapshot {
    return {
      tokens: [...this.tokens.entries()].map(([, record]) => record),
      apps: [...this.apps].map(([appid, { tickets, ...app }]) => ({
        appid,
        ...app,
        tickets: [...tickets].map(([type, entry]) => ({ type, ...entry })),
      })),
    };
  }

  restore(snapshot: GlobalTokenSnapshot): void {
    this.clear();
    for (const record of snapshot.tokens) this.tokens.set(record.token, record);
    // The same object in the map and in the app, as when it was issued (superseding changes both).
    const same = (record: GlobalTokenRecord | undefined) =>
      record === undefined ? undefined : (this.tokens.get(record.token) ?? record);
    for (const {
      appid,
      tickets,
      classicCurrent,
      classicPrevious,
      stableCurrent,
      ...counts
    } of snapshot.apps) {
      const app: AppTokens = {
        ...counts,
        tickets: new Map(tickets.map(({ type, ...entry }) => [type, entry])),
      };
      const current = same(classicCurrent);
      const previous = same(classicPrevious);
      const stable = same(stableCurrent);
      if (current) app.classicCurrent = current;
      if (previous) app.classicPrevious = previous;
      if (stable) app.stableCurrent = stable;
      this.apps.set(appid, app);
    }
  }

  /** §6.1: a new token on every call; the previous one lives 5 more minutes; older ones die. */
  issueClassic(appid: string): Outcome<IssuedToken> {
    const now = this.clock.nowMs();
    const app = this.appTokens(appid);
    const day = chinaDayNumber(now);
    if (app.classicDay !== day) {
      app.classicDay = day;
      app.classicCount = 0;
    }
    if (app.classicCount >= this.quotas.tokenDaily) return { ok: false, errcode: 45009 };
    app.classicCount += 1;
    if (app.classicPrevious) this.retire(app.classicPrevious, now);
    const current = app.classicCurrent;
    if (current) {
      current.superseded = true;
      current.validUntil = Math.min(current.validUntil, now + OVERLAP_MS);
      app.classicPrevious = current;
    }
    const next = this.newToken(appid, "token");
    app.classicCurrent = next;
    return { ok: true, value: { accessToken: next.token, expiresIn: GLOBAL_TOKEN_TTL_S } };
  }

  /** §6.2: the same token while valid (expires_in counting down), independent of cgi-bin/token. */
  issueStable(appid: string, forceRefresh: boolean): Outcome<IssuedToken> {
    const now = this.clock.nowMs();
    const app = this.appTokens(appid);
    const current = app.stableCurrent;
    const alive = current !== undefined && now < current.validUntil;
    if (forceRefresh) {
      // Force calls closer than 30 s apart do not refresh: the current token comes back unchanged.
      const tooSoon = app.lastForceAt !== undefined && now - app.lastForceAt < FORCE_GAP_MS;
      if (!(tooSoon && alive && current)) {
        const day = chinaDayNumber(now);
        if (app.forceDay !== day) {
          app.forceDay = day;
          app.forceCount = 0;
        }
        if (app.forceCount >= this.quotas.stableForceDaily) return { ok: false, errcode: 45009 };
        app.forceCount += 1;
        app.lastForceAt = now;
        if (current) this.retire(current, now);
        app.stableCurrent = this.newToken(appid, "stable");
        return { ok: true, value: this.describe(app.stableCurrent, now) };
      }
      return { ok: true, value: this.describe(current, now) };
    }
    if (alive && current && now < current.expiresAt - OVERLAP_MS) {
      return { ok: true, value: this.describe(current, now) };
    }
    // Last 5 minutes (or gone): a new token; the old one stays usable until its own expiry.
    if (current) current.superseded = true;
    app.stableCurrent = this.newToken(appid, "stable");
    return { ok: true, value: this.describe(app.stableCurrent, now) };
  }

  /** §10: unknown/superseded → 40001, malformed → 40014, expired → 42001. */
  check(token: string): Outcome<GlobalTokenRecord> {
    const record = this.tokens.get(token);
    if (record === undefined) return { ok: false, errcode: isWellFormedToken(token) ? 40001 : 40014 };
    if (this.clock.nowMs() < record.validUntil) return { ok: true, value: record };
    return { ok: false, errcode: record.superseded && record.validUntil < record.expiresAt ? 40001 : 42001 };
  }

  /** §8.1: the same ticket while it is valid for that app; a new one after expiry. */
  ticket(appid: string, type: string): IssuedTicket {
    const now = this.clock.nowMs();
    const app = this.appTokens(appid);
    let entry = app.tickets.get(type);
    if (entry === undefined || now >= entry.expiresAt) {
      entry = { ticket: this.random().tokenChars(86), expiresAt: now + TICKET_TTL_S * 1000 };
      app.tickets.set(type, entry);
    }
    return { ticket: entry.ticket, expiresIn: Math.ceil((entry.expiresAt - now) / 1000) };
  }

  /** The jsapi ticket the WeChat client would check a `wx.config` against, if one is valid now. */
  validTicket(appid: string, type: string): string | undefined {
    const entry = this.apps.get(appid)?.tickets.get(type);
    return entry !== undefined && this.clock.nowMs() < entry.expiresAt ? entry.ticket : undefined;
  }

  private retire(record: GlobalTokenRecord, now: number): void {
    record.superseded = true;
    record.validUntil = Math.min(record.validUntil, now);
  }

  private describe(record: GlobalTokenRecord, now: number): IssuedToken {
    return { accessToken: record.token, expiresIn: Math.max(0, Math.ceil((record.expiresAt - now) / 1000)) };
  }

  private newToken(appid: string, kind: GlobalTokenKind): GlobalTokenRecord {
    const expiresAt = this.clock.nowMs() + GLOBAL_TOKEN_TTL_S * 1000;
    const record: GlobalTokenRecord = {
      token: `86_${this.random().tokenChars(140)}`,
      appid,
      kind,
      expiresAt,
      validUntil: expiresAt,
      superseded: false,
    };
    this.tokens.set(record.token, record);
    return record;
  }

  private appTokens(appid: string): AppTokens {
    let app = this.apps.get(appid);
    if (app === undefined) {
      app = { classicDay: -1, classicCount: 0, forceDay: -1, forceCount: 0, tickets: new Map() };
      this.apps.set(appid, app);
    }
    return app;
  }
}

export interface IssuedTicket {
  ticket: string;
  expiresIn: number;
}
