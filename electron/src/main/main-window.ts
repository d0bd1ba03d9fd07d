import { BrowserWindow } from "electron";
import { APP_ENTRY_URL } from "./app-url.js";
import { LOCKED_WEB_PREFERENCES } from "./locked-web-preferences.js";

/**
 * The one window. Its page is untrusted as far as the main process is concerned: no Node, an isolated
 * preload world, Chromium's sandbox, same-origin policy on, no `<webview>`. It reaches the app only
 * through `window.wxdesk` (preload.ts).
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: "wxdesk 公众号助手",
    autoHideMenuBar: true,
    webPreferences: {
      ...LOCKED_WEB_PREFERENCES,
      preload: preloadPath,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    },
  });
  window.once("ready-to-show", () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    // Only our own app:// files load here; a failure means a broken install, not user input.
    console.error("wxdesk: the window could not load its page / 窗口无法加载页面", error);
  });
  return window;
}
