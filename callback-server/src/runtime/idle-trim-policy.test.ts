import { describe, expect, it } from "vitest";
import { IDLE_TRIM_DEFAULTS, IdleTrimPolicy, type ProcessSample } from "./idle-trim-policy.js";

const MB = 1024 * 1024;
const tickMicros = IDLE_TRIM_DEFAULTS.tickMs * 1000;
/** A busy tick uses half the tick's time, a quiet one a hundredth. */
const BUSY = tickMicros / 2;
const QUIET = tickMicros / 100;

/** Feeds ticks of the given CPU use at the given resident memory; returns each tick's answer. */
function feed(
  policy: IdleTrimPolicy,
  start: ProcessSample,
  ticks: Array<[cpuMicros: number, rssMb: number]>,
) {
  let cpu = start.cpuMicros;
  return ticks.map(([used, rssMb]) => {
    cpu += used;
    return policy.tick({ cpuMicros: cpu, rssBytes: rssMb * MB });
  });
}

describe("IdleTrimPolicy", () => {
  it("trims after the start once the process has been quiet for two ticks in a row", () => {
    const policy = new IdleTrimPolicy();
    const start = { cpuMicros: 0, rssBytes: 120 * MB };
    expect(policy.tick(start)).toBe(false);
    expect(
      feed(policy, start, [
        [BUSY, 120],
        [QUIET, 120],
        [BUSY, 121],
        [QUIET, 121],
        [QUIET, 121],
      ]),
    ).toEqual([false, false, false, false, true]);
  });

  it("after a trim, trims again only when memory grew by the threshold and the process went quiet again", () => {
    const policy = new IdleTrimPolicy();
    const start = { cpuMicros: 1_000_000, rssBytes: 120 * MB };
    policy.tick(start);
    policy.trimmed({ cpuMicros: 1_000_000, rssBytes: 95 * MB });
    // A trickle that leaves memory where it is: no trim, however long it stays quiet.
    expect(
      feed(policy, start, [
        [QUIET, 96],
        [QUIET, 97],
        [QUIET, 98],
        [QUIET, 102],
      ]),
    ).toEqual([false, false, false, false]);
    // A burst grows it: nothing while busy, a trim on the second quiet tick.
    const afterTrickle = { cpuMicros: 1_000_000 + 4 * QUIET, rssBytes: 102 * MB };
    expect(
      feed(policy, afterTrickle, [
        [BUSY, 110],
        [BUSY, 130],
        [QUIET, 130],
        [QUIET, 129],
      ]),
    ).toEqual([false, false, false, true]);
  });

  it("counts growth from the memory after the last trim, not from the start", () => {
    const policy = new IdleTrimPolicy({ ...IDLE_TRIM_DEFAULTS, growthBytes: 10 * MB });
    policy.tick({ cpuMicros: 0, rssBytes: 150 * MB });
    policy.trimmed({ cpuMicros: 0, rssBytes: 100 * MB });
    const start = { cpuMicros: 0, rssBytes: 100 * MB };
    expect(
      feed(policy, start, [
        [QUIET, 109],
        [QUIET, 109],
      ]),
    ).toEqual([false, false]);
    expect(feed(policy, { cpuMicros: 2 * QUIET, rssBytes: 109 * MB }, [[QUIET, 110]])).toEqual([true]);
  });
});
