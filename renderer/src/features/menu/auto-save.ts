/**
 * The debounced, one-at-a-time save of the menu draft and of the buttons' replies: edits schedule a
 * save `delayMs` later (a burst of typing is one save), a flush cancels the wait, and a save never
 * overlaps the one in flight. What to save and what the store says about it stay with the store.
 */
export interface AutoSave {
  /** (Re)starts the wait; `flush` runs when it ends. */
  schedule(): void;
  /** Drops a scheduled save (a flush is starting, or the store is reset). */
  cancel(): void;
  /** Resolves when no save is in flight. */
  idle(): Promise<void>;
  /** Runs `save` as the save in flight and waits for it. */
  run(save: () => Promise<void>): Promise<void>;
  /** Forgets the timer and the save in flight (a reset store starts over). */
  reset(): void;
}

export function createAutoSave(delayMs: number, flush: () => Promise<void>): AutoSave {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    cancel,
    async idle() {
      if (inFlight) await inFlight;
    },
    async run(save) {
      inFlight = (async () => {
        try {
          await save();
        } finally {
          inFlight = undefined;
        }
      })();
      await inFlight;
    },
    reset() {
      cancel();
      inFlight = undefined;
    },
  };
}
