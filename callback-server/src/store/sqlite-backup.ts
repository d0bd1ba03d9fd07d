import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { createPrivateFile, giveToFolderOwner, tempBeside } from "./private-file.js";

export type BackupErrorCode = "no_database" | "no_folder" | "not_wxdesk" | "damaged" | "same_file";

/** A backup or restore refused before anything was changed, with words for the person who typed it. */
export class BackupError extends Error {
  override readonly name = "BackupError";
  readonly code: BackupErrorCode;
  readonly messageZh: string;

  constructor(code: BackupErrorCode, messageZh: string, messageEn: string) {
    super(messageEn);
    this.code = code;
    this.messageZh = messageZh;
  }
}

export interface CopiedDatabase {
  /** Users in the copy (a quick sign that it is the database you meant). */
  users: number;
  bytes: number;
}

/** What a message calls a file, in both languages. */
interface Label {
  zh: string;
  en: string;
}

/** `-wal` and `-shm`: SQLite's companions of a WAL-mode database file. */
function companions(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`];
}

function sameFile(a: string, b: string): boolean {
  return (
    existsSync(a) &&
    existsSync(b) &&
    statSync(a).ino === statSync(b).ino &&
    statSync(a).dev === statSync(b).dev
  );
}

/**
 * Checks a copy the way the server will use it: SQLite's own integrity check and the users table
 * every wxdesk database has. The copy is switched to one self-contained file (DELETE journal; the
 * server turns WAL back on when it opens it). Opened read-write on purpose: a read-only connection
 * to a WAL file leaves `-wal`/`-shm` files behind.
 */
function checkCopy(path: string, label: Label): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma("journal_mode = DELETE");
    const verdict = db.pragma("integrity_check", { simple: true });
    if (verdict !== "ok")
      throw new BackupError(
        "damaged",
        `${label.zh}已损坏（SQLite 完整性检查：${String(verdict)}）`,
        `The ${label.en} is damaged (SQLite integrity check: ${String(verdict)})`,
      );
    const hasUsers = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get();
    if (!hasUsers)
      throw new BackupError(
        "not_wxdesk",
        `${label.zh}不是 wxdesk 的数据库（没有用户表）`,
        `The ${label.en} is not a wxdesk database (it has no users table)`,
      );
    return db.prepare("SELECT count(*) FROM users").pluck().get() as number;
  } catch (error) {
    throw damagedOr(error, label);
  } finally {
    db?.close();
  }
}

/** SQLite's "not a database" / "malformed" as a BackupError with words; anything else as it was. */
function damagedOr(error: unknown, label: Label): unknown {
  const code = (error as { code?: unknown }).code;
  if (code !== "SQLITE_NOTADB" && code !== "SQLITE_CORRUPT") return error;
  return new BackupError(
    "damaged",
    `${label.zh}不是完好的 SQLite 数据库`,
    `The ${label.en} is not an intact SQLite database`,
  );
}

/**
 * SQLite's online backup of `source` into a temp file beside `dest`, checked, then renamed onto
 * `dest` (after `beforeRename`). `dest` never holds a half-written copy.
 */
async function copyDatabase(
  source: string,
  dest: string,
  labels: { source: Label; copy: Label },
  beforeRename: () => void = () => {},
): Promise<CopiedDatabase> {
  const temp = tempBeside(dest, "copy");
  createPrivateFile(temp);
  try {
    // Read-write and never created here. Running as root, SQLite gives any -wal/-shm it creates
    // the database file's owner, and the last connection to close removes them.
    const db = new Database(source, { fileMustExist: true });
    try {
      await db.backup(temp);
    } catch (error) {
      throw damagedOr(error, labels.source);
    } finally {
      db.close();
    }
    const users = checkCopy(temp, labels.copy);
    giveToFolderOwner(temp, dirname(dest));
    beforeRename();
    renameSync(temp, dest);
    return { users, bytes: statSync(dest).size };
  } catch (error) {
    for (const path of [temp, ...companions(temp)]) rmSync(path, { force: true });
    throw error;
  }
}

/**
 * A consistent copy of a database, safe while the server runs (the online backup API copies one
 * snapshot; the server's writes carry on). The copy is one file, mode 0600: it holds the users'
 * profiles and their tokens, encrypted with `token-key`, which it does not contain.
 */
export async function backupDatabase(database: string, backupFile: string): Promise<CopiedDatabase> {
  if (!existsSync(database))
    throw new BackupError("no_database", `找不到数据库 ${database}`, `No database at ${database}`);
  if (!existsSync(dirname(backupFile)))
    throw new BackupError(
      "no_folder",
      `备份要放的文件夹 ${dirname(backupFile)} 不存在`,
      `The folder for the backup, ${dirname(backupFile)}, does not exist`,
    );
  if (sameFile(database, backupFile))
    throw new BackupError(
      "same_file",
      "备份文件不能是数据库本身",
      "The backup file cannot be the database itself",
    );
  return copyDatabase(database, backupFile, {
    source: { zh: "数据库", en: "database" },
    copy: { zh: "复制出的数据库", en: "copied database" },
  });
}

/**
 * Puts a backup in place of `database`; the server must be stopped. The backup is checked before
 * anything changes; the old `-wal`/`-shm` are removed (replayed onto the restored file they would
 * damage it) and the checked copy replaces the database in one rename, owned by the data folder's owner.
 */
export async function restoreDatabase(backupFile: string, database: string): Promise<CopiedDatabase> {
  if (!existsSync(backupFile))
    throw new BackupError("no_database", `找不到备份文件 ${backupFile}`, `No backup file at ${backupFile}`);
  const folder = dirname(database);
  if (!existsSync(folder))
    throw new BackupError(
      "no_folder",
      `数据目录 ${folder} 不存在：先按部署指南启动一次服务器（它会建好这个目录），停止后再恢复`,
      `The data folder ${folder} does not exist: start the server once as the guide says (it creates the folder), stop it, then restore`,
    );
  if (sameFile(database, backupFile))
    throw new BackupError(
      "same_file",
      "备份文件不能是数据库本身",
      "The backup file cannot be the database itself",
    );
  const backup = { zh: "备份文件", en: "backup file" };
  return copyDatabase(backupFile, database, { source: backup, copy: backup }, () => {
    for (const stale of companions(database)) rmSync(stale, { force: true });
  });
}
