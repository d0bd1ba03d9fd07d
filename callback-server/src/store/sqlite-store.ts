import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database, { type Statement } from "better-sqlite3";
import { type CounterRow, countersFor, statsFromCounters } from "./event-counters.js";
import { runLocked } from "./lock-runner.js";
import { SqliteEphemeral } from "./sqlite-ephemeral.js";
import { sqliteFault } from "./sqlite-faults.js";
import { migrate } from "./sqlite-schema.js";
import { searchUserRows } from "./sqlite-user-search.js";
import { SqliteWriteBatch } from "./sqlite-write-batch.js";
import { raiseStoreFaults } from "./store-faults.js";
import { checkDay, checkLimit, checkRecordName, RECORDS_LIST_MAX } from "./store-input.js";
import type {
  AuthorizationWrite,
  EventInput,
  EventQuery,
  EventStats,
  KeyWrite,
  LockOptions,
  MenuVersion,
  MenuVersionInput,
  ReplySettings,
  StorageReport,
  Store,
  StoredEvent,
  StoredRecord,
  UserPage,
  UserRecord,
  UserSearch,
  UserTokens,
  WindowCount,
} from "./store-types.js";
import { decodeCursor, encodeCursor } from "./user-cursor.js";
import { lowerNickname, normalizeQuery } from "./user-match.js";

