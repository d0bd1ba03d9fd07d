import type { Database, Statement } from "better-sqlite3";
import type { LockBackend } from "./lock-runner.js";
import { checkTtl } from "./store-input.js";
import type { KeyWrite } from "./store-types.js";

const PRUNE_EVERY_MS = 60_000;

/**
 * TTL keys and lock rows in the SQLite file. Each operation is one statement or one
 * IMMEDIATE transaction, so it is atomic for every process sharing the file.
 */
export class SqliteEphemeral implements LockBackend {
  readonly #db: Database;
  readonly #sql: (sql: string) => Statement;
  /** Built once: better-sqlite3's `transaction()` makes four wrapper functions per call. */
  readonly #takeMarked: (key: string, mark: KeyWrite) => string | undefined;
  #lastPrune = 0;

  constructor(db: Database, sql: (sql: string) => Statement) {
    this.#db = db;
    this.#sql = sql;
    // One transaction, one commit: the value goes and the mark arrives together, for every
    // process sharing the file (a throw, e.g. a bad TTL, rolls the delete back).
    this.#takeMarked = db.transaction((key: string, mark: KeyWrite) => {
      const value = this.#takeOne(key);
      if (value !== undefined) this.set(mark.key, mark.value, mark.ttlMs);
      return value;
    });
  }

  putIfAbsent(key: string, value: string, ttlMs: number): boolean {
    const now = this.#pruneNow();
    // One statement: insert, or take over the key only when its value has expired.
    const result = this.#sql(
      `INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
       WHERE kv.expires_at <= ?`,
    ).run(key, value, now + checkTtl(ttlMs), now);
    return result.changes === 1;
  }

  get(key: string): string | undefined {
    const value = this.#sql("SELECT value FROM kv WHERE key = ? AND expires_at > ?")
      .pluck()
      .get(key, Date.now());
    return typeof value === "string" ? value : undefined;
  }

  set(key: string, value: string, ttlMs: number): void {
    const now = this.#pruneNow();
    this.#sql(
      `INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ).run(key, value, now + checkTtl(ttlMs));
  }

  take(key: string, mark?: KeyWrite): string | undefined {
    return mark ? this.#takeMarked(key, mark) : this.#takeOne(key);
  }

  #takeOne(key: string): string | undefined {
    // DELETE … RETURNING is one statement, so two takers cannot both see the value.
    const row = this.#sql("DELETE FROM kv WHERE key = ? RETURNING value, expires_at").get(key) as
      | { value: string; expires_at: number }
      | undefined;
    return row && row.expires_at > Date.now() ? row.value : undefined;
  }

  compareAndDelete(key: string, expected: string): boolean {
    const result = this.#sql("DELETE FROM kv WHERE key = ? AND value = ? AND expires_at > ?").run(
      key,
      expected,
      Date.now(),
    );
    return result.changes === 1;
  }

  async tryAcquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    // BEGIN IMMEDIATE takes SQLite's write lock first, so the check and the claim are one
    // step for every process sharing the file.
    return this.#db
      .transaction(() => {
        const now = this.#pruneNow();
        const held = this.#sql("SELECT 1 FROM locks WHERE name = ? AND expires_at > ?").get(name, now);
        if (held) return false;
        this.#sql("INSERT OR REPLACE INTO locks (name, owner, expires_at) VALUES (?, ?, ?)").run(
          name,
          owner,
          now + ttlMs,
        );
        return true;
      })
      .immediate();
  }

  async release(name: string, owner: string): Promise<void> {
    // Only our own row: after our TTL ran out another process may hold the lock.
    if (this.#db.open) this.#sql("DELETE FROM locks WHERE name = ? AND owner = ?").run(name, owner);
  }

  /** Expired rows are dropped at most once a minute, piggybacking on writes (no timer to leak). */
  #pruneNow(): number {
    const now = Date.now();
    if (now - this.#lastPrune >= PRUNE_EVERY_MS) {
      this.#lastPrune = now;
      this.#sql("DELETE FROM kv WHERE expires_at <= ?").run(now);
      this.#sql("DELETE FROM locks WHERE expires_at <= ?").run(now);
    }
    return now;
  }
}
