/** One look at the process: CPU time used so far and resident memory now. */
export interface ProcessSample {
  /** User + system CPU time since the process started, µs (`process.cpuUsage()`). */
  cpuMicros: number;
  rssBytes: number;
}

export interface IdleTrimSettings {
  /** How often the process is looked at. */
  tickMs: number;
  /** A tick whose CPU time is below this share of the tick counts as quiet. */
  quietCpuShare: number;
  /** Quiet ticks in a row before the first trim after the start (start-up's garbage). */
  firstQuietTicks: number;
  /**
   * Quiet ticks in a row before each later trim. Long on purpose: a trim costs the next burst about
   * half a second of CPU (V8 compiles the request path again and regrows its young generation;
   * measured: 15 % more CPU per sign-in over the next 6,000), so the wait bounds that cost to under
   * 1 % of a server's time however its traffic comes and goes.
   */
  quietTicks: number;
  /** Resident memory grown by at least this much since the last trim (or since the start). */
  growthBytes: number;
}

export const IDLE_TRIM_DEFAULTS: IdleTrimSettings = {
  tickMs: 250,
  quietCpuShare: 0.05,
  firstQuietTicks: 2,
  quietTicks: 240,
  growthBytes: 8 * 1024 * 1024,
};

/**
 * When to give memory back: half a second into the first quiet moment after the start (start-up's
 * garbage is what an idle server holds most of; nothing is warm yet to lose), then after a minute
 * of quiet once memory grew. Quiet is read from the CPU time the process itself used, so requests
 * need no hook of their own; growth since the last trim keeps a slow trickle of requests from
 * paying for a collection each pause.
 */
export class IdleTrimPolicy {
  readonly #settings: IdleTrimSettings;
  #previous: ProcessSample | undefined;
  #quietInARow = 0;
  /** Resident memory after the last trim; undefined until the first. */
  #baseline: number | undefined;

  constructor(settings: IdleTrimSettings = IDLE_TRIM_DEFAULTS) {
    this.#settings = settings;
  }

  /** Takes one tick's sample; true when a trim is due now. */
  tick(sample: ProcessSample): boolean {
    const previous = this.#previous;
    this.#previous = sample;
    if (!previous) return false;
    const busyMicros = sample.cpuMicros - previous.cpuMicros;
    const quiet = busyMicros < this.#settings.tickMs * 1000 * this.#settings.quietCpuShare;
    this.#quietInARow = quiet ? this.#quietInARow + 1 : 0;
    if (this.#baseline === undefined) return this.#quietInARow >= this.#settings.firstQuietTicks;
    return (
      this.#quietInARow >= this.#settings.quietTicks &&
      sample.rssBytes - this.#baseline >= this.#settings.growthBytes
    );
  }

  /** After a trim: growth is counted from here, and the trim's own CPU time is not traffic. */
  trimmed(after: ProcessSample): void {
    this.#baseline = after.rssBytes;
    this.#previous = after;
    this.#quietInARow = 0;
  }
}
