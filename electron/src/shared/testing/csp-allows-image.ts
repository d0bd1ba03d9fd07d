import { CONTENT_SECURITY_POLICY } from "../content-security-policy.js";

/**
 * Whether the app's CSP (`img-src`) lets an <img> on the app page load `url` from somewhere other
 * than the page itself ('self' never applies: avatars come from elsewhere). Handles the source kinds
 * the policy uses: a scheme (`data:`) and `https://*.host` / `https://host`.
 */
export function cspAllowsImage(url: string): boolean {
  const directive = CONTENT_SECURITY_POLICY.split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === "img-src");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (directive?.slice(1) ?? []).some((source) => {
    if (/^[a-z][a-z0-9+.-]*:$/.test(source)) return parsed.protocol === source;
    const match = /^(https?):\/\/(\*\.)?([^/:]+)$/.exec(source);
    if (!match || parsed.protocol !== `${match[1]}:` || parsed.port !== "") return false;
    const host = match[3] ?? "";
    return match[2] ? parsed.hostname.endsWith(`.${host}`) : parsed.hostname === host;
  });
}
