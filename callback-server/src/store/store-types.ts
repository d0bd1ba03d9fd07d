import type { OAuthScope, ReplySettings } from "@wxdesk/wechat";
import type { SealedToken } from "../crypto/sealed-token.js";

/** Epoch milliseconds. Every time in the store is one of these. */
export type EpochMs = number;

/**
 * A user's web-auth tokens. Only ciphertext reaches the store: the `SealedToken` type comes
 * from `TokenCipher.encrypt` and nothing else produces it.
 */
export interface UserTokens {
  accessTokenEnc: SealedToken;
  refreshTokenEnc: SealedToken;
  accessExpiresAt: EpochMs;
  /** WeChat refresh tokens live 30 days (protocol sheet §3); past this the user must re-authorize. */
  refreshExpiresAt: EpochMs;
  obtainedAt: EpochMs;
  refreshedAt?: EpochMs;
}

export interface UserRecord {
  openid: string;
  unionid?: string;
  scope: OAuthScope;
  nickname?: string;
  headimgurl?: string;
  /** Always 0 since 2021-10-20 (protocol sheet §4), kept because WeChat still sends it. */
  sex?: number;
  privilege: string[];
  lang?: string;
  firstAuthorizedAt: EpochMs;
  lastAuthorizedAt: EpochMs;
  profileUpdatedAt?: EpochMs;
  tokens: UserTokens;
  needsReauth?: { at: EpochMs; reason: string };
}

export interface UserSearch {
  /** Nickname substring (case-insensitive), or openid / unionid exact-or-prefix. Blank = everyone. */
  q?: string;
  /** `nextCursor` from the previous page; opaque to callers. */
  cursor?: string;
  /** 1..200. */
  limit: number;
}

export interface UserPage {
  /** Newest `lastAuthorizedAt` first, ties by openid descending. */
  users: UserRecord[];
  /**
   * Present while more users may match. A page can hold fewer than `limit` users and still
   * carry a cursor when a backend bounds the work per call (the Redis store does).
   */
  nextCursor?: string;
}

export type MenuChangeKind = "publish" | "delete" | "rollback";

export interface MenuVersionInput {
  /** The menu JSON as published (already validated by `wechat/`); null-ish for a delete. */
  menu: unknown;
  kind: MenuChangeKind;
  /** Who did it: the admin key's label. */
  by: string;
  at: EpochMs;
  /** For a `rollback`: the id of the version it went back to. Absent on every other kind. */
  rollbackOf?: number;
}

export interface MenuVersion extends MenuVersionInput {
  /** Increasing; later changes have larger ids. */
  id: number;
}

/** Passive replies (§9.3) and their rules live in `@wxdesk/wechat/replies`, shared with the desktop. */
export type { ReplyArticle as NewsArticle, ReplyConfig, ReplySettings } from "@wxdesk/wechat";

/**
 * Event types the stats counters understand. Others are logged and streamed but not counted.
 * `failure` events count by `data.errcode`.
 */
export type KnownEventType = "authorization" | "refresh" | "check" | "failure" | "menu" | "message";

export interface EventInput {
  type: KnownEventType | (string & {});
  at: EpochMs;
  data: Record<string, unknown>;
}

export interface StoredEvent extends EventInput {
  /** Increasing; the SSE `id:` so a reconnecting client resumes with `afterId`. */
  id: number;
}

export interface EventQuery {
  /** Events with a larger id, oldest first. Without it: the latest `limit` events, oldest first. */
  afterId?: number;
  limit: number;
}

export interface EventStats {
  /** UTC `YYYY-MM-DD` → authorizations that day, for days ≥ `dayFrom` that had any. */
  authorizationsPerDay: Record<string, number>;
  /** errcode (as text) → failures since `dayFrom`; `"unknown"` when the event had none. */
  failuresByErrcode: Record<string, number>;
}

/** One ephemeral key written as part of a larger step (`take`'s mark, `saveAuthorization`). */
export interface KeyWrite {
  key: string;
  value: string;
  ttlMs: number;
}

/** One durable record of a small collection (`Store.listRecords`). */
export interface StoredRecord {
  id: string;
  value: string;
}

/** What one completed OAuth authorization writes (`Store.saveAuthorization`). */
export interface AuthorizationWrite {
  user: UserRecord;
  event: EventInput;
  /** Ephemeral keys written in the same step, e.g. the code-replay result. */
  keys: KeyWrite[];
}

/** A counter that lives for one window (`Store.hitCounter`), e.g. failed admin keys from one client. */
export interface WindowCount {
  count: number;
  /** When the window ends and the counter is forgotten. */
  resetAt: EpochMs;
}

export interface LockOptions {
  /** How long to keep retrying before `LockTimeoutError`; 0 = one attempt. */
  waitMs: number;
}

/**
 * `file`: SQLite (WAL). Redis: `aof` (append-only file), `rdb` (snapshots only: a crash loses the
 * writes since the last one), `none` (a restart loses everything), `unknown` (CONFIG is refused,
 * as on many managed services).
 */
