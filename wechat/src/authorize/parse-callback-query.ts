export type CallbackResult =
  | { kind: "code"; code: string; state: string }
  | { kind: "denied"; state: string };

function firstString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === "string");
  return undefined;
}

/**
 * Interprets `REDIRECT_URI?code=CODE&state=STATE`. §1.3: when the user refuses, WeChat redirects
 * with no `code` at all, so a missing/empty code means "denied" — never an error to retry.
 * Accepts URLSearchParams or a framework's parsed query object (values may be arrays).
 */
export function parseCallbackQuery(query: URLSearchParams | Record<string, unknown>): CallbackResult {
  const read = (name: string): string | undefined =>
    query instanceof URLSearchParams ? (query.get(name) ?? undefined) : firstString(query[name]);
  const state = read("state") ?? "";
  const code = read("code");
  if (code === undefined || code === "") return { kind: "denied", state };
  return { kind: "code", code, state };
}
