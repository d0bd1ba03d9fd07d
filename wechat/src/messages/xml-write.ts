/** A value for a generated XML element: text goes in CDATA, numbers bare, arrays become `<item>` lists. */
export type XmlValue = string | number | XmlValue[] | { [name: string]: XmlValue };

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Wraps text in CDATA the way WeChat does. `]]>` cannot appear inside a CDATA section, so it is split across
 * two sections (`]]` ends the first, `>` starts the second); a parser joins them back to the original text.
 */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** One element; the name is checked so caller-supplied names cannot inject markup. */
export function element(name: string, value: XmlValue): string {
  if (!ELEMENT_NAME.test(name)) throw new TypeError(`Invalid XML element name: ${JSON.stringify(name)}`);
  return `<${name}>${content(value)}</${name}>`;
}

function content(value: XmlValue): string {
  if (typeof value === "string") return cdata(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("XML number values must be finite");
    return String(value);
  }
  // WeChat lists (PicList, Articles) hold repeated <item> elements.
  if (Array.isArray(value)) return value.map((item) => element("item", item)).join("");
  return Object.entries(value)
    .map(([name, child]) => element(name, child))
    .join("");
}
