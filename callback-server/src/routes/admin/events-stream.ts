import type { ServerResponse } from "node:http";
import type { EventBus } from "../../app-context.js";
import type { Store, StoredEvent } from "../../store/store-types.js";

export interface EventStreamOptions {
  /** `: ping` comment interval, so proxies and the desktop see a live connection (default 15 s). */
  pingIntervalMs?: number;
  /**
   * Bytes a client may leave unread before it is dropped (default 1 MiB). A stalled client then
   * costs bounded memory and never slows the others; it reconnects with Last-Event-ID and
   * catches up from the store.
   */
  maxBufferedBytes?: number;
}

/** Stored events replayed on (re)connect at most (docs/admin-api.md). */
export const REPLAY_LIMIT = 500;
export const DEFAULT_PING_MS = 15_000;
export const DEFAULT_MAX_BUFFERED = 1024 * 1024;
/** Asked of a browser EventSource before it reconnects. */
const RETRY_MS = 3_000;

/** One `text/event-stream` frame; `data` is one line (JSON has no raw newlines). */
export function sseFrame(event: StoredEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * One SSE client. Order matters for "no gap, no duplicate": subscribe first (live events are
 * buffered), then read the stored events after `afterId`, send them, then flush the buffer
 * skipping what the replay already sent. Anything published while the store was read is in the
 * buffer, the replay, or both — never in neither.
 */
export async function runEventStream(input: {
  raw: ServerResponse;
  store: Store;
  events: EventBus;
  afterId: number | undefined;
  options?: EventStreamOptions;
}): Promise<void> {
  const { raw, store, events, afterId } = input;
  const pingMs = input.options?.pingIntervalMs ?? DEFAULT_PING_MS;
  const maxBuffered = input.options?.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;

  let closed = false;
  let replaying = true;
  const buffered: StoredEvent[] = [];
  const replayed = new Set<number>();
  let ping: NodeJS.Timeout | undefined;

  const write = (text: string): void => {
    if (closed) return;
    // Drop a client that stopped reading rather than buffer without end (it resumes by id).
    if (raw.writableLength > maxBuffered) {
      stop();
      raw.destroy();
      return;
    }
    raw.write(text);
  };
  const unsubscribe = events.subscribe((event) => {
    if (closed) return;
    if (replaying) buffered.push(event);
    else write(sseFrame(event));
  });
  function stop(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    if (ping) clearInterval(ping);
  }
  raw.on("close", stop);
  raw.on("error", stop);

  raw.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    // nginx and similar proxies would otherwise hold events back in their buffers.
    "x-accel-buffering": "no",
  });
  // Sent once subscribed: a client that saw this line misses nothing published afterwards.
  write(`retry: ${RETRY_MS}\n\n`);
  ping = setInterval(() => write(": ping\n\n"), pingMs);
  ping.unref();

  try {
    if (afterId !== undefined) {
      const stored = await store.listEvents({ afterId, limit: REPLAY_LIMIT + 1 });
      let replay = stored;
      if (stored.length > REPLAY_LIMIT) {
        // Too far behind: the newest 500 joined to the live ones (no gap there); say what was skipped.
        replay = (await store.listEvents({ limit: REPLAY_LIMIT })).filter((e) => e.id > afterId);
        const first = replay[0]?.id;
        write(`event: replay_truncated\ndata: ${JSON.stringify({ afterId, resumedAt: first ?? null })}\n\n`);
      }
      for (const event of replay) {
        replayed.add(event.id);
        write(sseFrame(event));
      }
    }
  } catch (error) {
    // Headers are out: the only honest answer left is to end the stream (the client retries).
    stop();
    raw.destroy();
    throw error;
  }

  const lowest = afterId ?? Number.NEGATIVE_INFINITY;
  for (const event of buffered.sort((a, b) => a.id - b.id)) {
    if (event.id > lowest && !replayed.has(event.id)) write(sseFrame(event));
  }
  buffered.length = 0;
  replaying = false;
}
