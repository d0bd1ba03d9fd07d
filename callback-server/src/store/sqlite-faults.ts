import Database from "better-sqlite3";
import { StoreUnavailableError } from "./store-errors.js";

/**
 * Primary result codes (https://sqlite.org/rescode.html) that mean the database file cannot serve
 * now: another process held the write lock past our busy timeout (BUSY, LOCKED), the disk failed,
 * filled up or went read-only (IOERR, FULL, READONLY, CANTOPEN, PERM), memory ran out, or the file
 * is damaged (CORRUPT, NOTADB — an operator has to act, but for a visitor it is the same outage).
 * CONSTRAINT, ERROR, MISMATCH, RANGE, TOOBIG and the rest are bugs or bad input: not listed.
 */
const FAULT_CODES: ReadonlySet<string> = new Set([
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "SQLITE_CANTOPEN",
  "SQLITE_PERM",
  "SQLITE_NOMEM",
  "SQLITE_PROTOCOL",
  "SQLITE_NOLFS",
  "SQLITE_CORRUPT",
  "SQLITE_NOTADB",
]);

/** better-sqlite3's words for a call on a closed connection (during shutdown). */
const CLOSED = "The database connection is not open";

/** A better-sqlite3 error that means "the database cannot serve now", as `StoreUnavailableError`. */
export function sqliteFault(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof Database.SqliteError) {
    // Extended codes name their primary one first: SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT.
    const primary = error.code.split("_", 2).join("_");
    return FAULT_CODES.has(primary) ? new StoreUnavailableError("sqlite", error.code, error) : undefined;
  }
  if (error instanceof TypeError && error.message === CLOSED) {
    return new StoreUnavailableError("sqlite", "closed", error);
  }
  return undefined;
}
