export interface TaskLoadResult {
  /** Tasks that succeeded, per second of wall time. */
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Tasks that succeeded. */
  total: number;
  /** Tasks that threw or returned false: a run that had any is not a result. */
  failures: number;
  seconds: number;
  /** Latency samples by the label each task returned, sorted ascending (ms). */
  byLabel: Map<string, number[]>;
}

/** One unit of work: resolves to its label (for per-kind timings) or false when the answer was wrong. */
export type Task = (index: number) => Promise<string | false>;

/**
 * Runs `task` with `concurrency` workers in flight until `count` tasks ran or `seconds` passed,
 * timing each from its start to its last byte. For loads autocannon cannot express: several
 * chained calls per unit, or a different request each time with per-kind percentiles.
 */
export async function runTasks(options: {
  concurrency: number;
  task: Task;
  count?: number;
  seconds?: number;
}): Promise<TaskLoadResult> {
  const { concurrency, task } = options;
  const count = options.count ?? Number.POSITIVE_INFINITY;
  const until =
    options.seconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.seconds * 1000;
  if (!Number.isFinite(count) && !Number.isFinite(until)) throw new Error("runTasks needs count or seconds");
  const samples: number[] = [];
  const byLabel = new Map<string, number[]>();
  let next = 0;
  let failures = 0;
  let firstError: unknown;

  async function worker(): Promise<void> {
    while (next < count && Date.now() < until) {
      const index = next++;
      const started = process.hrtime.bigint();
      try {
        const label = await task(index);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (label === false) {
          failures++;
          continue;
        }
        samples.push(ms);
        const list = byLabel.get(label) ?? [];
        list.push(ms);
        byLabel.set(label, list);
      } catch (error) {
        failures++;
        firstError ??= error;
      }
    }
  }

  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (firstError) console.error("first task error:", (firstError as Error).message ?? firstError);
  samples.sort((a, b) => a - b);
  for (const list of byLabel.values()) list.sort((a, b) => a - b);
  return {
    perSecond: samples.length / seconds,
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    p99Ms: percentile(samples, 99),
    total: samples.length,
    failures,
    seconds,
    byLabel,
  };
}

/** Nearest-rank percentile of an ascending list; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}
