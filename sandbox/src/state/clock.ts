/**
 * The sandbox's virtual clock: real time plus an offset that the control API advances, so tests can
 * make codes (5 min), tokens (7200 s) and refresh tokens (30 days) expire without waiting.
 * Every expiry in the sandbox reads this clock, never `Date.now()` directly.
 */
export class VirtualClock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Unix seconds, as WeChat puts in `CreateTime` and `timestamp`. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  /** How far the clock was advanced (ms): a saved sandbox keeps its virtual time across restarts. */
  get offset(): number {
    return this.offsetMs;
  }

  restoreOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** WeChat's daily quotas roll over at midnight Beijing time; this is that day's number. */
export function chinaDayNumber(nowMs: number): number {
  return Math.floor((nowMs + CHINA_OFFSET_MS) / 86_400_000);
}
