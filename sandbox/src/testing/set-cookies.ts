import { parseSetCookie } from "set-cookie-parser";

/** One Set-Cookie line as a test browser's jar needs it. */
export interface SetCookie {
  name: string;
  /** As sent (not URL-decoded): the jar sends it back unchanged. */
  value: string;
  /** `/` when the line has no Path. */
  path: string;
  /** The server asks to forget it: an empty value, Max-Age ≤ 0, or an Expires in the past. */
  expired: boolean;
}

/**
 * The Set-Cookie lines of one answer, parsed by set-cookie-parser: the one parser behind every test
 * browser's jar (the OAuth harness, the phone browser, the nginx test, the benches).
 */
export function readSetCookies(lines: string | readonly string[] | undefined): SetCookie[] {
  return parseSetCookie(lines ?? [], { decodeValues: false }).map((c) => ({
    name: c.name,
    value: c.value,
    path: c.path ?? "/",
    expired:
      c.value === "" ||
      (c.maxAge !== undefined && c.maxAge <= 0) ||
      (c.expires?.getTime() ?? Infinity) <= Date.now(),
  }));
}
