/** HTML that has already been escaped (or is our own constant markup). Only `html` and `trustedHtml` make it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** The one escape helper: text for element content and double- or single-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function part(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(part).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(value);
}

/**
 * Tagged template: every interpolation is escaped unless it is `SafeHtml` (made by this tag),
 * arrays are joined, and `undefined`/`null`/`false` render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += part(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Our own constant markup/CSS/JS (never user or request data). */
export function trustedHtml(constant: string): SafeHtml {
  return new SafeHtml(constant);
}
