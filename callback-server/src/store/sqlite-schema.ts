import type { Database } from "better-sqlite3";

/**
 * Migrations, applied in order; `PRAGMA user_version` records how many ran. Append only:
 * a deployed database has already run the earlier entries.
 */
const MIGRATIONS: readonly string[] = [
  `
  -- Explicit INTEGER PRIMARY KEY: the FTS index refers to users by rowid, which VACUUM
  -- may renumber unless it is a declared column.
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    openid TEXT NOT NULL UNIQUE,
    unionid TEXT,
    nickname_lc TEXT NOT NULL DEFAULT '',
    -- nickname_lc with a space between characters: one token per character for users_chars.
    nickname_chars TEXT NOT NULL DEFAULT '',
    last_authorized_at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  -- Newest-first paging walks this index; it also covers the search filter columns, so a
  -- scan for short fragments reads only the index and fetches rows that match.
  CREATE INDEX users_recent ON users (last_authorized_at DESC, openid DESC, nickname_lc, unionid);
  CREATE INDEX users_unionid ON users (unionid) WHERE unionid IS NOT NULL;

  -- Substring search for fragments of 3+ characters (trigram needs three), CJK included.
  -- Both FTS tables only propose candidates; instr() on nickname_lc makes the final call.
  CREATE VIRTUAL TABLE users_fts USING fts5 (
    nickname_lc, content = 'users', content_rowid = 'id', tokenize = 'trigram'
  );
  -- Fragments of one or two characters (a CJK given name is often two): a phrase query over
  -- one-character tokens is a substring match. Walking the recency index instead costs a full
  -- pass for rare fragments (about 16 ms per 100,000 users; see testing/search-speed.ts).
  CREATE VIRTUAL TABLE users_chars USING fts5 (
    nickname_chars, content = 'users', content_rowid = 'id', tokenize = 'unicode61'
  );
  CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_fts (rowid, nickname_lc) VALUES (new.id, new.nickname_lc);
    INSERT INTO users_chars (rowid, nickname_chars) VALUES (new.id, new.nickname_chars);
  END;
  CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, nickname_lc) VALUES ('delete', old.id, old.nickname_lc);
    INSERT INTO users_chars (users_chars, rowid, nickname_chars) VALUES ('delete', old.id, old.nickname_chars);
  END;
  CREATE TRIGGER users_fts_update AFTER UPDATE OF nickname_lc ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, nickname_lc) VALUES ('delete', old.id, old.nickname_lc);
    INSERT INTO users_fts (rowid, nickname_lc) VALUES (new.id, new.nickname_lc);
    INSERT INTO users_chars (users_chars, rowid, nickname_chars) VALUES ('delete', old.id, old.nickname_chars);
    INSERT INTO users_chars (rowid, nickname_chars) VALUES (new.id, new.nickname_chars);
  END;

  CREATE TABLE menu_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    by TEXT NOT NULL,
    at INTEGER NOT NULL,
    menu TEXT NOT NULL
  );

  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

  -- AUTOINCREMENT so ids are never reused after old events are trimmed: SSE clients resume by id.
  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE TABLE event_counters (
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, metric)
  ) WITHOUT ROWID;

  CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX kv_expiry ON kv (expires_at);

  CREATE TABLE locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  `,
  // v2: which version a rollback went back to. A nullable column added in place: rows written before
  // it (and by a v1 server still running against this file during an upgrade) read back as NULL.
  `
  ALTER TABLE menu_versions ADD COLUMN rollback_of INTEGER;
  `,
  // v3: every re-authorization upserts the user, and the upsert names nickname_lc in its SET list,
  // which fired this trigger each time: four FTS writes (the costliest part of an OAuth callback's
  // storage) even when the nickname had not changed, as it usually has not. Only a changed
  // nickname needs re-indexing; nickname_chars is derived from nickname_lc, so one test covers both.
  `
  DROP TRIGGER users_fts_update;
  CREATE TRIGGER users_fts_update AFTER UPDATE OF nickname_lc ON users
  WHEN old.nickname_lc IS NOT new.nickname_lc BEGIN
    INSERT INTO users_fts (users_fts, rowid, nickname_lc) VALUES ('delete', old.id, old.nickname_lc);
    INSERT INTO users_fts (rowid, nickname_lc) VALUES (new.id, new.nickname_lc);
    INSERT INTO users_chars (users_chars, rowid, nickname_chars) VALUES ('delete', old.id, old.nickname_chars);
    INSERT INTO users_chars (rowid, nickname_chars) VALUES (new.id, new.nickname_chars);
  END;
  `,
  // v4: durable records of small collections (OpenID Connect apps and signing keys, which apps a
  // user signed in to): keyed by collection and id, listed by collection.
  `
  CREATE TABLE records (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (collection, id)
  ) WITHOUT ROWID;
  `,
];

export function migrate(db: Database): void {
  const current = db.pragma("user_version", { simple: true });
  const from = typeof current === "number" ? current : 0;
  if (from > MIGRATIONS.length) {
    throw new Error(`The database schema (v${from}) is newer than this server (v${MIGRATIONS.length}).`);
  }
  // IMMEDIATE: two processes opening a fresh file at once must not both run migration 1.
  db.transaction(() => {
    const now = db.pragma("user_version", { simple: true });
    for (let v = typeof now === "number" ? now : 0; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
