import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMessageXml } from "./message-parse.js";
import { MessageParseError, type MessageParseErrorCode } from "./message-parse-error.js";
import { buildEventXml, buildTextMessageXml } from "./message-xml.js";
import { parseReplyXml } from "./reply-xml.js";

// Property tests: whatever arrives as a push body (or a reply body, in the sandbox), parsing either gives a
// typed message or throws MessageParseError with one of its codes — never a TypeError, a RangeError or a
// parser's own exception. Run counts stay modest: CI has two cores.
// WXDESK_FC_RUNS=20000 for a deeper local run.
const RUNS = { numRuns: Number(process.env.WXDESK_FC_RUNS) || 300 };
const CODES: readonly MessageParseErrorCode[] = ["too_large", "forbidden_dtd", "malformed", "missing_field"];

/** The outcome of one parse: ok, or the error's code; anything else is rethrown (the property fails). */
function outcome(parse: () => unknown): "ok" | MessageParseErrorCode {
  try {
    parse();
    return "ok";
  } catch (error) {
    if (error instanceof MessageParseError) return error.code;
    throw error;
  }
}

function expectParsedOrCoded(xml: string): void {
  for (const parse of [() => parseMessageXml(xml), () => parseReplyXml(xml)]) {
    const first = outcome(parse);
    if (first !== "ok") expect(CODES).toContain(first);
    // Stable: the same input always gives the same code.
    expect(outcome(parse)).toBe(first);
  }
}

const base = {
  toUserName: "gh_e136c6e50636",
  fromUserName: "oMgHVjngRipVsoxg6TuX3vz6glDg",
  createTime: 1409304348,
};

/** Well-formed pushes of several shapes (§9.2), the starting points for mutation. */
const validPushes: string[] = [
  buildTextMessageXml({ ...base, content: "你好 <&> ]]", msgId: "1234567890123456" }),
  buildEventXml({ ...base, event: "CLICK", eventKey: "V1001_TODAY_MUSIC" }),
  buildEventXml({ ...base, event: "subscribe", eventKey: "qrscene_42", extra: { Ticket: "t" } }),
  buildEventXml({
    ...base,
    event: "LOCATION",
    extra: { Latitude: "23.1", Longitude: "113.3", Precision: "119.3" },
  }),
  buildEventXml({
    ...base,
    event: "pic_weixin",
    eventKey: "k",
    extra: { SendPicsInfo: { Count: 1, PicList: [{ PicMd5Sum: "abc" }] } },
  }),
  buildEventXml({
    ...base,
    event: "location_select",
    eventKey: "k",
    extra: {
      SendLocationInfo: { Location_X: "23", Location_Y: "113", Scale: "15", Label: "l", Poiname: "p" },
    },
  }),
  `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[o]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>`,
];

/** Characters that matter to XML, so mutations hit the grammar rather than only text. */
const xmlish = fc.oneof(
  fc.constantFrom(
    "<",
    ">",
    "&",
    "]]>",
    "<![CDATA[",
    "<!--",
    "-->",
    "<?",
    "?>",
    "</",
    "/>",
    '"',
    "'",
    "=",
    "&#0;",
  ),
  fc.constantFrom(
    "&#x110000;",
    "&#xD800;",
    "&lt;",
    "&bogus;",
    "<!DOCTYPE x>",
    "<! ENTITY",
    "\u0000",
    "\uFEFF",
  ),
  fc.string({ unit: "binary", maxLength: 8 }),
);

