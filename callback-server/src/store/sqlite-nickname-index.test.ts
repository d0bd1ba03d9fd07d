import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "./sqlite-store.js";
import { makeUser, T0 } from "./testing/store-fixtures.js";

const root = mkdtempSync(join(tmpdir(), "wxdesk-sqlite-nick-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const freshPath = () => join(root, `case-${++n}`, "wxdesk.db");

/** Every stored byte of both nickname indexes (FTS5 keeps them in its `_data` shadow tables). */
function indexBytes(path: string): string {
  const raw = new Database(path, { readonly: true });
  try {
    const dump = (table: string) =>
      raw
        .prepare(`SELECT id, hex(block) AS block FROM ${table} ORDER BY id`)
        .all()
        .map((row) => JSON.stringify(row))
        .join("\n");
    return `${dump("users_fts_data")}\n--\n${dump("users_chars_data")}`;
  } finally {
    raw.close();
  }
}

/** The trigger as migrations v1–v2 created it: it re-indexed on every upsert. */
const V2_TRIGGER = `
  DROP TRIGGER users_fts_update;
  CREATE TRIGGER users_fts_update AFTER UPDATE OF nickname_lc ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, nickname_lc) VALUES ('delete', old.id, old.nickname_lc);
    INSERT INTO users_fts (rowid, nickname_lc) VALUES (new.id, new.nickname_lc);
    INSERT INTO users_chars (users_chars, rowid, nickname_chars) VALUES ('delete', old.id, old.nickname_chars);
    INSERT INTO users_chars (rowid, nickname_chars) VALUES (new.id, new.nickname_chars);
  END;`;

/** Re-authorizes `oNick` with the same nickname, checks nothing was re-indexed, then renames it. */
async function expectReindexOnlyOnRename(store: SqliteStore, path: string): Promise<void> {
  const before = indexBytes(path);
  await store.upsertUser(makeUser("oNick", { nickname: "小明Ming", lastAuthorizedAt: T0 + 10 }));
  await store.upsertUser(makeUser("oNick", { nickname: "小明Ming", lastAuthorizedAt: T0 + 20 }));
  expect(indexBytes(path)).toBe(before);
  expect((await store.getUser("oNick"))?.lastAuthorizedAt).toBe(T0 + 20);
  expect((await store.searchUsers({ q: "小明", limit: 10 })).users.map((u) => u.openid)).toEqual(["oNick"]);
  expect((await store.searchUsers({ q: "ming", limit: 10 })).users.map((u) => u.openid)).toEqual(["oNick"]);

  await store.upsertUser(makeUser("oNick", { nickname: "大红", lastAuthorizedAt: T0 + 30 }));
  expect(indexBytes(path)).not.toBe(before);
  expect((await store.searchUsers({ q: "大红", limit: 10 })).users.map((u) => u.openid)).toEqual(["oNick"]);
  expect((await store.searchUsers({ q: "红", limit: 10 })).users.map((u) => u.openid)).toEqual(["oNick"]);
  expect((await store.searchUsers({ q: "小明", limit: 10 })).users).toEqual([]);
  expect((await store.searchUsers({ q: "ming", limit: 10 })).users).toEqual([]);
}

describe("SQLite nickname indexes", () => {
  it("are rewritten when a nickname changes, not on every re-authorization", async () => {
    const path = freshPath();
    const store = new SqliteStore({ path });
    await store.upsertUser(makeUser("oOther", { nickname: "阿强的朋友", lastAuthorizedAt: T0 }));
    await store.upsertUser(makeUser("oNick", { nickname: "小明Ming", lastAuthorizedAt: T0 + 1 }));
    await expectReindexOnlyOnRename(store, path);
    // The other user was never touched and is still found by its own fragments.
    expect((await store.searchUsers({ q: "朋友", limit: 10 })).users.map((u) => u.openid)).toEqual([
      "oOther",
    ]);
    await store.close();
  });

  it("upgrades a v2 file in place: its users stay searchable and re-authorizations stop re-indexing", async () => {
    const path = freshPath();
    const first = new SqliteStore({ path });
    await first.upsertUser(makeUser("oNick", { nickname: "小明Ming", lastAuthorizedAt: T0 }));
    await first.close();
    const raw = new Database(path);
    raw.exec(V2_TRIGGER);
    raw.exec("DROP TABLE records");
    raw.pragma("user_version = 2");
    raw.close();

    const upgraded = new SqliteStore({ path });
    const check = new Database(path, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(4);
    check.close();
    await expectReindexOnlyOnRename(upgraded, path);
    await upgraded.close();
  });
});
