/**
 * A Map whose entries carry an expiry and are dropped lazily, a grace period after they expire
 * (so the sandbox can still answer "expired" rather than "unknown" for a while). Sweeps run when
 * the map has doubled since the last sweep: amortised O(1) per insert, memory bounded by live data.
 */
export interface Expiring {
  /** Virtual ms after which the entry is expired. */
  expiresAt: number;
}

const MIN_SWEEP_SIZE = 4096;

export class ExpiringMap<V extends Expiring> {
  private readonly map = new Map<string, V>();
  private sweepAt = MIN_SWEEP_SIZE;

  constructor(
    private readonly now: () => number,
    private readonly graceMs: number,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.map.size >= this.sweepAt) this.sweep();
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  /** Every entry, expired ones within their grace too (what a state snapshot keeps). */
  entries(): IterableIterator<[string, V]> {
    return this.map.entries();
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.sweepAt = MIN_SWEEP_SIZE;
  }

  sweep(): void {
    const limit = this.now() - this.graceMs;
    for (const [key, value] of this.map) {
      if (value.expiresAt < limit) this.map.delete(key);
    }
    this.sweepAt = Math.max(MIN_SWEEP_SIZE, this.map.size * 2);
  }
}
