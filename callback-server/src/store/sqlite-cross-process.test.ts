import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "./sqlite-store.js";

const CHILD = fileURLToPath(new URL("./testing/sqlite-lock-child.ts", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "wxdesk-xproc-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts the child in its own Node process (tsx loads the TypeScript). */
function child(args: string[], onLine?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line) onLine?.(line);
    });
    proc.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.on("error", reject);
    proc.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
}

describe("SQLite lock across real processes", () => {
  it("loses no increments when three processes share the counter lock", { timeout: 60_000 }, async () => {
    const path = join(root, "count.db");
    const store = new SqliteStore({ path });
    const rounds = 10;
    const local = Array.from({ length: 3 }, async () => {
      for (let i = 0; i < rounds; i++) {
        await store.withLock(
          "counter",
          5_000,
          async () => {
            const n = Number((await store.get("counter")) ?? "0");
            await new Promise((r) => setTimeout(r, 1));
            await store.set("counter", String(n + 1), 600_000);
          },
          { waitMs: 30_000 },
        );
      }
    });
    await Promise.all([
      ...local,
      child(["count", path, "3", String(rounds)]),
      child(["count", path, "3", String(rounds)]),
    ]);
    expect(await store.get("counter")).toBe(String(3 * 3 * rounds));
    await store.close();
  });

  it("frees the lock by TTL when the holding process exits without releasing", {
    timeout: 30_000,
  }, async () => {
    const path = join(root, "die.db");
    const store = new SqliteStore({ path });
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const dying = child(["die", path], (line) => line === "holding" && holding());
    await held;
    await expect(store.withLock("counter", 5_000, async () => 1, { waitMs: 0 })).rejects.toThrow(
      /not acquired/,
    );
    await dying;
    expect(await store.withLock("counter", 5_000, async () => "mine", { waitMs: 3_000 })).toBe("mine");
    await store.close();
  });
});
