import { shell, type WebContents } from "electron";
import { isAppUrl } from "./app-url.js";
import { toSafeExternalUrl } from "./external-url.js";

/**
 * Applied to every WebContents the app ever creates (`app.on("web-contents-created")`), so a page bug
 * cannot turn into leaving the app's origin, opening a second privileged window or attaching a
 * `<webview>` (Electron security checklist items 12–14).
 */
export function lockDownWebContents(contents: WebContents): void {
  // The window only ever shows app://wxdesk/. A link elsewhere opens in the user's browser instead.
  contents.on("will-navigate", (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });

  // No new Electron windows at all; http(s) links go to the user's browser.
  contents.setWindowOpenHandler(({ url }) => {
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
