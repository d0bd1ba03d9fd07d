export type BudgetResult<T> = { done: true; value: T } | { done: false };

/**
 * Waits for `work` at most `ms` milliseconds. WeChat drops the connection after 5 s and retries (§9.3), so a
 * slow store must not hold the answer: past the budget the caller answers `success` and `work` carries on
 * in the background (its eventual rejection is the caller's to observe).
 */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<BudgetResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), expired]);
  } finally {
    clearTimeout(timer);
  }
}
