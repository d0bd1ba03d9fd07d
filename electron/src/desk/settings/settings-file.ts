import { mkdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { readJsonFile, writeJsonFile } from "./json-file.js";
import {
  DEFAULT_SETTINGS,
  LOCAL_PROFILE_ID,
  type StoredSettings,
  storedSettingsSchema,
} from "./settings-schema.js";

/** Told once when settings.json could not be read and was kept aside. */
export interface SettingsRecovery {
  keptAs: string;
  message: string;
  messageZh: string;
}

/**
 * `<dataDir>/settings.json`: non-secret settings, validated when read, written atomically. Writes
 * are queued one after the other so two quick changes can never interleave.
 */
export class SettingsFile {
  readonly path: string;
  private current: StoredSettings = structuredClone(DEFAULT_SETTINGS);
  private queue: Promise<void> = Promise.resolve();
  recovery: SettingsRecovery | undefined;

  constructor(dataDir: string) {
    this.path = join(dataDir, "settings.json");
  }

  async load(): Promise<StoredSettings> {
    const read = await readJsonFile(this.path, storedSettingsSchema);
    if (read.state === "ok") {
      this.current = read.value;
    } else {
      this.current = structuredClone(DEFAULT_SETTINGS);
      if (read.state === "broken") {
        const name = basename(read.keptAs);
        this.recovery = {
          keptAs: read.keptAs,
          message: `The settings file could not be read, so the app started with default settings. The old file was kept as ${name}.`,
          messageZh: `设置文件无法读取，应用已使用默认设置启动。原文件已另存为 ${name}。`,
        };
      }
    }
    const ids = new Set(this.current.profiles.map((p) => p.id));
    if (this.current.activeId !== LOCAL_PROFILE_ID && !ids.has(this.current.activeId)) {
      this.current.activeId = LOCAL_PROFILE_ID;
    }
    return this.get();
  }

  /** A copy: callers cannot change the settings behind the file's back. */
  get(): StoredSettings {
    return structuredClone(this.current);
  }

  /**
   * Applies `change` to the file as it is now, writes it, and only then makes it current. Read first:
   * the desktop app and `npm run web` share the folder, and a change made by the other one must not be
   * written over with this process's older copy.
   */
  async update(change: (draft: StoredSettings) => void): Promise<StoredSettings> {
    const run = this.queue.then(async () => {
      const onDisk = await readJsonFile(this.path, storedSettingsSchema);
      const next = structuredClone(onDisk.state === "ok" ? onDisk.value : this.current);
      change(next);
      const checked = storedSettingsSchema.parse(next);
      await mkdir(dirname(this.path), { recursive: true });
      await writeJsonFile(this.path, checked);
      this.current = checked;
    });
    this.queue = run.catch(() => {});
    await run;
    return this.get();
  }

  /** Waits for queued writes (close()). */
  async settle(): Promise<void> {
    await this.queue;
  }
}
