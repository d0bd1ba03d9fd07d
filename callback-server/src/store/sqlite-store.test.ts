import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createTokenCipher } from "../crypto/token-cipher.js";
import { SqliteStore } from "./sqlite-store.js";
import { describeStoreContract } from "./testing/store-contract.js";
import { makeUser, T0 } from "./testing/store-fixtures.js";

const root = mkdtempSync(join(tmpdir(), "wxdesk-sqlite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function freshPath(): string {
  return join(root, `case-${++n}`, "nested", "wxdesk.db");
}

const backing = (searchCandidateCap?: number) => () => {
  const path = freshPath();
  return {
    // A second SqliteStore on the same file is a second connection: as close to a second
    // process as a test can get without forking.
    open: () =>
      new SqliteStore({ path, ...(searchCandidateCap === undefined ? {} : { searchCandidateCap }) }),
    destroy: async () => rmSync(join(path, "..", ".."), { recursive: true, force: true }),
  };
};

describeStoreContract("SQLite", backing());
// Candidate cap 0: every search walks the recency index, so both search paths meet the contract.
describeStoreContract("SQLite, search always walking", backing(0));

describe("SQLite store at rest", () => {
  it("creates the folder and keeps the file at mode 0600 with WAL on", async () => {
    const path = freshPath();
    const store = new SqliteStore({ path });
    await store.upsertUser(makeUser("oMode"));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it("never writes a plaintext token to the database or its WAL", async () => {
    const path = freshPath();
    const cipher = createTokenCipher(randomBytes(32).toString("hex"));
    const access = `ACCESS_${randomBytes(24).toString("hex")}`;
    const refresh = `REFRESH_${randomBytes(24).toString("hex")}`;
    const user = makeUser("oSecret", {
      tokens: {
        ...makeUser("oSecret").tokens,
        accessTokenEnc: cipher.encrypt(access),
        refreshTokenEnc: cipher.encrypt(refresh),
      },
    });
    const store = new SqliteStore({ path });
    await store.upsertUser(user);
    await store.updateUserTokens("oSecret", {
      ...user.tokens,
      accessTokenEnc: cipher.encrypt(access),
      refreshedAt: T0 + 1,
    });

    const files = () => [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f));
    const assertNoPlaintext = () => {
      const bytes = Buffer.concat(files());
      expect(bytes.includes(access)).toBe(false);
      expect(bytes.includes(refresh)).toBe(false);
      // The sealed form is there: we are reading the right bytes.
      expect(bytes.includes(user.tokens.refreshTokenEnc)).toBe(true);
    };
    assertNoPlaintext(); // while the data sits in the WAL
    const stored = await store.getUser("oSecret");
    expect(cipher.decrypt(stored!.tokens.accessTokenEnc)).toBe(access);
    await store.close(); // checkpoints the WAL into the main file
    assertNoPlaintext();
  });

  it("upgrades a v1 database file in place: old menu versions stay, rollbacks get rollbackOf", async () => {
    const path = freshPath();
    const menu = { button: [{ type: "click", name: "旧菜单", key: "OLD" }] };
    // A file as a v1 server left it: no rollback_of column, user_version 1, history already in it.
    const first = new SqliteStore({ path });
    const old = await first.addMenuVersion({ menu, kind: "publish", by: "admin", at: T0 });
    await first.close();
    const raw = new Database(path);
    raw.exec("ALTER TABLE menu_versions DROP COLUMN rollback_of");
    raw.exec("DROP TABLE records");
    raw.pragma("user_version = 1");
    raw
      .prepare("INSERT INTO menu_versions (kind, by, at, menu) VALUES ('delete', 'admin', ?, 'null')")
      .run(T0 + 1);
    raw.close();

    const upgraded = new SqliteStore({ path });
    const back = await upgraded.addMenuVersion({
      menu,
      kind: "rollback",
      by: "admin",
      at: T0 + 2,
      rollbackOf: old,
    });
    expect(await upgraded.listMenuVersions(10)).toStrictEqual([
      { id: back, menu, kind: "rollback", by: "admin", at: T0 + 2, rollbackOf: old },
      { id: old + 1, menu: null, kind: "delete", by: "admin", at: T0 + 1 },
      { id: old, menu, kind: "publish", by: "admin", at: T0 },
    ]);
    await upgraded.close();
    const check = new Database(path, { readonly: true });
    // Every later migration ran too (v3 only changes a trigger, v4 adds the records table).
    expect(check.pragma("user_version", { simple: true })).toBe(4);
    check.close();
    // Opening again does not re-run the migration (ALTER TABLE twice would throw).
    const again = new SqliteStore({ path });
    expect((await again.getMenuVersion(back))?.rollbackOf).toBe(old);
    await again.close();
  });
});
