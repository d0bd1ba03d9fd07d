import { describe, expect, it } from "vitest";
import { pooledRandomBytes } from "./random-pool.js";

describe("pooledRandomBytes", () => {
  it("gives the size asked for, small and large", () => {
    for (const size of [0, 1, 12, 32, 64, 1024, 1025, 10_000])
      expect(pooledRandomBytes(size).length).toBe(size);
  });

  it("never hands out the same bytes twice, and never changes bytes already handed out", () => {
    const drawn = Array.from({ length: 2000 }, () => pooledRandomBytes(32)); // many pool refills
    const copies = drawn.map((b) => Buffer.from(b).toString("hex"));
    expect(new Set(copies).size).toBe(drawn.length);
    for (let i = 0; i < 50; i++) pooledRandomBytes(700);
    expect(drawn.map((b) => b.toString("hex"))).toEqual(copies);
  });

  it("looks uniform: every byte value turns up, none far more often than its share", () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4096; i++) for (const byte of pooledRandomBytes(64)) counts[byte]! += 1;
    const expected = (4096 * 64) / 256; // 1024 each
    expect(Math.min(...counts)).toBeGreaterThan(expected * 0.8);
    expect(Math.max(...counts)).toBeLessThan(expected * 1.2);
  });
});
