import { chmod, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { readJsonFile, writeJsonFile } from "../settings/json-file.js";
import type { KeyStore } from "./key-store.js";

const keysFileSchema = z.object({
  version: z.literal(1),
  keys: z.record(z.string(), z.string()),
});
type KeysFile = z.infer<typeof keysFileSchema>;

/**
 * `<dataDir>/keys.json`, mode 0600 — only when no keychain answers AND the user agreed
 * (`settings.allowPlaintextKeys`). The caller decides; this store only keeps the file right.
 */
export class PlaintextKeyStore implements KeyStore {
  readonly path: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, "keys.json");
  }

  private async read(): Promise<KeysFile> {
    const read = await readJsonFile(this.path, keysFileSchema);
    return read.state === "ok" ? read.value : { version: 1, keys: {} };
  }

  private change(apply: (file: KeysFile) => boolean): Promise<void> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      if (!apply(file)) return;
      await mkdir(dirname(this.path), { recursive: true });
      await writeJsonFile(this.path, file, 0o600);
      // The umask can only narrow 0600; say it explicitly anyway (an existing file keeps its mode otherwise).
      await chmod(this.path, 0o600);
    });
    this.queue = run.catch(() => {});
    return run;
  }

  async get(profileId: string): Promise<string | null> {
    await this.queue;
    const file = await this.read();
    return Object.hasOwn(file.keys, profileId) ? (file.keys[profileId] ?? null) : null;
  }

  set(profileId: string, key: string): Promise<void> {
    return this.change((file) => {
      file.keys[profileId] = key;
      return true;
    });
  }

  delete(profileId: string): Promise<void> {
    return this.change((file) => {
      if (!Object.hasOwn(file.keys, profileId)) return false;
      delete file.keys[profileId];
      return true;
    });
  }

  /** Profile ids with a key in the file. */
  async ids(): Promise<string[]> {
    await this.queue;
    return Object.keys((await this.read()).keys);
  }
}
