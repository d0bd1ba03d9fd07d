import { describe, expect, it } from "vitest";
import { MessageParseError } from "./message-parse-error.js";
import { buildReplyXml, type PassiveReply, parseReplyXml } from "./reply-xml.js";

// Reply ids are already swapped by the caller (§9.3).
const address = {
  toUserName: "oMgHVjngRipVsoxg6TuX3vz6glDg",
  fromUserName: "gh_e136c6e50636",
  createTime: 1409304350,
};
const HEAD =
  "<ToUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></ToUserName><FromUserName><![CDATA[gh_e136c6e50636]]></FromUserName><CreateTime>1409304350</CreateTime>";

describe("buildReplyXml (§9.3)", () => {
  it("builds a text reply with the exact element names", () => {
    expect(buildReplyXml({ type: "text", content: "你好" }, address)).toBe(
      `<xml>${HEAD}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>`,
    );
  });

  it("builds an image reply", () => {
    expect(buildReplyXml({ type: "image", mediaId: "MEDIA_ID" }, address)).toBe(
      `<xml>${HEAD}<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[MEDIA_ID]]></MediaId></Image></xml>`,
    );
  });

  it("builds a news reply", () => {
    const reply: PassiveReply = {
      type: "news",
      articles: [{ title: "t", description: "d", picUrl: "http://p.example", url: "http://u.example" }],
    };
    expect(buildReplyXml(reply, address)).toBe(
      `<xml>${HEAD}<MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description><PicUrl><![CDATA[http://p.example]]></PicUrl><Url><![CDATA[http://u.example]]></Url></item></Articles></xml>`,
    );
  });

  it.each([0, 9])("refuses a news reply with %i articles", (count) => {
    const articles = Array.from({ length: count }, (_, i) => ({ title: `t${i}` }));
    expect(() => buildReplyXml({ type: "news", articles }, address)).toThrow(RangeError);
  });
});

describe("parseReplyXml", () => {
  it.each(["", "success", "  success\n", "\n"])("treats %j as no reply", (body) => {
    expect(parseReplyXml(body)).toBeNull();
  });

  it.each<PassiveReply>([
    { type: "text", content: "a]]>b <c> & 😀" },
    { type: "image", mediaId: "M" },
    {
      type: "news",
      articles: [
        { title: "one", description: "d", picUrl: "http://p.example/1.jpg", url: "http://u.example/1" },
        ...Array.from({ length: 7 }, (_, i) => ({ title: `t${i}` })),
      ],
    },
  ])("round-trips a $type reply", (reply) => {
    expect(parseReplyXml(buildReplyXml(reply, address))).toEqual({ ...reply, ...address });
  });

  it("reads a reply with an XML declaration and newlines", () => {
    const xml = `<?xml version="1.0"?>\n<xml>\n${HEAD}\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hi]]></Content>\n</xml>\n`;
    expect(parseReplyXml(xml)).toEqual({ type: "text", content: "hi", ...address });
  });

  it("reports an unsupported reply type as malformed", () => {
    const xml = `<xml>${HEAD}<MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>`;
    expect(() => parseReplyXml(xml)).toThrow(expect.objectContaining({ code: "malformed" }));
  });

  it("reports a missing Content as missing_field and refuses DTDs", () => {
    expect(() => parseReplyXml(`<xml>${HEAD}<MsgType>text</MsgType></xml>`)).toThrow(
      expect.objectContaining({ code: "missing_field" }),
    );
    expect(() => parseReplyXml('<!DOCTYPE x [<!ENTITY a "b">]><xml/>')).toThrow(MessageParseError);
  });
});
