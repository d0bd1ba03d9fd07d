/**
 * Event data is persisted and streamed to the desktop: it must never carry a token, a ticket, a
 * code or a secret. Routes build the data themselves; this is the net under them, dropping any
 * field whose name says it holds one (at any depth).
 */
const SECRET_FIELD = /(token|ticket|secret|password|sessionkey|^code$|^key$|apikey|authorization|cookie)/i;

/** Field names that look secret but are safe words (or flags) the event types use. */
const SAFE_FIELDS: ReadonlySet<string> = new Set(["tokenSource", "tokenState", "freshTokenAlsoFailed"]);

export function scrubEventData(data: Record<string, unknown>): Record<string, unknown> {
  return scrubObject(data, 0);
}

function scrubObject(data: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if (SECRET_FIELD.test(name) && !SAFE_FIELDS.has(name)) continue;
    out[name] = scrubValue(value, depth + 1);
  }
  return out;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (depth > 6) return undefined;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (value !== null && typeof value === "object") {
    return scrubObject(value as Record<string, unknown>, depth);
  }
  return value;
}
