/**
 * Undo/redo as a history of whole states (STYLE.md: "a history of menu states in the menu store").
 * Consecutive edits with the same `coalesceKey` (typing in one field) replace the present instead of
 * adding a step, so one Ctrl+Z undoes a whole word, not a letter; anything else ends the run.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The key of the edit run the present belongs to; undefined once the run is over. */
  coalesceKey?: string;
}

/** Enough for a long session; older steps fall off. */
export const HISTORY_LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

export function commit<T>(history: History<T>, next: T, coalesceKey?: string): History<T> {
  if (coalesceKey !== undefined && history.coalesceKey === coalesceKey) {
    return { ...history, present: next };
  }
  return {
    past: [...history.past, history.present].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
    coalesceKey,
  };
}

/** Ends the current typing run (a field lost focus): the next edit is a new step. */
export function endRun<T>(history: History<T>): History<T> {
  return history.coalesceKey === undefined ? history : { ...history, coalesceKey: undefined };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}
