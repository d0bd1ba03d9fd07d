import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "./sqlite-store.js";
import { SqliteWriteBatch } from "./sqlite-write-batch.js";

const root = mkdtempSync(join(tmpdir(), "wxdesk-batch-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const freshPath = (): string => join(root, `case-${++n}.db`);

/** Frames in the WAL file (each a 24-byte header and a page; far below the auto-checkpoint). */
function walFrames(path: string): number {
  return Math.floor(statSync(`${path}-wal`).size / (24 + PAGE_SIZE));
}
const PAGE_SIZE = 4096;

describe("SQLite group commit", () => {
  it("writes asked for in one turn share one commit: the WAL grows by a few pages, not per write", async () => {
    const path = freshPath();
    const store = new SqliteStore({ path });
    await store.set("warm", "1", 60_000);
    const before = walFrames(path);
    const writes = Array.from({ length: 50 }, (_, i) => store.set(`k${i}`, `v${i}`, 60_000));
    await Promise.all(writes);
    const grown = walFrames(path) - before;
    // One commit touching the kv leaf and its expiry index: a handful of frames. One commit per
    // write would have added at least one frame per write.
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThan(10);
    expect(await store.get("k49")).toBe("v49");
    await store.close();
  });

  it("a write that throws fails alone: the others of its batch land", async () => {
    const path = freshPath();
    const store = new SqliteStore({ path });
    const first = store.set("a", "1", 60_000);
    const bad = store.set("b", "2", -5);
    const third = store.putIfAbsent("c", "3", 60_000);
    await expect(first).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow(/ttl/i);
    await expect(third).resolves.toBe(true);
    expect(await store.get("a")).toBe("1");
    expect(await store.get("b")).toBeUndefined();
    expect(await store.get("c")).toBe("3");
    await store.close();
  });

  it("a failed step is undone as a whole: the value taken comes back when its mark is refused", async () => {
    const store = new SqliteStore({ path: freshPath() });
    await store.set("state", "record", 60_000);
    await expect(store.take("state", { key: "used", value: "1", ttlMs: Number.NaN })).rejects.toThrow();
    expect(await store.get("state")).toBe("record");
    expect(await store.get("used")).toBeUndefined();
    await store.close();
  });

  it("is seen by another connection only once committed, and then all at once", async () => {
    const path = freshPath();
    const store = new SqliteStore({ path });
    const other = new Database(path, { readonly: true });
    const count = () => other.prepare("SELECT count(*) FROM kv WHERE key LIKE 'x%'").pluck().get();
    const pending = [store.set("x1", "1", 60_000), store.set("x2", "2", 60_000)];
    expect(count()).toBe(0);
    await Promise.all(pending);
    expect(count()).toBe(2);
    other.close();
    await store.close();
  });

  it("closing commits what was asked for; writes after close are refused", async () => {
    const path = freshPath();
    const store = new SqliteStore({ path });
    const queued = store.set("late", "kept", 60_000);
    await store.close();
    await expect(queued).resolves.toBeUndefined();
    await expect(store.set("after", "x", 60_000)).rejects.toMatchObject({
      name: "StoreUnavailableError",
      reason: "closed",
    });
    const reopened = new SqliteStore({ path });
    expect(await reopened.get("late")).toBe("kept");
    await reopened.close();
  });

  it("a commit that cannot start fails every write of the batch with SQLite's error", async () => {
    const path = freshPath();
    const db = new Database(path);
    db.exec("CREATE TABLE t (v TEXT)");
    const blocker = new Database(path, { timeout: 0 });
    const batch = new SqliteWriteBatch(db);
    db.pragma("busy_timeout = 0");
    blocker.exec("BEGIN IMMEDIATE");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    const writes = [batch.run(() => insert.run("a")), batch.run(() => insert.run("b"))];
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    blocker.exec("ROLLBACK");
    expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(0);
    blocker.close();
    db.close();
  });
});
