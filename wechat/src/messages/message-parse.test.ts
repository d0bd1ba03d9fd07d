import { describe, expect, it } from "vitest";
import { parseMessageXml } from "./message-parse.js";
import { MessageParseError } from "./message-parse-error.js";
import { buildEventXml } from "./message-xml.js";

const HEAD =
  "<ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName><FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName><CreateTime>1409304348</CreateTime>";
const header = {
  toUserName: "gh_e136c6e50636",
  fromUserName: "oMgHVjngRipVsoxg6TuX3vz6glDg",
  createTime: 1409304348,
};
const message = (type: string, body: string) =>
  `<xml>${HEAD}<MsgType><![CDATA[${type}]]></MsgType>${body}<MsgId>4363689963896700987</MsgId></xml>`;
const event = (name: string, body = "") =>
  `<xml>${HEAD}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${name}]]></Event>${body}</xml>`;

function parseCode(xml: string): string | undefined {
  try {
    parseMessageXml(xml);
  } catch (error) {
    if (error instanceof MessageParseError) return error.code;
    throw error;
  }
  return undefined;
}

describe("parseMessageXml — messages (§9.2)", () => {
  it("parses the §9.2 text example", () => {
    const xml =
      "<xml><ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName><FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName><CreateTime>1409304348</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>1234567890123456</MsgId></xml>";
    expect(parseMessageXml(xml)).toMatchObject({
      ...header,
      msgType: "text",
      content: "hello",
      msgId: "1234567890123456",
    });
  });

  it("keeps a 64-bit MsgId exactly (vector A plaintext)", () => {
    const xml =
      "<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<FromUserName><![CDATA[messense]]></FromUserName>\n<CreateTime>1411525903</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<MsgId>4363689963896700987</MsgId>\n<AgentID>1</AgentID>\n</xml>";
    const parsed = parseMessageXml(xml);
    expect(parsed).toMatchObject({ msgType: "text", msgId: "4363689963896700987", createTime: 1411525903 });
    expect(parsed.raw.AgentID).toBe("1");
  });

  it("parses image", () => {
    const xml = message(
      "image",
      "<PicUrl><![CDATA[http://p.example/1.jpg]]></PicUrl><MediaId><![CDATA[M1]]></MediaId>",
    );
    expect(parseMessageXml(xml)).toMatchObject({
      msgType: "image",
      picUrl: "http://p.example/1.jpg",
      mediaId: "M1",
    });
  });

  it("parses voice with and without Recognition", () => {
    const body = "<MediaId><![CDATA[M]]></MediaId><Format><![CDATA[amr]]></Format>";
    expect(parseMessageXml(message("voice", body))).not.toHaveProperty("recognition");
    const withText = parseMessageXml(message("voice", `${body}<Recognition><![CDATA[你好]]></Recognition>`));
    expect(withText).toMatchObject({ msgType: "voice", mediaId: "M", format: "amr", recognition: "你好" });
  });

  it.each(["video", "shortvideo"])("parses %s", (type) => {
    const xml = message(type, "<MediaId><![CDATA[M]]></MediaId><ThumbMediaId><![CDATA[T]]></ThumbMediaId>");
    expect(parseMessageXml(xml)).toMatchObject({ msgType: type, mediaId: "M", thumbMediaId: "T" });
  });

  it("parses location", () => {
    const xml = message(
      "location",
      "<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label>",
    );
    expect(parseMessageXml(xml)).toMatchObject({
      msgType: "location",
      locationX: 23.134521,
      locationY: 113.358803,
      scale: 20,
      label: "位置信息",
    });
  });

  it("parses link", () => {
    const xml = message(
      "link",
      "<Title><![CDATA[T]]></Title><Description><![CDATA[D]]></Description><Url><![CDATA[http://u.example]]></Url>",
    );
    expect(parseMessageXml(xml)).toMatchObject({
      msgType: "link",
      title: "T",
      description: "D",
      url: "http://u.example",
    });
  });

  it("keeps an unknown MsgType as unknown", () => {
    expect(parseMessageXml(message("miniprogrampage", "<Title>x</Title>"))).toMatchObject({
      msgType: "unknown",
      originalMsgType: "miniprogrampage",
      msgId: "4363689963896700987",
    });
  });
});