export type StoragePersistence = "file" | "aof" | "rdb" | "none" | "unknown";

export type StoreBackend = "sqlite" | "redis";

export interface StorageReport {
  kind: StoreBackend;
  persistence: StoragePersistence;
}

/**
 * Everything the callback server persists, in one shape for SQLite (one instance) and Redis
 * (several instances). Async throughout so both fit; one contract suite tests both.
 */
export interface Store {
  // users
  /** Insert or replace the whole record (a fresh authorization). */
  upsertUser(user: UserRecord): Promise<void>;
  getUser(openid: string): Promise<UserRecord | undefined>;
  searchUsers(search: UserSearch): Promise<UserPage>;
  countUsers(): Promise<number>;
  /** New tokens also clear `needsReauth`: a working refresh proves the grant is alive. False if unknown. */
  updateUserTokens(openid: string, tokens: UserTokens): Promise<boolean>;
  /** False if the user is unknown. */
  markUserNeedsReauth(openid: string, reason: string, at?: EpochMs): Promise<boolean>;

  // menu history
  addMenuVersion(version: MenuVersionInput): Promise<number>;
  /** Newest first. */
  listMenuVersions(limit: number): Promise<MenuVersion[]>;
  getMenuVersion(id: number): Promise<MenuVersion | undefined>;

  // replies configured from the desktop
  getReplies(): Promise<ReplySettings>;
  putReplies(replies: ReplySettings): Promise<void>;

  // activity log (SSE stream + stats)
  appendEvent(event: EventInput): Promise<StoredEvent>;
  /**
   * `upsertUser` + `appendEvent` + `set` of each key as one step: one SQLite transaction, one
   * Redis MULTI. An OAuth callback's writes after the exchange; each of those calls alone costs a
   * commit (SQLite) or a round trip (Redis). Same stored results as the separate calls.
   */
  saveAuthorization(write: AuthorizationWrite): Promise<StoredEvent>;
  listEvents(query: EventQuery): Promise<StoredEvent[]>;
  /** `dayFrom` is a UTC `YYYY-MM-DD`; read from counters kept by `appendEvent`, not a scan. */
  statsSince(dayFrom: string): Promise<EventStats>;

  // durable facts about the store itself, never expiring (the token-key canary)
  getMeta(name: string): Promise<string | undefined>;
  /** Stores `value` unless `name` already has one (then false); `replace` overwrites whatever is there. */
  putMeta(name: string, value: string, options?: { replace?: boolean }): Promise<boolean>;

  // ephemeral keys: state nonces, code-replay cache, message dedup, global token cache
  /** True if stored; false if a live value already holds the key. */
  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Atomic get-and-delete: of two concurrent callers, one gets the value. With `mark`, the caller
   * that got a live value also sets that key in the same step (a "used" marker for a nonce).
   */
  take(key: string, mark?: KeyWrite): Promise<string | undefined>;
  /** Delete only if the live value is still `expected` (compare-and-expire of a failed global token). */
  compareAndDelete(key: string, expected: string): Promise<boolean>;

  // durable records: small keyed collections that never expire (OpenID Connect apps and signing
  // keys, which apps a user signed in to). Hundreds per collection, not millions: no paging.
  /** Insert or replace one record. Collection and id: 1..256 characters. */
  putRecord(collection: string, id: string, value: string): Promise<void>;
  getRecord(collection: string, id: string): Promise<string | undefined>;
  /** The collection's records ordered by id, at most `RECORDS_LIST_MAX` (the first ones by id). */
  listRecords(collection: string): Promise<StoredRecord[]>;
  /** False when there was no such record. */
  deleteRecord(collection: string, id: string): Promise<boolean>;

  /**
   * Add one to the counter `key` (the ephemeral keys' space) and return it. The first hit opens a
   * window of `windowMs`; later hits count in it without extending it; when it ends the counter is
   * gone. A hit takes effect before its promise settles and before any later call is served (no
   * group commit): a `readCounter` asked for right after it sees it, so a burst cannot outrun it.
   */
  hitCounter(key: string, windowMs: number): Promise<WindowCount>;
  /** The live counter under `key`, or undefined (never hit, or its window ended). */
  readCounter(key: string): Promise<WindowCount | undefined>;

  /**
   * Run `fn` while holding `name` across processes. The lock expires after `ttlMs` so a holder
   * that dies cannot block forever; keep `fn` shorter than `ttlMs`. Throws `LockTimeoutError`
   * when not acquired within `waitMs`.
   */
  withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>, options: LockOptions): Promise<T>;

  /** For /readyz: throws when the backend is unusable. */
  ping(): Promise<void>;
  /**
   * How the backend keeps data across its own restart (startup warning, `GET /admin/api/info`).
   * Throws only when the backend does not answer; a backend that answers but will not tell says
   * `unknown`.
   */
  describeStorage(): Promise<StorageReport>;
  close(): Promise<void>;
}
