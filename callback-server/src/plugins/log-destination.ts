import pino from "pino";

/** How long a line may wait in the buffer when traffic is too light to fill it. */
const FLUSH_EVERY_MS = 1000;

export interface BufferedLog {
  stream: pino.DestinationStream;
  /** Starts writing what is buffered now (a line worth seeing at once, like the started line). */
  flush(): void;
  /** Writes what is buffered now and stops the timer (shutdown). */
  close(): void;
}

/**
 * The server's log lines on stdout, written 4 KB at a time instead of one `write` per line (at
 * an OAuth callback's rate the per-line system call was a visible share of a callback's CPU).
 * A line waits at most a second; what is buffered is written when the process exits (pino
 * flushes its destinations on `exit`, a crash included) — only a SIGKILL loses the last second.
 */
export function bufferedStdout(): BufferedLog {
  const stream = pino.destination({ dest: 1, minLength: 4096, sync: false });
  const timer = setInterval(() => stream.flush(), FLUSH_EVERY_MS);
  timer.unref();
  return {
    stream,
    flush() {
      stream.flush();
    },
    close() {
      clearInterval(timer);
      stream.flushSync();
    },
  };
}