describe("parseMessageXml — events (§9.2)", () => {
  it("parses a plain subscribe", () => {
    const parsed = parseMessageXml(event("subscribe", "<EventKey><![CDATA[]]></EventKey>"));
    expect(parsed).toEqual({
      ...header,
      raw: expect.any(Object),
      msgType: "event",
      event: "subscribe",
      eventKey: "",
    });
  });

  it("parses a subscribe through a parametric QR code", () => {
    const parsed = parseMessageXml(
      event(
        "subscribe",
        "<EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>",
      ),
    );
    expect(parsed).toMatchObject({
      event: "subscribe",
      eventKey: "qrscene_123123",
      scene: "123123",
      ticket: "TICKET",
    });
  });

  it("parses unsubscribe without EventKey", () => {
    expect(parseMessageXml(event("unsubscribe"))).toMatchObject({ event: "unsubscribe", eventKey: "" });
  });

  it("parses SCAN", () => {
    const parsed = parseMessageXml(
      event("SCAN", "<EventKey><![CDATA[123]]></EventKey><Ticket><![CDATA[T]]></Ticket>"),
    );
    expect(parsed).toMatchObject({ event: "SCAN", eventKey: "123", ticket: "T" });
  });

  it("parses LOCATION", () => {
    const parsed = parseMessageXml(
      event(
        "LOCATION",
        "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>",
      ),
    );
    expect(parsed).toMatchObject({
      event: "LOCATION",
      latitude: 23.137466,
      longitude: 113.352425,
      precision: 119.38504,
    });
  });

  it("parses the §9.2 CLICK example", () => {
    const parsed = parseMessageXml(event("CLICK", "<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>"));
    expect(parsed).toMatchObject({ msgType: "event", event: "CLICK", eventKey: "V1001_TODAY_MUSIC" });
    expect(parsed).not.toHaveProperty("msgId");
  });

  it.each([
    ["VIEW", "http://www.qq.com"],
    ["view_miniprogram", "pages/index/index"],
  ])("parses %s with MenuId", (name, key) => {
    const parsed = parseMessageXml(
      event(name, `<EventKey><![CDATA[${key}]]></EventKey><MenuId>208396938</MenuId>`),
    );
    expect(parsed).toMatchObject({ event: name, eventKey: key, menuId: "208396938" });
  });

  it.each(["scancode_push", "scancode_waitmsg"])("parses %s with ScanCodeInfo", (name) => {
    const parsed = parseMessageXml(
      event(
        name,
        "<EventKey><![CDATA[6]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>",
      ),
    );
    expect(parsed).toMatchObject({
      event: name,
      eventKey: "6",
      scanCodeInfo: { scanType: "qrcode", scanResult: "1" },
    });
  });

  it.each(["pic_sysphoto", "pic_photo_or_album", "pic_weixin"])("parses %s with SendPicsInfo", (name) => {
    const parsed = parseMessageXml(
      event(
        name,
        "<EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[abc]]></PicMd5Sum></item></PicList></SendPicsInfo>",
      ),
    );
    expect(parsed).toMatchObject({
      event: name,
      sendPicsInfo: {
        count: 2,
        picList: [{ picMd5Sum: "1b5f7c23b5bf75682a53e7b6d163e185" }, { picMd5Sum: "abc" }],
      },
    });
  });

  it("parses location_select with SendLocationInfo", () => {
    const parsed = parseMessageXml(
      event(
        "location_select",
        "<EventKey><![CDATA[6]]></EventKey><SendLocationInfo><Location_X><![CDATA[23]]></Location_X><Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale><Label><![CDATA[ 广州市海珠区]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo>",
      ),
    );
    expect(parsed).toMatchObject({
      event: "location_select",
      sendLocationInfo: { locationX: 23, locationY: 113, scale: 15, label: " 广州市海珠区", poiname: "" },
    });
  });

  it("parses events built by buildEventXml, including nested extras", () => {
    const xml = buildEventXml({
      ...header,
      event: "pic_weixin",
      eventKey: "K",
      extra: { SendPicsInfo: { Count: 1, PicList: [{ PicMd5Sum: "md5" }] } },
    });
    expect(parseMessageXml(xml)).toMatchObject({
      event: "pic_weixin",
      sendPicsInfo: { count: 1, picList: [{ picMd5Sum: "md5" }] },
    });
  });

  it("keeps an unknown event as unknown with its name", () => {
    expect(
      parseMessageXml(event("TEMPLATESENDJOBFINISH", "<Status><![CDATA[success]]></Status>")),
    ).toMatchObject({
      msgType: "unknown",
      originalMsgType: "event",
      event: "TEMPLATESENDJOBFINISH",
      raw: { Status: "success" },
    });
  });
});

describe("parseMessageXml — failures", () => {
  it.each([
    [
      "no ToUserName",
      `<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>`,
    ],
    ["no MsgType", `<xml>${HEAD}</xml>`],
    ["a text without MsgId", `<xml>${HEAD}<MsgType>text</MsgType><Content>x</Content></xml>`],
    ["an event without Event", `<xml>${HEAD}<MsgType>event</MsgType></xml>`],
    ["scancode without ScanCodeInfo", event("scancode_push", "<EventKey>k</EventKey>")],
    ["LOCATION without Latitude", event("LOCATION", "<Longitude>1</Longitude><Precision>1</Precision>")],
  ])("reports %s as missing_field", (_label, xml) => {
    expect(parseCode(xml)).toBe("missing_field");
  });

  it("reports a non-numeric CreateTime as malformed", () => {
    expect(parseCode(message("text", "<Content>x</Content>").replace("1409304348", "soon"))).toBe(
      "malformed",
    );
  });

  it("refuses DTDs and oversize bodies", () => {
    expect(parseCode(`<!DOCTYPE xml [<!ENTITY x "y">]>${message("text", "<Content>&x;</Content>")}`)).toBe(
      "forbidden_dtd",
    );
    expect(() => parseMessageXml(message("text", "<Content>x</Content>"), { maxBytes: 100 })).toThrow(
      expect.objectContaining({ code: "too_large" }),
    );
  });
});

describe("parseMessageXml — hostile field names", () => {
  it.each(["constructor", "__proto__"])(
    "refuses a <%s> element as malformed (prototype pollution)",
    (name) => {
      const xml = `<xml>${HEAD}<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId><${name}>c</${name}></xml>`;
      expect(parseCode(xml)).toBe("malformed");
    },
  );

  it("does not let <toString> shadow Object methods (fast-xml-parser renames it __toString)", () => {
    const xml = `<xml>${HEAD}<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId><toString>t</toString></xml>`;
    const parsed = parseMessageXml(xml);
    expect(Object.getPrototypeOf(parsed.raw)).toBe(Object.prototype);
    expect(typeof parsed.raw.toString).toBe("function");
    expect(parsed.raw.__toString).toBe("t");
  });
});
