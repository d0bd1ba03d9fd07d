import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../testing/test-server.js";
import { BackupError, backupDatabase, restoreDatabase } from "./sqlite-backup.js";
import { SqliteStore } from "./sqlite-store.js";
import { makeUser } from "./testing/store-fixtures.js";

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir("wxdesk-backup-");
});
afterEach(() => dir.remove());

async function refused(run: Promise<unknown>): Promise<BackupError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe("backupDatabase / restoreDatabase", () => {
  it("copies a live database (writes carry on) into one 0600 file that restores with every user", async () => {
    const live = new SqliteStore({ path: join(dir.path, "live", "wxdesk.db") });
    try {
      await live.upsertUser(makeUser("oBackupOne"));
      await live.upsertUser(makeUser("oBackupTwo"));
      mkdirSync(join(dir.path, "backups"));
      const copy = await backupDatabase(
        join(dir.path, "live", "wxdesk.db"),
        join(dir.path, "backups", "b.db"),
      );
      expect(copy.users).toBe(2);
      // The store is still open and writing: the backup did not get in its way.
      await live.upsertUser(makeUser("oAfterBackup"));
      expect(await live.countUsers()).toBe(3);
    } finally {
      await live.close();
    }
    // One file, nothing beside it, readable by its owner only.
    expect(readdirSync(join(dir.path, "backups"))).toEqual(["b.db"]);
    expect(statSync(join(dir.path, "backups", "b.db")).mode & 0o777).toBe(0o600);

    const target = join(dir.path, "new", "wxdesk.db");
    mkdirSync(join(dir.path, "new"));
    // A stale WAL of the old database must not be replayed onto the restored one.
    writeFileSync(`${target}-wal`, "stale");
    const restored = await restoreDatabase(join(dir.path, "backups", "b.db"), target);
    expect(restored.users).toBe(2);
    expect(existsSync(`${target}-wal`)).toBe(false);
    const store = new SqliteStore({ path: target });
    try {
      expect(await store.getUser("oBackupTwo")).toMatchObject({ openid: "oBackupTwo" });
      expect(await store.getUser("oAfterBackup")).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("refuses, with words in both languages and before changing anything, what it cannot use", async () => {
    const backups = join(dir.path, "backups");
    mkdirSync(backups);
    writeFileSync(join(backups, "junk.db"), "not a database at all, just text");
    const junk = await refused(restoreDatabase(join(backups, "junk.db"), join(backups, "target.db")));
    expect(junk.code).toBe("damaged");
    expect(junk.messageZh).toContain("备份文件");
    expect(existsSync(join(backups, "target.db"))).toBe(false);

    const noFolder = await refused(
      restoreDatabase(join(backups, "junk.db"), join(dir.path, "gone", "wxdesk.db")),
    );
    expect(noFolder.code).toBe("no_folder");
    expect(noFolder.message).toContain("start the server once");

    expect((await refused(backupDatabase(join(dir.path, "none.db"), join(backups, "b.db")))).code).toBe(
      "no_database",
    );
    const other = new SqliteStore({ path: join(dir.path, "other.db") });
    await other.close();
    const same = await refused(backupDatabase(join(dir.path, "other.db"), join(dir.path, "other.db")));
    expect(same.code).toBe("same_file");
    expect(readdirSync(backups).sort()).toEqual(["junk.db"]);
  });
});
