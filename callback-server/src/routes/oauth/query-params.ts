import type { FastifyRequest } from "fastify";

/**
 * One query parameter: its string, `undefined` when absent, `null` when repeated or not text
 * (`?next=/a&next=//evil.com` is refused, not resolved by guessing which one counts).
 */
export function queryParam(request: FastifyRequest, name: string): string | undefined | null {
  const query = request.query;
  if (query === null || typeof query !== "object") return undefined;
  const value = (query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : null;
}

/** The query split at its first parameter called `name` (`rawTailParam`). */
export interface RawTail {
  /** The parameters before it, parsed. */
  before: URLSearchParams;
  /** Everything after `name=`, exactly as sent: not percent-decoded, `&` and `?` included. */
  value: string;
}

/**
 * For a URL pasted into the query unencoded, as nginx does with `$request_uri` (it cannot
 * percent-encode): `?scope=snsapi_base&next_raw=https://h/a?x=1&y=%2B` → `before` = `scope=…`,
 * `value` = `https://h/a?x=1&y=%2B`. The pasted URL is already a valid, encoded URL, so taking the
 * rest of the query as written restores it byte for byte (decoding would turn `%2B` into `+`, and
 * splitting at `&` would cut it). Undefined when no parameter is called `name`.
 */
export function rawTailParam(url: string, name: string): RawTail | undefined {
  const mark = url.indexOf("?");
  if (mark < 0) return undefined;
  const query = url.slice(mark + 1);
  let start = 0;
  while (start <= query.length) {
    if (query.startsWith(`${name}=`, start)) {
      return {
        before: new URLSearchParams(query.slice(0, Math.max(0, start - 1))),
        value: query.slice(start + name.length + 1),
      };
    }
    const amp = query.indexOf("&", start);
    if (amp < 0) return undefined;
    start = amp + 1;
  }
  return undefined;
}
