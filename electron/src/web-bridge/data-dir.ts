import { homedir } from "node:os";
import { join, resolve } from "node:path";

const FOLDER = "wxdesk";

/**
 * The web bridge's data folder (settings, drafts, the local sandbox's SQLite file): `WXDESK_DATA_DIR`
 * when set, else the per-user data folder the way env-paths picks it — Linux `$XDG_DATA_HOME/wxdesk`
 * (`~/.local/share/wxdesk`), macOS `~/Library/Application Support/wxdesk`, Windows
 * `%LOCALAPPDATA%\wxdesk\Data`. Deliberately not the Electron app's folder, so a browser session and
 * the desktop app running at once do not write the same files.
 */
export function bridgeDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const chosen = env.WXDESK_DATA_DIR?.trim();
  if (chosen) return resolve(chosen);
  if (platform === "darwin") return join(home, "Library", "Application Support", FOLDER);
  if (platform === "win32") return join(env.LOCALAPPDATA || join(home, "AppData", "Local"), FOLDER, "Data");
  return join(env.XDG_DATA_HOME || join(home, ".local", "share"), FOLDER);
}
