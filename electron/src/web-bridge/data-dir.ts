import { access, mkdir, rename } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";

const FOLDER = "wxdesk";

/**
 * The per-user app-data folder as Electron's `app.getPath("appData")` finds it: Linux
 * `$XDG_CONFIG_HOME` (`~/.config`), macOS `~/Library/Application Support`, Windows `%APPDATA%`.
 */
function appDataFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === "darwin") return join(home, "Library", "Application Support");
  if (platform === "win32") return env.APPDATA || join(home, "AppData", "Roaming");
  return env.XDG_CONFIG_HOME || join(home, ".config");
}

/**
 * The web bridge's data folder (settings, drafts, the local sandbox): `WXDESK_DATA_DIR` when set,
 * else the desktop app's own folder (`<appData>/wxdesk`, desktop-app.ts) — one folder per user
 * whichever way the app is opened, so a menu published in `npm run web` is there in `npm start`.
 * Both running at once is safe: one local sandbox per folder (local-folder-lock.ts), and settings
 * are re-read before each write (settings-file.ts). Decision: README.md "Where your data lives".
 */
export function bridgeDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const chosen = env.WXDESK_DATA_DIR?.trim();
  if (chosen) return resolve(chosen);
  return join(appDataFolder(env, platform, home), FOLDER);
}

/**
 * Where `npm run web` kept its data before it shared the desktop app's folder (Linux
 * `$XDG_DATA_HOME/wxdesk`, Windows `%LOCALAPPDATA%\wxdesk\Data`; macOS was already the same folder).
 */
export function legacyBridgeDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string | undefined {
  if (env.WXDESK_DATA_DIR?.trim() || platform === "darwin") return undefined;
  if (platform === "win32") return join(env.LOCALAPPDATA || join(home, "AppData", "Local"), FOLDER, "Data");
  return join(env.XDG_DATA_HOME || join(home, ".local", "share"), FOLDER);
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Once: the old web-only folder moves to the shared one when the shared one does not exist yet
 * (nothing to merge). Otherwise both stay as they are and the caller says where the old one is.
 */
export async function adoptLegacyDataDir(
  legacy: string | undefined,
  dataDir: string,
): Promise<"moved" | "left" | "none"> {
  if (!legacy || resolve(legacy) === resolve(dataDir) || !(await exists(legacy))) return "none";
  if (await exists(dataDir)) return "left";
  await mkdir(dirname(dataDir), { recursive: true });
  try {
    await rename(legacy, dataDir);
    return "moved";
  } catch {
    // Another disk (EXDEV) or no permission: leave it, and say where it is.
    return "left";
  }
}
