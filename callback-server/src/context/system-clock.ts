import type { Clock } from "../app-context.js";

/** Real time. Tests pass their own `Clock` offset to follow the sandbox's virtual clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock `offsetMs` ahead of real time; `advance` moves it like `POST /_sandbox/clock`. */
export function offsetClock(offsetMs = 0): Clock & { advance(seconds: number): void } {
  let offset = offsetMs;
  return {
    now: () => Date.now() + offset,
    advance(seconds: number) {
      offset += seconds * 1000;
    },
  };
}
