/** Where `next` may point: this server, or an origin the admin allowed (WXDESK_NEXT_ALLOW). */
export interface NextPolicy {
  publicUrl: string;
  nextAllow: readonly string[];
}

export const DEFAULT_NEXT = "/";
const MAX_NEXT_LENGTH = 2048;
/** Percent-decoding rounds looked through (`%252F` → `%2F` → `/`). */
const DECODE_ROUNDS = 3;
/** Any host will do: only the path a browser or a proxy would make of the text is compared. */
const PROBE_BASE = "http://probe.invalid/";

/**
 * Control characters, DEL and backslash: browsers drop tab/CR/LF inside URLs (`/\t/evil.com`
 * becomes `//evil.com`) and read a backslash as `/` (`/\evil.com`). `space` is refused in the
 * text as given (`" /orders"` is a typo, not a path) but allowed once decoded (`/my%20doc`).
 */
function hasControlOrBackslash(text: string, refuseSpace: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c || (refuseSpace && c === 0x20)) return true;
  }
  return false;
}

/** An http(s) origin; anything else (`data:`, `javascript:`, an opaque "null" origin) is none. */
function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** `text` and what it decodes to, round after round; undefined when the encoding is broken. */
function decodedForms(text: string): string[] | undefined {
  const forms = [text];
  let current = text;
  for (let i = 0; i < DECODE_ROUNDS; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (decoded === current) break;
    forms.push(decoded);
    current = decoded;
  }
  return forms;
}

/** A path that starts with exactly one slash, as a browser resolves it: never `//host`, never `/\host`. */
function startsAsOnePath(text: string): boolean {
  return text.startsWith("/") && text[1] !== "/" && text[1] !== "\\";
}

/**
 * Is this serialised path safe however it is read later? A browser reads it as it is; a server or
 * proxy in front of the target page may percent-decode it (`/%2F%2Fevil.com`), drop `;params`
 * from segments (`/.;/`, Tomcat) and then collapse dot segments (`/.//evil.com` → `//evil.com`).
 * Each of those readings must still be one same-origin path.
 */
function pathIsSafe(path: string): boolean {
  const forms = decodedForms(path);
  if (!forms) return false;
  for (const form of forms) {
    if (hasControlOrBackslash(form, false)) return false;
    for (const reading of [form, form.replace(/;[^/]*/g, "")]) {
      if (!startsAsOnePath(reading)) return false;
      let resolved: URL;
      try {
        resolved = new URL(reading, PROBE_BASE);
      } catch {
        return false;
      }
      if (resolved.origin !== originOf(PROBE_BASE) || !startsAsOnePath(resolved.pathname)) return false;
    }
  }
  return true;
}

interface Origins {
  own: string;
  allowed: ReadonlySet<string>;
}

function originsOf(policy: NextPolicy): Origins | undefined {
  const own = originOf(policy.publicUrl);
  if (own === undefined) return undefined;
  const others = policy.nextAllow.map((o) => originOf(o)).filter((o) => o !== undefined);
  return { own, allowed: new Set([own, ...others]) };
}

/** The text as it will be sent: a serialised same-origin path, or a serialised absolute URL. */
function serialise(raw: string, origins: Origins): string | undefined {
  if (hasControlOrBackslash(raw, true)) return undefined;
  let url: URL;
  try {
    url = raw.startsWith("/") ? new URL(raw, `${origins.own}/`) : new URL(raw);
  } catch {
    return undefined;
  }
  if (raw.startsWith("/")) {
    return url.origin === origins.own ? `${url.pathname}${url.search}${url.hash}` : undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username !== "" || url.password !== "") return undefined;
  return url.href;
}

/**
 * The check on the OUTPUT, i.e. the Location value itself: where a browser that receives it lands
 * (`new URL(location, publicUrl)`) must be an allowed origin, a relative value must begin with one
 * slash only, and its path must stay one path under every reading of `pathIsSafe`.
 */
function isSafeLocation(location: string, origins: Origins): boolean {
  if (hasControlOrBackslash(location, true)) return false;
  let landed: URL;
  try {
    landed = new URL(location, `${origins.own}/`);
  } catch {
    return false;
  }
  if (location.startsWith("/")) {
    if (!startsAsOnePath(location) || landed.origin !== origins.own) return false;
  } else if (!origins.allowed.has(landed.origin) || landed.username !== "" || landed.password !== "") {
    return false;
  }
  return pathIsSafe(landed.pathname);
}

/**
 * The redirect target for `next`, or undefined when it is not allowed (no open redirect). The one
 * check for every place `next` enters: `/oauth/start` (query or signed link), `/oauth/snapshot`,
 * the direct-link callback, `POST /admin/api/links`, and the callback's final redirect.
 *
 * Allowed: a path on this server, or an absolute http(s) URL on the public URL's origin or on the
 * allowlist (no user:password@). The answer is the serialised form the Location header will carry,
 * and the check runs on that answer — after dot segments collapsed (`/.//evil.com` serialises to
 * `//evil.com`, refused), whatever the encoding (`%2e`, `%2F`, `%5C`, double encoding), case,
 * backslashes, tab/CR/LF or `;`. It is a fixed point: a value it returned passes again unchanged,
 * so re-checking a stored `next` (signed links, state records) can never change where it leads.
 */
export function safeNext(raw: string | undefined, policy: NextPolicy): string | undefined {
  if (raw === undefined || raw === "") return DEFAULT_NEXT;
  if (raw.length > MAX_NEXT_LENGTH) return undefined;
  const origins = originsOf(policy);
  if (!origins) return undefined;
  const location = serialise(raw, origins);
  if (location === undefined || location.length > MAX_NEXT_LENGTH) return undefined;
  if (!isSafeLocation(location, origins)) return undefined;
  return serialise(location, origins) === location ? location : undefined;
}
