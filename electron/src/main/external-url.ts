const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * What may be handed to the OS (`shell.openExternal`): plain http(s) links only. `file:`, `javascript:`,
 * `smb:` and custom schemes can run programs or leak credentials through the OS handler, and a
 * `user:pass@host` link is a classic way to disguise where it really goes. Returns the normalised URL
 * to open, or null.
 */
export function toSafeExternalUrl(candidate: unknown): string | null {
  if (typeof candidate !== "string" || candidate.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "") return null;
  if (url.hostname === "") return null;
  return url.href;
}
