import { join } from "node:path";
import { app, type BrowserWindow, dialog, ipcMain, session } from "electron";
import type { CreateDeskHost, DeskHost } from "../desk/desk-host.js";
import { handleAppProtocol, registerAppScheme } from "./app-protocol.js";
import { registerDeskIpc } from "./ipc.js";
import { createMainWindow } from "./main-window.js";
import { lockDownSession } from "./session-lockdown.js";
import { lockDownWebContents } from "./web-contents-lockdown.js";

export interface DesktopAppOptions {
  createDeskHost: CreateDeskHost;
  /** Vite's build of renderer/ (in the bundle: `dist/renderer`). */
  rendererDir: string;
  /** The bundled preload (`dist/preload.cjs`). */
  preloadPath: string;
}

/** The data folder's name under the OS's per-user app-data folder, the same in dev and packaged. */
const DATA_FOLDER_NAME = "wxdesk";

/**
 * The app's lifecycle. Resolves once the window exists (or at once, when another instance already
 * runs); tests await it, main.ts does not need to.
 */
export async function startDesktopApp(options: DesktopAppOptions): Promise<void> {
  // Fixed before `ready`: otherwise the folder is named after package.json ("@wxdesk/electron" in dev,
  // the product name when packaged) and dev and packaged builds would not share settings and drafts.
  app.setPath("userData", join(app.getPath("appData"), DATA_FOLDER_NAME));
  app.enableSandbox();
  registerAppScheme();

  // A second copy would run a second local sandbox on the same data folder: hand over and quit.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  let host: DeskHost | null = null;
  let closing = false;

  const showWindow = (): void => {
    if (window === null || window.isDestroyed()) {
      window = createMainWindow(options.preloadPath);
      window.on("closed", () => {
        window = null;
      });
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  };

  app.on("web-contents-created", (_event, contents) => lockDownWebContents(contents));
  app.on("second-instance", () => {
    if (host !== null) showWindow();
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app.on("activate", () => {
    if (host !== null && window === null) showWindow();
  });
  // Stop the local sandbox and the event stream before the process goes away.
  app.on("will-quit", (event) => {
    if (host === null || closing) return;
    closing = true;
    event.preventDefault();
    const closingHost = host;
    host = null;
    void closingHost
      .close()
      .catch(() => undefined)
      .finally(() => app.quit());
  });

  try {
    await app.whenReady();
    lockDownSession(session.defaultSession);
    handleAppProtocol(options.rendererDir);
    host = await options.createDeskHost({
      dataDir: app.getPath("userData"),
      transport: "electron",
      appVersion: app.getVersion(),
      // The UI offers the local sandbox; it is not started until the user asks (unlike `npm run web`).
      startLocalSandbox: false,
    });
    registerDeskIpc({ ipcMain, host, getAppContents: () => window?.webContents ?? null });
    showWindow();
  } catch (error) {
    dialog.showErrorBox(
      "wxdesk 无法启动 / wxdesk could not start",
      `应用启动失败，请重新打开；如果仍然失败，请重新安装。\nThe app failed to start. Open it again; if it still fails, reinstall it.\n\n${describe(error)}`,
    );
    app.exit(1);
  }
}

/** A DeskError says what went wrong in words; anything else only by name (its text may carry paths). */
function describe(error: unknown): string {
  const { messageZh, message } = (typeof error === "object" && error !== null ? error : {}) as Record<
    string,
    unknown
  >;
  if (typeof messageZh === "string" && typeof message === "string") return `${messageZh}\n${message}`;
  return error instanceof Error ? error.name : "unknown";
}
