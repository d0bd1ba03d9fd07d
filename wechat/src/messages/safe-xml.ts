import { XMLParser, XMLValidator } from "fast-xml-parser";
import { MessageParseError } from "./message-parse-error.js";

/** Push bodies are a few hundred bytes; 64 KiB leaves room for long texts and stops memory abuse. */
export const DEFAULT_MAX_XML_BYTES = 64 * 1024;

/** One element of a parsed document: its text (CDATA kept verbatim, entities in plain text decoded) and children. */
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

/**
 * DTDs are the vehicle of XXE and "billion laughs" attacks. WeChat never sends one, so any DOCTYPE or ENTITY
 * declaration is refused before the parser sees the text. The scan follows XML's lexical rules just enough to
 * skip CDATA sections, comments and processing instructions: a user who types "<!DOCTYPE html>" in a chat
 * arrives inside CDATA (§9.2) and is plain text, while a declaration hidden behind a comment that merely
 * mentions "<![CDATA[" is still found. Matching is case-insensitive and tolerates whitespace after "<!".
 */
function containsDtd(xml: string): boolean {
  let at = xml.indexOf("<");
  while (at !== -1) {
    if (xml.startsWith("<![CDATA[", at)) at = skipPast(xml, at + 9, "]]>");
    else if (xml.startsWith("<!--", at)) at = skipPast(xml, at + 4, "-->");
    else if (xml.startsWith("<?", at)) at = skipPast(xml, at + 2, "?>");
    else if (/^<!\s*(DOCTYPE|ENTITY)/i.test(xml.slice(at, at + 32))) return true;
    else at += 1;
    // An unterminated section is malformed anyway; stay conservative and look at the raw text.
    if (at === -1) return /<!\s*(DOCTYPE|ENTITY)/i.test(xml);
    at = xml.indexOf("<", at);
  }
  return false;
}

function skipPast(xml: string, from: number, end: string): number {
  const found = xml.indexOf(end, from);
  return found === -1 ? -1 : found + end.length;
}

const parser = new XMLParser({
  preserveOrder: true, // keeps text and CDATA pieces in document order
  ignoreAttributes: true,
  parseTagValue: false, // every value stays a string: MsgId is a 64-bit integer (§9.2)
  processEntities: false, // no entity expansion at all; the five predefined ones are decoded below
  htmlEntities: false,
  cdataPropName: "#cdata",
  commentPropName: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 32,
});

// A Map, not an object literal, so names like "constructor" cannot resolve to inherited properties.
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** Decodes the XML predefined entities and numeric character references; anything else is left as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED.get(ref) ?? whole;
  });
}

type OrderedNode = Record<string, unknown>;

function isRecord(value: unknown): value is OrderedNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toElement(name: string, nodes: unknown): XmlElement {
  const children: XmlElement[] = [];
  const pieces: Array<{ text: string; cdata: boolean }> = [];
  for (const node of Array.isArray(nodes) ? nodes : []) {
    if (!isRecord(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === ":@") continue;
      if (key === "#text") pieces.push({ text: decodeEntities(String(value)), cdata: false });
      else if (key === "#cdata") {
        const inner = Array.isArray(value) ? value : [];
        const text = inner.map((part) => (isRecord(part) ? String(part["#text"] ?? "") : "")).join("");
        pieces.push({ text, cdata: true });
      } else children.push(toElement(key, value));
    }
  }
  // Pretty-printed XML puts whitespace around CDATA sections and child elements; that whitespace is layout,
  // not content. Plain text without CDATA or children is kept exactly.
  const hasCdata = pieces.some((p) => p.cdata);
  const keep =
    hasCdata || children.length > 0 ? pieces.filter((p) => p.cdata || p.text.trim() !== "") : pieces;
  return { name, text: keep.map((p) => p.text).join(""), children };
}

/**
 * Parses untrusted XML into a small element tree. Order of checks matters: size first (cheap, bounds all
 * later work), then the DTD ban, then well-formedness, then parsing with entity processing disabled.
 */
export function parseXmlSafely(xml: string, options: { maxBytes?: number } = {}): XmlElement {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  if (typeof xml !== "string") throw new MessageParseError("malformed", "XML body is not a string");
  const bytes = Buffer.byteLength(xml, "utf8");
  if (bytes > maxBytes) {
    throw new MessageParseError("too_large", `XML body is ${bytes} bytes, the limit is ${maxBytes}`);
  }
  if (containsDtd(xml)) {
    throw new MessageParseError("forbidden_dtd", "XML with a DOCTYPE or ENTITY declaration is refused");
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new MessageParseError("malformed", `XML is not well-formed: ${valid.err.msg}`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    throw new MessageParseError("malformed", `XML could not be parsed: ${(error as Error).message}`);
  }
  const roots: XmlElement[] = [];
  for (const node of Array.isArray(parsed) ? parsed : []) {
    if (!isRecord(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key !== "#text" && key !== "#cdata" && key !== ":@") roots.push(toElement(key, value));
    }
  }
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) {
    throw new MessageParseError("malformed", "XML must have exactly one root element");
  }
  return root;
}

/** The text of the first direct child called `name`, or undefined when absent. */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find((child) => child.name === name)?.text;
}

/** The first direct child called `name`. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}
