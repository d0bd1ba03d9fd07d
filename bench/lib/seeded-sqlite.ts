import { statSync } from "node:fs";
import { join } from "node:path";
import { SqliteStore, type UserRecord } from "@wxdesk/callback-server";
import { newServerKeys, type ServerKeys } from "./callback-server-child.js";
import { scratchDir } from "./scratch-dir.js";
import { makeUsers, seedStore, USER_COUNT } from "./seed-users.js";

export interface SeededSqlite {
  /** The server's SQLite file, USER_COUNT users in it; start servers with `keys` (the token key). */
  dbPath: string;
  keys: ServerKeys;
  users: UserRecord[];
  seedSeconds: number;
  fileMb: number;
}

let seeded: Promise<SeededSqlite> | undefined;

/**
 * The seeded SQLite file, made once per bench run and shared by the suites that need it (memory,
 * admin-search): seeding 100,000 users is the slow part. The folder goes when the process exits.
 */
export function seededSqlite(): Promise<SeededSqlite> {
  seeded ??= seed().catch((error: unknown) => {
    seeded = undefined;
    throw error;
  });
  return seeded;
}

async function seed(): Promise<SeededSqlite> {
  const dir = scratchDir("wxdesk-bench-users-");
  const dbPath = join(dir.path, "wxdesk.db");
  const keys = newServerKeys();
  const users = makeUsers(USER_COUNT, keys.tokenKey);
  // The store the server itself uses, on the file the server will open: the schema and indexes are its own.
  const store = new SqliteStore({ path: dbPath });
  let seedSeconds: number;
  try {
    seedSeconds = await seedStore(store, users, 1);
  } finally {
    await store.close(); // checkpoints the WAL: the server starts on a plain file
  }
  return { dbPath, keys, users, seedSeconds, fileMb: statSync(dbPath).size / 1_048_576 };
}
