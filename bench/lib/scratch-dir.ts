import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ScratchDir {
  path: string;
  remove(): void;
}

/** Folders still present; removed when this process exits however it exits (a failed suite included). */
const live = new Set<string>();
process.once("exit", () => {
  for (const path of live) rmSync(path, { recursive: true, force: true });
});

/** A fresh temp folder for one suite; `remove()` deletes it (and so does process exit). */
export function scratchDir(prefix: string): ScratchDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  live.add(path);
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
      live.delete(path);
    },
  };
}
