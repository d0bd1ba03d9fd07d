import type { Session } from "electron";
import { isAppUrl } from "./app-url.js";

/**
 * The app needs no browser permission (camera, notifications, geolocation, …): all of them are refused,
 * asked or merely checked. The one exception is writing plain text to the clipboard from the app's own
 * page ("copy link" buttons), which Chromium gates behind `clipboard-sanitized-write`.
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isAllowed(permission, requestingOrigin),
  );
}

function isAllowed(permission: string, requestingUrl: string): boolean {
  return permission === "clipboard-sanitized-write" && isAppUrl(requestingUrl);
}