export interface SqliteStoreOptions {
  /** The database file; its folder is created (0700) and the file is kept at mode 0600. */
  path: string;
  /** Events kept for the activity stream; older ones are trimmed (stats counters are not). */
  maxEvents?: number;
  /**
   * Above this many FTS/prefix candidates the match is common, so walking the recency index and
   * stopping after a page beats sorting every candidate (tests set 0 to force the walk).
   */
  searchCandidateCap?: number;
  /** How long a write waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
}

const SEARCH_MAX = 200;
const LIST_MAX = 1000;
const TRIM_EVERY = 1000;

interface MenuRow {
  id: number;
  kind: MenuVersion["kind"];
  by: string;
  at: number;
  menu: string;
  rollback_of: number | null;
}
interface EventRow {
  id: number;
  type: string;
  at: number;
  data: string;
}

/**
 * The default store: one SQLite file in WAL mode, safe for several processes on one machine. A
 * locked (past the busy timeout), full or failing database makes a method fail with
 * `StoreUnavailableError` (`raiseStoreFaults` below the class).
 */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Statement>();
  readonly #maxEvents: number;
  readonly #candidateCap: number;
  readonly #ephemeral: SqliteEphemeral;
  /** Every write goes through here: one commit per turn of the event loop, not one per write. */
  readonly #batch: SqliteWriteBatch;
  #appendsSinceTrim = 0;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
    // Create the file 0600 before SQLite opens it: the -wal and -shm files copy its mode,
    // and they hold the same (encrypted) tokens and user profiles.
    closeSync(openSync(options.path, "a", 0o600));
    chmodSync(options.path, 0o600);
    this.#db = new Database(options.path);
    this.#db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.#db.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: durable against process crashes; a power cut may lose the last commits.
    this.#db.pragma("synchronous = NORMAL");
    // Checkpoint every ~40 MB of WAL instead of SQLite's 4 MB: a busy page (the newest events,
    // today's counters) is copied into the database once per checkpoint, however often it was
    // committed, and recent pages are read from fewer places. At 64 concurrent callbacks this
    // wrote ~15% fewer pages and read a quarter as many. The file is cut back to 64 MB after.
    this.#db.pragma("wal_autocheckpoint = 10000");
    this.#db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    migrate(this.#db);
    this.#batch = new SqliteWriteBatch(this.#db);
    this.#ephemeral = new SqliteEphemeral(this.#db, (sql) => this.#sql(sql), this.#batch);
    this.#maxEvents = options.maxEvents ?? 100_000;
    this.#candidateCap = options.searchCandidateCap ?? 2000;
  }

  #sql(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  upsertUser(user: UserRecord): Promise<void> {
    return this.#batch.run(() => this.#upsertUserRow(user));
  }

  #upsertUserRow(user: UserRecord): void {
    const nicknameLc = lowerNickname(user.nickname);
    this.#sql(
      `INSERT INTO users (openid, unionid, nickname_lc, nickname_chars, last_authorized_at, data)
       VALUES (@openid, @unionid, @nicknameLc, @nicknameChars, @at, @data)
       ON CONFLICT (openid) DO UPDATE SET unionid = excluded.unionid, nickname_lc = excluded.nickname_lc,
         nickname_chars = excluded.nickname_chars, last_authorized_at = excluded.last_authorized_at,
         data = excluded.data`,
    ).run({
      openid: user.openid,
      unionid: user.unionid ?? null,
      nicknameLc,
      nicknameChars: [...nicknameLc].join(" "),
      at: user.lastAuthorizedAt,
      data: JSON.stringify(user),
    });
  }

  async getUser(openid: string): Promise<UserRecord | undefined> {
    return this.#readUser(openid);
  }

  #readUser(openid: string): UserRecord | undefined {
    const data = this.#sql("SELECT data FROM users WHERE openid = ?").pluck().get(openid);
    return typeof data === "string" ? (JSON.parse(data) as UserRecord) : undefined;
  }

  async searchUsers(search: UserSearch): Promise<UserPage> {
    const limit = checkLimit(search.limit, SEARCH_MAX);
    const position = search.cursor ? decodeCursor(search.cursor) : undefined;
    const rows = searchUserRows(
      (sql) => this.#sql(sql),
      normalizeQuery(search.q),
      position,
      limit + 1,
      this.#candidateCap,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      users: page.map((row) => JSON.parse(row.data) as UserRecord),
      ...(rows.length > limit && last
        ? { nextCursor: encodeCursor({ at: last.last_authorized_at, openid: last.openid }) }
        : {}),
    };
  }

  async countUsers(): Promise<number> {
    return this.#sql("SELECT count(*) FROM users").pluck().get() as number;
  }

  async updateUserTokens(openid: string, tokens: UserTokens): Promise<boolean> {
    return this.#patchUser(openid, (user) => {
      user.tokens = tokens;
      delete user.needsReauth;
    });
  }

  async markUserNeedsReauth(openid: string, reason: string, at = Date.now()): Promise<boolean> {
    return this.#patchUser(openid, (user) => {
      user.needsReauth = { at, reason };
    });
  }

  /** Read-modify-write in one step of an IMMEDIATE transaction: no other process interleaves. */
  #patchUser(openid: string, patch: (user: UserRecord) => void): Promise<boolean> {
    return this.#batch.run(() => {
      const user = this.#readUser(openid);
      if (!user) return false;
      patch(user);
      this.#sql("UPDATE users SET data = ? WHERE openid = ?").run(JSON.stringify(user), openid);
      return true;
    });
  }

  addMenuVersion(version: MenuVersionInput): Promise<number> {
    return this.#batch.run(() => {
      const result = this.#sql(
        "INSERT INTO menu_versions (kind, by, at, menu, rollback_of) VALUES (?, ?, ?, ?, ?)",
      ).run(
        version.kind,
        version.by,
        version.at,
        JSON.stringify(version.menu ?? null),
        version.rollbackOf ?? null,
      );
      return Number(result.lastInsertRowid);
    });
  }

  async listMenuVersions(limit: number): Promise<MenuVersion[]> {
    const rows = this.#sql("SELECT * FROM menu_versions ORDER BY id DESC LIMIT ?").all(
      checkLimit(limit, LIST_MAX),
    ) as MenuRow[];
    return rows.map(menuFromRow);
  }

  async getMenuVersion(id: number): Promise<MenuVersion | undefined> {
    const row = this.#sql("SELECT * FROM menu_versions WHERE id = ?").get(id) as MenuRow | undefined;
    return row ? menuFromRow(row) : undefined;
  }

  async getReplies(): Promise<ReplySettings> {
    const value = this.#sql("SELECT value FROM settings WHERE key = 'replies'").pluck().get();
    return typeof value === "string" ? (JSON.parse(value) as ReplySettings) : { click: {} };
  }

  putReplies(replies: ReplySettings): Promise<void> {
    return this.#batch.run(() => {
      this.#sql(
        "INSERT INTO settings (key, value) VALUES ('replies', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(JSON.stringify(replies));
    });
  }

  /** In the `settings` table beside the replies, as `meta:<name>` (no migration needed). */
  async getMeta(name: string): Promise<string | undefined> {
    const value = this.#sql("SELECT value FROM settings WHERE key = ?").pluck().get(`meta:${name}`);
    return typeof value === "string" ? value : undefined;
  }

  putMeta(name: string, value: string, options: { replace?: boolean } = {}): Promise<boolean> {
    return this.#batch.run(() => {
      const result = this.#sql(
        options.replace
          ? "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
          : "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
      ).run(`meta:${name}`, value);
      return result.changes === 1;
    });
  }

  appendEvent(event: EventInput): Promise<StoredEvent> {
    return this.#batch.run(() => this.#appendEventRows(event));
  }

  /** The user, its event and the keys in one step, so they arrive together or not at all. */
  saveAuthorization(write: AuthorizationWrite): Promise<StoredEvent> {
    return this.#batch.run(() => {
      this.#upsertUserRow(write.user);
      const stored = this.#appendEventRows(write.event);
      for (const { key, value, ttlMs } of write.keys) this.#ephemeral.setNow(key, value, ttlMs);
      return stored;
    });
  }

  #appendEventRows(event: EventInput): StoredEvent {
    const id = this.#insertEventRows(event);
    // Trim the log now and then, in the same step as an append.
    if (++this.#appendsSinceTrim >= TRIM_EVERY) {
      this.#appendsSinceTrim = 0;
      this.#sql("DELETE FROM events WHERE id <= ?").run(id - this.#maxEvents);
    }
    return { id, type: event.type, at: event.at, data: event.data };
  }

  #insertEventRows(event: EventInput): number {
    const result = this.#sql("INSERT INTO events (type, at, data) VALUES (?, ?, ?)").run(
      event.type,
      event.at,
      JSON.stringify(event.data),
    );
    for (const { day, metric } of countersFor(event)) {
      this.#sql(
        `INSERT INTO event_counters (day, metric, n) VALUES (?, ?, 1)
         ON CONFLICT (day, metric) DO UPDATE SET n = n + 1`,
      ).run(day, metric);
    }
    return Number(result.lastInsertRowid);
  }

  async listEvents(query: EventQuery): Promise<StoredEvent[]> {
    const limit = checkLimit(query.limit, LIST_MAX);
    const rows = (
      query.afterId === undefined
        ? this.#sql("SELECT * FROM events ORDER BY id DESC LIMIT ?").all(limit).reverse()
        : this.#sql("SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?").all(query.afterId, limit)
    ) as EventRow[];
    return rows.map((row) => ({ id: row.id, type: row.type, at: row.at, data: JSON.parse(row.data) }));
  }

  async statsSince(dayFrom: string): Promise<EventStats> {
    const rows = this.#sql("SELECT day, metric, n FROM event_counters WHERE day >= ?").all(
      checkDay(dayFrom),
    ) as CounterRow[];
    return statsFromCounters(rows, dayFrom);
  }

  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.#ephemeral.putIfAbsent(key, value, ttlMs);
  }

  async get(key: string): Promise<string | undefined> {
    return this.#ephemeral.get(key);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.#ephemeral.set(key, value, ttlMs);
  }

  take(key: string, mark?: KeyWrite): Promise<string | undefined> {
    return this.#ephemeral.take(key, mark);
  }

  compareAndDelete(key: string, expected: string): Promise<boolean> {
    return this.#ephemeral.compareAndDelete(key, expected);
  }

  async hitCounter(key: string, windowMs: number): Promise<WindowCount> {
    return this.#ephemeral.hitCounter(key, windowMs);
  }

  async readCounter(key: string): Promise<WindowCount | undefined> {
    return this.#ephemeral.readCounter(key);
  }

  putRecord(collection: string, id: string, value: string): Promise<void> {
    checkRecordName(collection, "collection");
    checkRecordName(id, "id");
    return this.#batch.run(() => {
      this.#sql(
        `INSERT INTO records (collection, id, value) VALUES (?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET value = excluded.value`,
      ).run(collection, id, value);
    });
  }

  async getRecord(collection: string, id: string): Promise<string | undefined> {
    const value = this.#sql("SELECT value FROM records WHERE collection = ? AND id = ?")
      .pluck()
      .get(checkRecordName(collection, "collection"), checkRecordName(id, "id"));
    return typeof value === "string" ? value : undefined;
  }

  async listRecords(collection: string): Promise<StoredRecord[]> {
    return this.#sql("SELECT id, value FROM records WHERE collection = ? ORDER BY id LIMIT ?").all(
      checkRecordName(collection, "collection"),
      RECORDS_LIST_MAX,
    ) as StoredRecord[];
  }

  deleteRecord(collection: string, id: string): Promise<boolean> {
    checkRecordName(collection, "collection");
    checkRecordName(id, "id");
    return this.#batch.run(
      () =>
        this.#sql("DELETE FROM records WHERE collection = ? AND id = ?").run(collection, id).changes === 1,
    );
  }

  withLock<T>(name: string, ttlMs: number, fn: () => Promise<T>, options: LockOptions): Promise<T> {
    return runLocked(this.#ephemeral, name, ttlMs, fn, options);
  }

  async ping(): Promise<void> {
    this.#sql("SELECT 1").get();
  }

  async describeStorage(): Promise<StorageReport> {
    // Asked of the open database like every other method: a closed one throws.
    await this.ping();
    return { kind: "sqlite", persistence: "file" };
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    // Writes already asked for are committed, not dropped.
    this.#batch.flush();
    this.#db.close();
  }
}

raiseStoreFaults(SqliteStore, sqliteFault);

function menuFromRow(row: MenuRow): MenuVersion {
  return {
    id: row.id,
    kind: row.kind,
    by: row.by,
    at: row.at,
    menu: JSON.parse(row.menu),
    ...(row.rollback_of === null || row.rollback_of === undefined ? {} : { rollbackOf: row.rollback_of }),
  };
}
