import type { Database, Transaction } from "better-sqlite3";

interface QueuedWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: writes asked for during one turn of the event loop run in one IMMEDIATE
 * transaction, each inside its own savepoint, and share one commit. A commit is most of a small
 * write's cost (WAL frames written one by one, file locks taken and released — about fifteen
 * system calls), and the hot pages of a callback (the newest events, today's counters, the
 * newest end of the recency and expiry indexes) are written once per batch instead of once per
 * write.
 *
 * Each write still succeeds or fails on its own: a write that throws rolls back its savepoint
 * only. Its promise settles after the commit, so whoever awaits it (and every process sharing
 * the file) sees the write as soon as they are told it happened. A failed commit fails every
 * write of the batch, as it would have failed each of them alone.
 */
export class SqliteWriteBatch {
  readonly #runAll: Transaction<(writes: QueuedWrite[], outcomes: Outcome[]) => void>;
  readonly #ownStep: Transaction<(write: () => unknown) => unknown>;
  #queue: QueuedWrite[] = [];

  constructor(db: Database) {
    // Called inside #runAll, a better-sqlite3 transaction function becomes a savepoint.
    this.#ownStep = db.transaction((write: () => unknown) => write());
    this.#runAll = db.transaction((writes: QueuedWrite[], outcomes: Outcome[]) => {
      for (const queued of writes) {
        try {
          outcomes.push({ ok: true, value: this.#ownStep(queued.write) });
        } catch (error) {
          // SQLite ends the whole transaction on some errors (disk full, I/O): nothing later in
          // this batch may run outside it, so the batch fails as one.
          if (!db.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
    });
  }

  /** Runs `write` (synchronous SQLite work) in the next group commit; settles after that commit. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      // After the I/O callbacks of this turn, so that every write they asked for joins the batch.
      if (this.#queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also called before the database closes). */
  flush(): void {
    const writes = this.#queue;
    if (writes.length === 0) return;
    this.#queue = [];
    const outcomes: Outcome[] = [];
    try {
      this.#runAll.immediate(writes, outcomes);
    } catch (error) {
      for (const queued of writes) queued.reject(error);
      return;
    }
    writes.forEach((queued, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }
}
