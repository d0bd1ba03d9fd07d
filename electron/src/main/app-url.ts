/**
 * The renderer is served from a custom, privileged `app://wxdesk/` origin rather than `file://`: a file
 * URL's origin is opaque and shared by every file on disk, so `'self'` in the CSP and the navigation
 * check would mean "any local file". `app://wxdesk` is one origin that only ever serves `renderer/`.
 */
export const APP_SCHEME = "app";
export const APP_HOST = "wxdesk";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs on the app's own origin (`app://wxdesk/…`). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === "";
  } catch {
    return false;
  }
}
