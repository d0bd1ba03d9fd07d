/** Where `next` may point: this server, or an origin the admin allowed (WXDESK_NEXT_ALLOW). */
export interface NextPolicy {
  publicUrl: string;
  nextAllow: readonly string[];
}

export const DEFAULT_NEXT = "/";
const MAX_NEXT_LENGTH = 2048;
/**
 * Control characters, space and DEL: browsers silently drop tab/CR/LF inside URLs, which turns
 * `/\t/evil.com` into `//evil.com`. A backslash is read as `/` by browsers (`/\evil.com`).
 */
function hasUnsafeCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Decodes repeatedly (at most 3 times) so `%252F%252F` tricks are seen for what they become. */
function decodedForms(text: string): string[] | undefined {
  const forms = [text];
  let current = text;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/**
 * The redirect target for `next`, or undefined when it is not allowed (no open redirect).
 * Allowed: a same-origin path (one leading `/`, never `//`, no backslash or control characters,
 * also after percent-decoding), or an absolute http(s) URL whose origin is the public URL's or
 * on the allowlist (no user:password@). Everything else — `javascript:`, `//evil.com`,
 * `/\evil.com`, `https://evil.com`, bare `evil.com` — is refused.
 */
export function safeNext(raw: string | undefined, policy: NextPolicy): string | undefined {
  if (raw === undefined || raw === "") return DEFAULT_NEXT;
  if (raw.length > MAX_NEXT_LENGTH) return undefined;
  const forms = decodedForms(raw);
  if (!forms || forms.some(hasUnsafeCharacter)) return undefined;
  const own = originOf(policy.publicUrl);
  if (own === undefined) return undefined;

  if (raw.startsWith("/")) {
    if (forms.some((form) => form.startsWith("//"))) return undefined;
    let url: URL;
    try {
      url = new URL(raw, `${own}/`);
    } catch {
      return undefined;
    }
    if (url.origin !== own) return undefined;
    return `${url.pathname}${url.search}${url.hash}`;
  }

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username !== "" || url.password !== "") return undefined;
  const allowed = new Set([own, ...policy.nextAllow.map((o) => originOf(o)).filter((o) => o !== undefined)]);
  return allowed.has(url.origin) ? url.href : undefined;
}
