import { getHeapSpaceStatistics } from "node:v8";
import { describe, expect, it } from "vitest";
import { type HeapTrim, lastResortCollection, startIdleHeapTrim, trimLogFields } from "./idle-heap-trim.js";

const youngGenerationBytes = () =>
  getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0;

/** Objects that live through several young collections make V8 grow its young generation. */
function growYoungGeneration(): void {
  for (let round = 0; round < 20; round++) {
    const kept: object[] = [];
    for (let i = 0; i < 200_000; i++) kept.push({ i, round, text: `item-${i}` });
    if (kept.length === 0) throw new Error("unreachable");
  }
}

describe("idle heap trim", () => {
  it("the last-resort collection gives the grown young generation back", () => {
    const collect = lastResortCollection();
    growYoungGeneration();
    const grown = youngGenerationBytes();
    collect();
    const after = youngGenerationBytes();
    expect(grown).toBeGreaterThan(4 * 1024 * 1024);
    expect(after).toBeLessThan(grown / 2);
  });

  it("trims once the process is quiet after it grew, and reports what it gave back", async () => {
    const trims: HeapTrim[] = [];
    let resolveFirst: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      resolveFirst = resolve;
    });
    const stop = startIdleHeapTrim({
      settings: { tickMs: 40, quietCpuShare: 0.5, firstQuietTicks: 2, quietTicks: 2, growthBytes: 1 },
      onTrim: (trim) => {
        trims.push(trim);
        resolveFirst();
      },
    });
    try {
      growYoungGeneration();
      await first;
    } finally {
      stop();
    }
    const [trim] = trims;
    expect(trim?.ms).toBeGreaterThan(0);
    expect(trim?.rssBeforeBytes).toBeGreaterThan(0);
    expect(trim?.rssAfterBytes).toBeGreaterThan(0);
    const fields = trimLogFields({ rssBeforeBytes: 125 * 1048576, rssAfterBytes: 99.45 * 1048576, ms: 31.6 });
    expect(fields).toEqual({ rssBeforeMb: 125, rssAfterMb: 99.5, ms: 32 });
  });
});
