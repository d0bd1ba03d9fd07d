import { describe, expect, it } from "vitest";
import { parseMessageXml } from "./message-parse.js";
import { buildEventXml, buildTextMessageXml } from "./message-xml.js";
import { cdata } from "./xml-write.js";

const ids = {
  toUserName: "gh_e136c6e50636",
  fromUserName: "oMgHVjngRipVsoxg6TuX3vz6glDg",
  createTime: 1409304348,
};

describe("buildTextMessageXml", () => {
  it("reproduces the §9.2 text example exactly", () => {
    expect(buildTextMessageXml({ ...ids, content: "hello", msgId: "1234567890123456" })).toBe(
      "<xml><ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName><FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName><CreateTime>1409304348</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>1234567890123456</MsgId></xml>",
    );
  });

  it("round-trips content containing ]]>, markup and emoji", () => {
    const content = "a]]>b <x>&amp; ]]]]> 😀";
    const parsed = parseMessageXml(buildTextMessageXml({ ...ids, content, msgId: "4363689963896700987" }));
    expect(parsed).toMatchObject({ msgType: "text", content, msgId: "4363689963896700987" });
  });

  it("refuses a non-numeric msgId", () => {
    expect(() => buildTextMessageXml({ ...ids, content: "x", msgId: "1</MsgId>" })).toThrow(TypeError);
  });
});

describe("buildEventXml", () => {
  it("builds the §9.2 CLICK example", () => {
    expect(buildEventXml({ ...ids, event: "CLICK", eventKey: "V1001_TODAY_MUSIC" })).toBe(
      "<xml><ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName><FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName><CreateTime>1409304348</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey></xml>",
    );
  });

  it("omits EventKey when not given and appends extras in order", () => {
    const xml = buildEventXml({
      ...ids,
      event: "VIEW",
      eventKey: "http://a.example/?a=1&b=2",
      extra: { MenuId: "7" },
    });
    expect(xml).toContain(
      "<EventKey><![CDATA[http://a.example/?a=1&b=2]]></EventKey><MenuId><![CDATA[7]]></MenuId></xml>",
    );
    expect(buildEventXml({ ...ids, event: "unsubscribe" })).not.toContain("EventKey");
  });

  it("writes nested ScanCodeInfo and item lists", () => {
    const xml = buildEventXml({
      ...ids,
      event: "scancode_push",
      eventKey: "k",
      extra: { ScanCodeInfo: { ScanType: "qrcode", ScanResult: "r" } },
    });
    expect(xml).toContain(
      "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[r]]></ScanResult></ScanCodeInfo>",
    );
    expect(parseMessageXml(xml)).toMatchObject({ scanCodeInfo: { scanType: "qrcode", scanResult: "r" } });
  });

  it("refuses element names that would inject markup", () => {
    expect(() => buildEventXml({ ...ids, event: "CLICK", extra: { "a><b": "x" } })).toThrow(TypeError);
  });
});

describe("cdata", () => {
  it("splits ]]> across two sections", () => {
    expect(cdata("a]]>b")).toBe("<![CDATA[a]]]]><![CDATA[>b]]>");
    expect(cdata("]]>]]>")).toBe("<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>");
  });
});
