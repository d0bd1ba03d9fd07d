import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  /** Socket errors, timeouts and non-2xx answers: a benchmark that had any is not a result. */
  failures: number;
}

export type LoadOptions = autocannon.Options;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({ connections: 64, pipelining: 1, ...options });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
