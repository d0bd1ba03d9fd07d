import { mkdir, readFile, rename } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { parseSnapshot, type SandboxSnapshot } from "./state-snapshot.js";

/** What `load()` found: a saved state, none yet, or a file that could not be read (kept aside). */
export type StateLoad =
  | { outcome: "restored"; snapshot: SandboxSnapshot }
  | { outcome: "missing" }
  | { outcome: "broken"; keptAs: string };

export interface StateFileOptions {
  /** Changes within this window are written together (default 250 ms). */
  delayMs?: number;
  /** A failed write (the next change or `flush()` tries again). */
  onError?(error: unknown): void;
}

/**
 * The sandbox's state on disk: read once at start, written atomically (write-file-atomic: a temporary
 * file flushed to disk, then renamed over the old one — a crash leaves the old or the new file, never
 * half of one), at most once per `delayMs` while things change, and once more at close.
 * 0600: the tokens in it are fake, but they are still tokens.
 */
export class SandboxStateFile {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly delayMs: number;

  constructor(
    readonly path: string,
    private readonly take: () => SandboxSnapshot,
    private readonly options: StateFileOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 250;
  }

  async load(): Promise<StateLoad> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { outcome: "missing" };
      throw error;
    }
    try {
      return { outcome: "restored", snapshot: parseSnapshot(text) };
    } catch {
      // Unreadable (cut short, hand-edited, another version): start afresh, but keep it for a look.
      const keptAs = join(dirname(this.path), `${basename(this.path)}.broken-${Date.now()}`);
      await rename(this.path, keptAs);
      return { outcome: "broken", keptAs };
    }
  }

  /** Something changed: write within `delayMs` (one write however many changes come meanwhile). */
  changed(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.delayMs);
    // A pending save must not keep a process alive that is otherwise done; close() flushes.
    this.timer.unref();
  }

  /** Writes now if anything changed, and waits for every write started so far. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.save();
  }

  private save(): Promise<void> {
    const run = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await mkdir(dirname(this.path), { recursive: true });
        await writeFileAtomic(this.path, JSON.stringify(this.take()), { mode: 0o600, fsync: true });
      } catch (error) {
        this.dirty = true;
        this.options.onError?.(error);
      }
    });
    this.writing = run;
    return run;
  }
}
