import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { DeskApiError } from "../desk-api-error.js";

/** A holder that stops refreshing its lock (a crash, a frozen process) loses it after this long. */
const STALE_MS = 10_000;

function inUse(): DeskApiError {
  return new DeskApiError(
    "sandbox_in_use",
    "The local sandbox of this data folder is already running in another copy of the app (a desktop window or another npm run web). Use that one, or close it and start again here; if it has just closed, wait a few seconds.",
    "这个数据文件夹的本地沙箱已经在另一个副本里运行（另一个桌面窗口或另一个 npm run web）。请用那一个，或者把它关掉后在这里再启动；如果刚刚关掉，请等几秒钟再试。",
  );
}

/**
 * One local sandbox per data folder: two would both take the remembered ports (the second one moving
 * and rewriting them) and both write the sandbox's state file, the last one erasing the other's menu.
 * The Electron app is one instance already; this also covers two `npm run web` on one folder.
 * proper-lockfile: a lock directory refreshed every few seconds, taken over once stale.
 */
export async function lockLocalFolder(dataDir: string): Promise<() => Promise<void>> {
  const folder = join(dataDir, "local");
  await mkdir(folder, { recursive: true, mode: 0o700 });
  try {
    return await lockfile.lock(folder, {
      lockfilePath: join(folder, "in-use.lock"),
      realpath: false,
      stale: STALE_MS,
      // Lost to another process (this one froze past STALE_MS): keep running; the next start asks again.
      onCompromised: (error) =>
        console.error("[wxdesk] the local sandbox's folder lock was lost:", error.message),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw inUse();
    throw error;
  }
}
