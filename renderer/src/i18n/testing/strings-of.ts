/**
 * The text of every string literal and template piece of a TypeScript file (`${…}` parts become 「…」),
 * skipping comments. A small scanner is enough for dictionaries and word tables; regular expression
 * literals are not expected there.
 */
export function stringsOf(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  // Template literals nest through `${ … }`: each open one keeps its text so far and the brace depth it resumes at.
  const open: Array<{ depth: number; piece: string }> = [];
  let depth = 0;
  const readQuoted = (quote: string) => {
    let value = "";
    i += 1;
    while (i < text.length && text[i] !== quote) {
      if (text[i] === "\\") i += 1;
      value += text[i] ?? "";
      i += 1;
    }
    i += 1;
    return value;
  };
  /** Reads template text up to its end (pushed to out) or the next `${` (kept open). */
  const readTemplate = (piece: string) => {
    let value = piece;
    while (i < text.length) {
      const c = text[i];
      if (c === "\\") {
        value += text[i + 1] ?? "";
        i += 2;
      } else if (c === "`") {
        i += 1;
        out.push(value);
        return;
      } else if (c === "$" && text[i + 1] === "{") {
        i += 2;
        open.push({ depth, piece: `${value}…` });
        depth += 1;
        return;
      } else {
        value += c;
        i += 1;
      }
    }
    out.push(value);
  };
  const skipTo = (end: string, from: number) => {
    const at = text.indexOf(end, from);
    return at === -1 ? text.length : at + end.length;
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") i = skipTo("\n", i);
    else if (c === "/" && next === "*") i = skipTo("*/", i + 2);
    else if (c === '"' || c === "'") out.push(readQuoted(c));
    else if (c === "`") {
      i += 1;
      readTemplate("");
    } else if (c === "{") {
      depth += 1;
      i += 1;
    } else if (c === "}") {
      depth -= 1;
      i += 1;
      const last = open[open.length - 1];
      if (last && last.depth === depth) {
        open.pop();
        readTemplate(last.piece);
      }
    } else i += 1;
  }
  return out;
}
