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
  const started = performance.now();
  let lastResponse = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ connections: 64, pipelining: 1, ...options }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on("response", () => {
      lastResponse = performance.now();
    });
  });
  // With `amount`, autocannon notices that every request finished only at its next 1-second
  // sample tick, so `finish` lands up to a second after the last answer: on an 8 s run that
  // understates the rate by up to 12 % (6 % on average). Such a run ends at its last answer.
  // A `duration` run keeps sending until that tick, so its own start/finish stay right.
  const seconds =
    options.amount === undefined
      ? (result.finish.getTime() - result.start.getTime()) / 1000
      : (lastResponse - started) / 1000;
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
