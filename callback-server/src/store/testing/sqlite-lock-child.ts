/**
 * Run by sqlite-cross-process.test.ts as a separate OS process (not a test itself).
 *   count <db> <workers> <rounds>: increment a counter under the lock (lost updates = broken lock)
 *   die <db>: take the lock with a short TTL and exit without releasing it
 */
import { setTimeout as sleep } from "node:timers/promises";
import { SqliteStore } from "../sqlite-store.js";

const [mode, path, workers = "1", rounds = "1"] = process.argv.slice(2);
if (!path) throw new Error("usage: sqlite-lock-child.ts count|die <db> [workers] [rounds]");
const store = new SqliteStore({ path });

if (mode === "die") {
  await store.withLock(
    "counter",
    300,
    async () => {
      process.stdout.write("holding\n");
      await sleep(50);
      process.exit(0); // the holder dies: only the TTL can free the lock now
    },
    { waitMs: 5_000 },
  );
} else {
  const worker = async () => {
    for (let i = 0; i < Number(rounds); i++) {
      await store.withLock(
        "counter",
        5_000,
        async () => {
          const n = Number((await store.get("counter")) ?? "0");
          await sleep(1); // widen the read-modify-write window a broken lock would expose
          await store.set("counter", String(n + 1), 600_000);
        },
        { waitMs: 30_000 },
      );
    }
  };
  await Promise.all(Array.from({ length: Number(workers) }, worker));
  await store.close();
}
