import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  /** Wall time of the run. */
  seconds: number;
  /**
   * Socket errors, timeouts and answers outside the expected status class (2xx unless told):
   * a benchmark that had any is not a result.
   */
  failures: number;
}

export type LoadOptions = autocannon.Options;

/** `expectClass: 3` for loads whose right answer is a redirect (an OAuth callback's 302). */
export async function runLoad(
  options: LoadOptions,
  expect: { expectClass?: 2 | 3 } = {},
): Promise<LoadResult> {
  const result = await autocannon({ connections: 64, pipelining: 1, ...options });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const byClass = [result["1xx"], result["2xx"], result["3xx"], result["4xx"], result["5xx"]];
  const okClass = expect.expectClass ?? 2;
  const wrong = byClass.reduce((sum, n, i) => (i + 1 === okClass ? sum : sum + n), 0);
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    seconds,
    failures: result.errors + result.timeouts + wrong,
  };
}