type Mutation = (xml: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(
    ([at, length]): Mutation =>
      (xml) => {
        const i = at % (xml.length + 1);
        return xml.slice(0, i) + xml.slice(i + length);
      },
  ),
  fc.tuple(fc.nat(), xmlish).map(
    ([at, insert]): Mutation =>
      (xml) => {
        const i = at % (xml.length + 1);
        return xml.slice(0, i) + insert + xml.slice(i);
      },
  ),
  fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 60 })).map(
    ([from, to, length]): Mutation =>
      (xml) => {
        const i = from % (xml.length + 1);
        const j = to % (xml.length + 1);
        return xml.slice(0, j) + xml.slice(i, i + length) + xml.slice(j);
      },
  ),
  fc.nat().map(
    (at): Mutation =>
      (xml) =>
        xml.slice(0, at % (xml.length + 1)),
  ),
  fc.integer({ min: 2, max: 40 }).map(
    (times): Mutation =>
      (xml) =>
        xml.replace("<xml>", "<xml>".repeat(times)),
  ),
);

describe("parseMessageXml / parseReplyXml (property)", () => {
  it("arbitrary strings: a message or MessageParseError with a stable code", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), expectParsedOrCoded), RUNS);
  });

  it("arbitrary XML-shaped text: a message or MessageParseError with a stable code", () => {
    const fragment = fc.oneof(
      xmlish,
      fc.constantFrom("<xml>", "</xml>", "<MsgType>", "</MsgType>", "event", "text"),
    );
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join("")),
        expectParsedOrCoded,
      ),
      RUNS,
    );
  });

  it("mutated valid pushes: a message or MessageParseError with a stable code", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...validPushes),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (xml, mutations) => expectParsedOrCoded(mutations.reduce((text, mutate) => mutate(text), xml)),
      ),
      RUNS,
    );
  });

  it("a parsed message always has the header fields as the types promise", () => {
    fc.assert(
      fc.property(fc.constantFrom(...validPushes), fc.array(mutation, { maxLength: 2 }), (xml, mutations) => {
        let message: ReturnType<typeof parseMessageXml>;
        try {
          message = parseMessageXml(mutations.reduce((text, mutate) => mutate(text), xml));
        } catch (error) {
          expect(error).toBeInstanceOf(MessageParseError);
          return;
        }
        expect(typeof message.toUserName).toBe("string");
        expect(typeof message.fromUserName).toBe("string");
        expect(Number.isSafeInteger(message.createTime)).toBe(true);
        expect(typeof message.msgType).toBe("string");
      }),
      RUNS,
    );
  });

  it("CreateTime is a safe whole number of seconds, or the body is malformed (never rounded, never Infinity)", () => {
    const digits = fc.oneof(
      fc.stringMatching(/^\d{1,40}$/),
      fc.constantFrom("9".repeat(400), "9007199254740993"),
    );
    fc.assert(
      fc.property(digits, (createTime) => {
        const text =
          validPushes[0]?.replace(
            "<CreateTime>1409304348</CreateTime>",
            `<CreateTime>${createTime}</CreateTime>`,
          ) ?? "";
        const reply = `<xml><ToUserName>o</ToUserName><FromUserName>g</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>text</MsgType><Content>c</Content></xml>`;
        for (const parse of [
          () => parseMessageXml(text).createTime,
          () => parseReplyXml(reply)?.createTime,
        ]) {
          let value: number | undefined;
          try {
            value = parse();
          } catch (error) {
            expect(error).toBeInstanceOf(MessageParseError);
            expect((error as MessageParseError).code).toBe("malformed");
            expect(Number.isSafeInteger(Number(createTime))).toBe(false);
            continue;
          }
          expect(Number.isSafeInteger(value)).toBe(true);
          expect(String(value)).toBe(String(BigInt(createTime)));
        }
      }),
      RUNS,
    );
  });

  it("refuses deep nesting (up to the 64 KiB limit) and huge bodies with their codes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 40, max: 9_000 }),
        fc.constantFrom("a", "xml", "Content"),
        (depth, tag) => {
          const xml = `<${tag}>`.repeat(depth) + `</${tag}>`.repeat(depth);
          expect(["malformed", "too_large"]).toContain(outcome(() => parseMessageXml(xml)));
        },
      ),
      { numRuns: 30 },
    );
    expect(outcome(() => parseMessageXml(`<xml>${"x".repeat(70_000)}</xml>`))).toBe("too_large");
  });
});
