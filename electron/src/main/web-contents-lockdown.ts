import { shell, type WebContents } from "electron";
import { isAppUrl } from "./app-url.js";
import { toSafeExternalUrl } from "./external-url.js";
import { isLoopbackHttpUrl, isPhoneContents, openPhoneWindow, PHONE_FRAME_NAME } from "./phone-window.js";

/**
 * Applied to every WebContents the app ever creates (`app.on("web-contents-created")`), so a page bug
 * cannot turn into leaving the app's origin, opening a second privileged window or attaching a
 * `<webview>` (Electron security checklist items 12–14).
 */
export function lockDownWebContents(contents: WebContents): void {
  // The window only ever shows app://wxdesk/ (the phone window: loopback pages of the local sandbox).
  // A link elsewhere opens in the user's browser instead.
  contents.on("will-navigate", (event) => {
    if (isAppUrl(event.url)) return;
    if (isPhoneContents(contents) && isLoopbackHttpUrl(event.url)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });

  // No window the page creates itself; http(s) links go to the user's browser. The one exception is
  // the app page asking for the local sandbox's phone-sized consent window, which main creates
  // itself (no preload, own session) rather than letting it inherit the app window's preferences.
  contents.setWindowOpenHandler(({ url, frameName }) => {
    if (frameName === PHONE_FRAME_NAME && isAppUrl(contents.mainFrame.url) && isLoopbackHttpUrl(url)) {
      openPhoneWindow(url);
      return { action: "deny" };
    }
    openInBrowser(url);
    return { action: "deny" };
  });

  contents.on("will-attach-webview", (event) => {
    event.preventDefault();
  });
}

function openInBrowser(candidate: string): void {
  const url = toSafeExternalUrl(candidate);
  if (url === null) return;
  shell.openExternal(url).catch(() => {
    // Nothing to do: the OS has no handler or refused; the app itself is unaffected.
  });
}
