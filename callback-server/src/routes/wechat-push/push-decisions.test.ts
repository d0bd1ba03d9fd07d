import { buildEventXml, buildTextMessageXml, parseMessageXml } from "@wxdesk/wechat";
import { describe, expect, it } from "vitest";
import { chooseReply, mayHaveReply } from "./choose-reply.js";
import { dedupKey, dedupTtlMs } from "./dedup-key.js";
import { messageEventData } from "./message-event.js";
import { recallReply, rememberReply } from "./remembered-reply.js";

const base = { toUserName: "gh_0000000000a1", fromUserName: "oUser", createTime: 1409304348 };
const click = (eventKey: string, createTime = base.createTime) =>
  parseMessageXml(buildEventXml({ ...base, createTime, event: "CLICK", eventKey }));

describe("dedupKey (§9.3)", () => {
  it("uses the MsgId of user messages", () => {
    const text = parseMessageXml(buildTextMessageXml({ ...base, content: "hi", msgId: "1234567890123456" }));
    expect(dedupKey(text)).toBe("push:dedup:msg:1234567890123456");
  });

  it("gives a retry of an event the same key, and different pushes different keys", () => {
    expect(dedupKey(click("A"))).toBe(dedupKey(click("A")));
    expect(dedupKey(click("A"))).not.toBe(dedupKey(click("B")));
    expect(dedupKey(click("A"))).not.toBe(dedupKey(click("A", base.createTime + 1)));
    const subscribe = parseMessageXml(buildEventXml({ ...base, event: "subscribe" }));
    const unsubscribe = parseMessageXml(buildEventXml({ ...base, event: "unsubscribe" }));
    expect(dedupKey(subscribe)).not.toBe(dedupKey(unsubscribe));
  });

  it("keeps keys short whatever the EventKey or an odd MsgId", () => {
    expect(dedupKey(click("https://example.com/".padEnd(1000, "x"))).length).toBeLessThan(80);
    const odd = parseMessageXml(
      `<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>${"9".repeat(500)}</MsgId></xml>`,
    );
    expect(dedupKey(odd).length).toBeLessThan(80);
  });
});

describe("dedupTtlMs", () => {
  it("outlives two windows plus a margin, for every window the config allows", () => {
    for (const window of [30, 60, 300, 3600]) {
      expect(dedupTtlMs(window)).toBeGreaterThanOrEqual((2 * window + 60) * 1000);
    }
  });
});

describe("remembered replies", () => {
  it("round-trips the reply XML or its absence; an unreadable or older value means success", () => {
    const xml = '<xml><Content><![CDATA[你好 "quoted"]]></Content></xml>';
    expect(recallReply(rememberReply(xml))).toBe(xml);
    expect(recallReply(rememberReply(undefined))).toBeUndefined();
    for (const odd of [undefined, "1", "", "null", "{", '{"reply":5}', "[]"]) {
      expect(recallReply(odd)).toBeUndefined();
    }
  });
});

describe("chooseReply", () => {
  const settings = {
    click: { A: { type: "text" as const, content: "a" } },
    subscribe: { type: "text" as const, content: "welcome" },
  };

  it("answers configured clicks and subscribe only", () => {
    expect(chooseReply(click("A"), settings)).toEqual({ type: "text", content: "a" });
    expect(chooseReply(click("B"), settings)).toBeUndefined();
    const qrFollow = parseMessageXml(
      buildEventXml({ ...base, event: "subscribe", eventKey: "qrscene_42", extra: { Ticket: "t" } }),
    );
    expect(chooseReply(qrFollow, settings)).toEqual({ type: "text", content: "welcome" });
    const view = parseMessageXml(buildEventXml({ ...base, event: "VIEW", eventKey: "A" }));
    expect(mayHaveReply(view)).toBe(false);
    expect(chooseReply(view, settings)).toBeUndefined();
  });

  it("never resolves a key through Object.prototype", () => {
    for (const key of ["constructor", "__proto__", "hasOwnProperty"]) {
      expect(chooseReply(click(key), settings)).toBeUndefined();
    }
  });
});

describe("messageEventData", () => {
  it("names unknown types by their wire value and trims long keys", () => {
    const unknown = parseMessageXml(
      "<xml><ToUserName>a</ToUserName><FromUserName>oU</FromUserName><CreateTime>1</CreateTime><MsgType>miniprogrampage</MsgType><MsgId>7</MsgId></xml>",
    );
    expect(messageEventData(unknown, false)).toEqual({
      msgType: "miniprogrampage",
      openid: "oU",
      replied: false,
    });
    const long = messageEventData(click("k".repeat(1000)), false);
    expect(String(long.eventKey)).toHaveLength(256);
  });
});
