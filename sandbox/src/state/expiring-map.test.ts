import { describe, expect, it } from "vitest";
import { ExpiringMap } from "./expiring-map.js";

describe("ExpiringMap", () => {
  it("keeps expired entries for the grace period, then prunes them as the map grows", () => {
    let now = 0;
    const map = new ExpiringMap<{ expiresAt: number }>(() => now, 1000);
    for (let i = 0; i < 4000; i += 1) map.set(`old${i}`, { expiresAt: 100 });
    now = 500;
    map.sweep();
    expect(map.get("old1")).toBeDefined(); // expired, still within grace
    now = 5000;
    for (let i = 0; i < 10_000; i += 1) map.set(`new${i}`, { expiresAt: 10_000 });
    expect(map.get("old1")).toBeUndefined();
    expect(map.get("new1")).toBeDefined();
    expect(map.size).toBe(10_000);
  });
});
