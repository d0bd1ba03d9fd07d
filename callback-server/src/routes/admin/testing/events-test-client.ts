import type { StoredEvent } from "../../../store/store-types.js";

/** Test-only: a server-sent events reader over fetch, keeping every frame it saw. */

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  /** `: ping` and other comment lines. */
  comments: string[];
}

function parseBlock(block: string): SseFrame {
  const frame: SseFrame = { comments: [] };
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) {
      frame.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id" || field === "event" || field === "data" || field === "retry") frame[field] = value;
  }
  return frame;
}

export class SseClient {
  readonly frames: SseFrame[] = [];
  readonly status: number;
  readonly headers: Headers;
  /** Resolves when the server ends the stream (or the connection breaks). */
  readonly ended: Promise<void>;
  private readonly controller: AbortController;
  private waiters: Array<() => void> = [];
  private done = false;

  private constructor(response: Response, controller: AbortController) {
    this.status = response.status;
    this.headers = response.headers;
    this.controller = controller;
    this.ended = this.read(response);
  }

  /** Opens the stream; resolves once the server's first line (`retry:`, sent after it subscribed) arrived. */
  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(url, { headers, signal: controller.signal });
    const client = new SseClient(response, controller);
    if (response.status === 200) await client.waitFor((f) => f.retry !== undefined);
    return client;
  }

  private async read(response: Response): Promise<void> {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let text = "";
    try {
      for await (const chunk of response.body) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = text.indexOf("\n\n");
        while (end >= 0) {
          this.frames.push(parseBlock(text.slice(0, end)));
          text = text.slice(end + 2);
          end = text.indexOf("\n\n");
        }
        for (const wake of this.waiters.splice(0)) wake();
      }
    } catch {
      // aborted by close() or the server went away: `ended` resolves either way
    } finally {
      for (const wake of this.waiters.splice(0)) wake();
      this.done = true;
    }
  }

  /** The first frame (from `from` on) matching, waiting for it; fails after `timeoutMs`. */
  async waitFor(match: (frame: SseFrame) => boolean, from = 0, timeoutMs = 15_000): Promise<SseFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (this.done) throw new Error(`stream ended without the frame; saw ${JSON.stringify(this.frames)}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the stream carried an event with this id. */
  waitForEvent(id: number): Promise<SseFrame> {
    return this.waitFor((f) => f.id === String(id));
  }

  /** The events received, parsed from `data:` (frames with an `id:` only). */
  events(): StoredEvent[] {
    return this.frames
      .filter((f) => f.id !== undefined)
      .map((f) => JSON.parse(f.data ?? "null") as StoredEvent);
  }

  /** Everything received so far, as the raw text of the frames. */
  text(): string {
    return JSON.stringify(this.frames);
  }

  close(): void {
    this.controller.abort();
  }
}
