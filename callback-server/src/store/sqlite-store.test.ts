import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTokenCipher } from "../crypto/token-cipher.js";
import { SqliteStore } from "./sqlite-store.js";
import { describeStoreContract } from "./store-contract.js";
import { makeUser, T0 } from "./store-fixtures.js";

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
});
