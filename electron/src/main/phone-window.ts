import { BrowserWindow, session, type WebContents } from "electron";
import { LOCKED_WEB_PREFERENCES } from "./locked-web-preferences.js";
import { lockDownSession } from "./session-lockdown.js";

/** The frame name the renderer gives `window.open` for the sandbox's phone-sized consent window. */
export const PHONE_FRAME_NAME = "wxdesk-phone";
/**
 * In-memory (no `persist:` prefix): which fixture user "this phone" is, and the callback server's
 * session, live in this partition's cookies and end with the app — never in the app's own session.
 */
export const PHONE_PARTITION = "wxdesk-phone";

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);
const phoneContentsIds = new Set<number>();
let phoneWindow: BrowserWindow | undefined;

/**
 * The local sandbox and the bundled callback server listen on loopback only; those are the only pages
 * the phone window may show. Anything else (WeChat's real pages, a link on the landing page) goes to the
 * user's browser like any other link.
 */
export function isLoopbackHttpUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (
      (url.protocol === "http:" || url.protocol === "https:") &&
      LOOPBACK_HOSTS.has(url.hostname) &&
      url.username === "" &&
      url.password === ""
    );
  } catch {
    return false;
  }
}

/** True for the web contents of the phone window (its navigation rules differ from the app window's). */
export function isPhoneContents(contents: WebContents): boolean {
  return phoneContentsIds.has(contents.id);
}

/**
 * A phone-sized window on a loopback URL: no preload (the page never sees `window.wxdesk`), Chromium's
 * sandbox, context isolation, its own in-memory session. One at a time: a second request reuses it.
 */
export function openPhoneWindow(url: string): BrowserWindow {
  if (phoneWindow && !phoneWindow.isDestroyed()) {
    void phoneWindow.loadURL(url).catch(() => {});
    phoneWindow.focus();
    return phoneWindow;
  }
  const phoneSession = session.fromPartition(PHONE_PARTITION);
  lockDownSession(phoneSession);
  const window = new BrowserWindow({
    width: 390,
    height: 760,
    title: "手机预览 / Phone",
    autoHideMenuBar: true,
    webPreferences: {
      ...LOCKED_WEB_PREFERENCES,
      partition: PHONE_PARTITION,
    },
  });
  const id = window.webContents.id;
  phoneContentsIds.add(id);
  window.webContents.once("destroyed", () => phoneContentsIds.delete(id));
  window.once("closed", () => {
    if (phoneWindow === window) phoneWindow = undefined;
  });
  phoneWindow = window;
  void window.loadURL(url).catch(() => {
    // The local sandbox may have stopped; the window shows Chromium's error page and can be closed.
  });
  return window;
}
