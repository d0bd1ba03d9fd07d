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
    if (mayShow(contents, event.url)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });

  // The same rule for every frame, subframes included (`will-navigate` sees only the main frame): an
  // <iframe> — the app has none, its CSP says `frame-src 'none'` — must not become a way to show or
  // run another site inside the window. Nothing is opened in the browser for a frame.
  contents.on("will-frame-navigate", (event) => {
    if (!mayShow(contents, event.url)) event.preventDefault();
  });

  // Server redirects are checked too: an allowed page must not bounce the window (or a frame) to
  // another site. Not handed to the browser: a redirect is no click of the user's, and OAuth redirects
  // carry one-time codes.
  contents.on("will-redirect", (event) => {
    if (!mayShow(contents, event.url)) event.preventDefault();
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

/** What a web contents may show in any of its frames: the app window its own origin, the phone loopback pages. */
function mayShow(contents: WebContents, url: string): boolean {
  return isPhoneContents(contents) ? isLoopbackHttpUrl(url) : isAppUrl(url);
}

function openInBrowser(candidate: string): void {
  const url = toSafeExternalUrl(candidate);
  if (url === null) return;
  shell.openExternal(url).catch(() => {
    // Nothing to do: the OS has no handler or refused; the app itself is unaffected.
  });
}
