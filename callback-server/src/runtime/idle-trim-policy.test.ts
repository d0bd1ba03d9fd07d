import { describe, expect, it } from "vitest";
import {
  IDLE_TRIM_DEFAULTS,
  IdleTrimPolicy,
  type IdleTrimSettings,
  type ProcessSample,
} from "./idle-trim-policy.js";

const MB = 1024 * 1024;
/** The defaults with a later wait of four ticks instead of a minute, to keep the sequences short. */
const SETTINGS: IdleTrimSettings = { ...IDLE_TRIM_DEFAULTS, quietTicks: 4 };
const tickMicros = SETTINGS.tickMs * 1000;
/** A busy tick uses half the tick's time, a quiet one a hundredth. */
const BUSY = tickMicros / 2;
const QUIET = tickMicros / 100;

type Tick = [cpuMicros: number, rssMb: number];
const quietTicks = (count: number, rssMb: number): Tick[] =>
  Array.from({ length: count }, () => [QUIET, rssMb]);

/** Feeds ticks of the given CPU use at the given resident memory; returns each tick's answer. */
function feeder(policy: IdleTrimPolicy) {
  let cpu = 0;
  policy.tick({ cpuMicros: cpu, rssBytes: 0 });
  return {
    feed(ticks: Tick[]): boolean[] {
      return ticks.map(([used, rssMb]) => {
        cpu += used;
        return policy.tick({ cpuMicros: cpu, rssBytes: rssMb * MB });
      });
    },
    /** The first trim after the start, leaving `rssMb` resident. */
    firstTrim(beforeMb: number, rssMb: number): void {
      this.feed(quietTicks(SETTINGS.firstQuietTicks, beforeMb));
      policy.trimmed({ cpuMicros: cpu, rssBytes: rssMb * MB } satisfies ProcessSample);
    },
  };
}

describe("IdleTrimPolicy", () => {
  it("waits a minute of quiet before a later trim, and the first after the start half a second", () => {
    expect(IDLE_TRIM_DEFAULTS.firstQuietTicks * IDLE_TRIM_DEFAULTS.tickMs).toBe(500);
    expect(IDLE_TRIM_DEFAULTS.quietTicks * IDLE_TRIM_DEFAULTS.tickMs).toBe(60_000);
  });

  it("trims after the start once the process has been quiet for two ticks in a row", () => {
    const ticks = feeder(new IdleTrimPolicy(SETTINGS));
    expect(
      ticks.feed([
        [BUSY, 120],
        [QUIET, 120],
        [BUSY, 121],
        [QUIET, 121],
        [QUIET, 121],
      ]),
    ).toEqual([false, false, false, false, true]);
  });

  it("after a trim, trims again only after the longer quiet, and only when memory grew by the threshold", () => {
    const ticks = feeder(new IdleTrimPolicy(SETTINGS));
    ticks.firstTrim(120, 95);
    // A trickle that leaves memory where it is: no trim, however long it stays quiet.
    expect(ticks.feed(quietTicks(8, 98))).toEqual(Array(8).fill(false));
    // A burst grows it: nothing while busy, nor in the first quiet ticks; a trim on the fourth.
    expect(
      ticks.feed([
        [BUSY, 110],
        [BUSY, 130],
        [QUIET, 130],
        [QUIET, 130],
        [QUIET, 129],
        [QUIET, 129],
      ]),
    ).toEqual([false, false, false, false, false, true]);
  });

  it("counts growth from the memory after the last trim, not from the start", () => {
    const ticks = feeder(new IdleTrimPolicy({ ...SETTINGS, growthBytes: 10 * MB }));
    ticks.firstTrim(150, 100);
    expect(ticks.feed(quietTicks(5, 109))).toEqual(Array(5).fill(false));
    expect(ticks.feed([[QUIET, 110]])).toEqual([true]);
  });
});
