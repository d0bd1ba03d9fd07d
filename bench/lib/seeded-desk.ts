import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SqliteStore, type UserRecord } from "@wxdesk/callback-server";
import { type DeskBridge, startDeskBridge } from "../../e2e/support/desk-bridge.js";
import { scratchDir } from "./scratch-dir.js";
import { makeUsers, seedStore, USER_COUNT } from "./seed-users.js";

export interface SeededDesk {
  desk: DeskBridge;
  users: UserRecord[];
  seedSeconds: number;
  close(): Promise<void>;
}

/**
 * The desk app (`npm run web`'s DeskApi + web bridge, local sandbox profile) over a local server
 * holding USER_COUNT users. The local server makes its token key in `<dataDir>/local/` on first start
 * (electron/src/desk/local/local-server-config.ts), so: start once, stop, seed its SQLite file through
 * the server's own SqliteStore with that key, start again.
 */
export async function startSeededDesk(rendererDir: string): Promise<SeededDesk> {
  const dir = scratchDir("wxdesk-bench-desk-");
  try {
    const first = await startDeskBridge({ dataDir: dir.path, rendererDir });
    await first.close();
    const local = join(dir.path, "local");
    const tokenKey = readFileSync(join(local, "token-key"), "utf8").trim();
    const users = makeUsers(USER_COUNT, tokenKey);
    const store = new SqliteStore({ path: join(local, "wxdesk.db") });
    let seedSeconds: number;
    try {
      seedSeconds = await seedStore(store, users, 1);
    } finally {
      await store.close(); // checkpoints the WAL: the server starts on a plain file
    }
    const desk = await startDeskBridge({ dataDir: dir.path, rendererDir });
    return {
      desk,
      users,
      seedSeconds,
      async close() {
        await desk.close();
        dir.remove();
      },
    };
  } catch (error) {
    dir.remove();
    throw error;
  }
}
