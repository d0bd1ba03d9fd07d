/**
 * Async clean-ups (Redis keys) that must also run when the bench is interrupted: exit hooks
 * cannot wait for I/O, so run.ts's signal handler awaits these first (at most 10 s).
 */
const pending = new Set<() => Promise<void>>();

/** Registers `cleanup` until the returned function is called (call it from the suite's `finally`). */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}

export async function runInterruptCleanups(): Promise<void> {
  const all = Promise.allSettled([...pending].map((cleanup) => cleanup()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
}
