import type { Database, Statement } from "better-sqlite3";
import type { LockBackend } from "./lock-runner.js";
import type { SqliteWriteBatch } from "./sqlite-write-batch.js";
import { checkTtl } from "./store-input.js";
import type { KeyWrite, WindowCount } from "./store-types.js";

const PRUNE_EVERY_MS = 60_000;

/**
 * TTL keys and lock rows in the SQLite file. Every write is one step of the store's group commit
 * (`SqliteWriteBatch`): atomic on its own, and for every process sharing the file.
 */
export class SqliteEphemeral implements LockBackend {
  readonly #db: Database;
  readonly #sql: (sql: string) => Statement;
  readonly #batch: SqliteWriteBatch;
  #lastPrune = 0;

  constructor(db: Database, sql: (sql: string) => Statement, batch: SqliteWriteBatch) {
    this.#db = db;
    this.#sql = sql;
    this.#batch = batch;
  }

  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.#batch.run(() => {
      const now = this.#pruneNow();
      // One statement: insert, or take over the key only when its value has expired.
      const result = this.#sql(
        `INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
         WHERE kv.expires_at <= ?`,
      ).run(key, value, now + checkTtl(ttlMs), now);
      return result.changes === 1;
    });
  }

  get(key: string): string | undefined {
    const value = this.#sql("SELECT value FROM kv WHERE key = ? AND expires_at > ?")
      .pluck()
      .get(key, Date.now());
    return typeof value === "string" ? value : undefined;
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.#batch.run(() => this.setNow(key, value, ttlMs));
  }

  /** `set` inside a step that is already running (another write's savepoint). */
  setNow(key: string, value: string, ttlMs: number): void {
    const now = this.#pruneNow();
    this.#sql(
      `INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ).run(key, value, now + checkTtl(ttlMs));
  }

  /** The value goes and the mark arrives in one step (a throw, e.g. a bad TTL, undoes both). */
  take(key: string, mark?: KeyWrite): Promise<string | undefined> {
    return this.#batch.run(() => {
      // DELETE … RETURNING is one statement, so two takers cannot both see the value.
      const row = this.#sql("DELETE FROM kv WHERE key = ? RETURNING value, expires_at").get(key) as
        | { value: string; expires_at: number }
        | undefined;
      const value = row && row.expires_at > Date.now() ? row.value : undefined;
      if (value !== undefined && mark) this.setNow(mark.key, mark.value, mark.ttlMs);
      return value;
    });
  }

  compareAndDelete(key: string, expected: string): Promise<boolean> {
    return this.#batch.run(() => {
      const result = this.#sql("DELETE FROM kv WHERE key = ? AND value = ? AND expires_at > ?").run(
        key,
        expected,
        Date.now(),
      );
      return result.changes === 1;
    });
  }

  /**
   * Not part of the group commit: a counter guards against bursts, and a read asked for in the same
   * turn as a hit (before the batch would commit) must see it. One statement, one small commit, at
   * most `maxFailures` times per client and window.
   */
  hitCounter(key: string, windowMs: number): WindowCount {
    const now = this.#pruneNow();
    const row = this.#sql(
      `INSERT INTO kv (key, value, expires_at) VALUES (@key, '1', @resetAt)
       ON CONFLICT (key) DO UPDATE SET
         value = CASE WHEN kv.expires_at <= @now THEN '1' ELSE CAST(CAST(kv.value AS INTEGER) + 1 AS TEXT) END,
         expires_at = CASE WHEN kv.expires_at <= @now THEN excluded.expires_at ELSE kv.expires_at END
       RETURNING value, expires_at`,
    ).get({ key, now, resetAt: now + checkTtl(windowMs) }) as { value: string; expires_at: number };
    return { count: Number(row.value), resetAt: row.expires_at };
  }

  readCounter(key: string): WindowCount | undefined {
    const row = this.#sql("SELECT value, expires_at FROM kv WHERE key = ? AND expires_at > ?").get(
      key,
      Date.now(),
    ) as { value: string; expires_at: number } | undefined;
    return row ? { count: Number(row.value), resetAt: row.expires_at } : undefined;
  }

  tryAcquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    // The batch's transaction is IMMEDIATE (SQLite's write lock first), so the check and the
    // claim are one step for every process sharing the file.
    return this.#batch.run(() => {
      const now = this.#pruneNow();
      const held = this.#sql("SELECT 1 FROM locks WHERE name = ? AND expires_at > ?").get(name, now);
      if (held) return false;
      this.#sql("INSERT OR REPLACE INTO locks (name, owner, expires_at) VALUES (?, ?, ?)").run(
        name,
        owner,
        now + ttlMs,
      );
      return true;
    });
  }

  async release(name: string, owner: string): Promise<void> {
    // Only our own row: after our TTL ran out another process may hold the lock. A store closed
    // while the locked work ran has nothing left to release.
    if (!this.#db.open) return;
    await this.#batch.run(() => {
      this.#sql("DELETE FROM locks WHERE name = ? AND owner = ?").run(name, owner);
    });
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
