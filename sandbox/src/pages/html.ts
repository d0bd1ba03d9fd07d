/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Tagged template: every interpolation is escaped unless it is a `raw()` fragment. */
export class RawHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export function raw(html: string): RawHtml {
  return new RawHtml(html);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    if (value instanceof RawHtml) out += value.html;
    else if (Array.isArray(value))
      out += value.map((v) => (v instanceof RawHtml ? v.html : escapeHtml(v))).join("");
    else if (value !== undefined && value !== null && value !== false) out += escapeHtml(value);
    out += strings[i + 1] ?? "";
  });
  return new RawHtml(out);
}

export function firstChar(text: string): string {
  return Array.from(text)[0] ?? "?";
}
