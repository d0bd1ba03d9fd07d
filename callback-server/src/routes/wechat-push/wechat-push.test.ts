import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { buildTextMessageXml, parseReplyXml } from "@wxdesk/wechat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReplySettings } from "../../store/store-types.js";
import {
  clickXml,
  eventually,
  type PushHarness,
  phoneUser,
  startPushHarness,
  uniqueDigits,
} from "./testing/push-test-harness.js";

const REPLIES: ReplySettings = {
  click: {
    HELLO: { type: "text", content: "你好，欢迎来到 wxdesk 沙箱 🎉 <&> 今日特价" },
    POSTER: { type: "image", mediaId: "MEDIA_ID_海报_001" },
    NEWS: {
      type: "news",
      articles: [
        {
          title: "新品上市",
          description: "点击查看详情",
          picUrl: "https://example.com/p.png",
          url: "https://example.com/a",
        },
        { title: "第二篇", url: "https://example.com/b" },
      ],
    },
  },
  subscribe: { type: "text", content: "感谢关注！回复“帮助”查看菜单。" },
};

let h: PushHarness;

beforeAll(async () => {
  h = await startPushHarness({ replies: REPLIES });
});

afterAll(async () => {
  await h?.close();
});

describe("GET /wechat — URL verification (§9.1)", () => {
  it("echoes echostr exactly, as text/plain", async () => {
    const url = h.signedUrl({ echostr: "5927782489442352469" });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("5927782489442352469");
  });

  it("passes the sandbox console's own URL check", async () => {
    const response = await fetch(`${h.sandbox.url}/_sandbox/phone/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: h.pushUrl }),
    });
    expect(await response.json()).toMatchObject({ ok: true, status: 200 });
  });

  it("refuses a bad signature with 403 and no echo", async () => {
    const url = h.signedUrl({ echostr: "12345" });
    url.searchParams.set("signature", "0".repeat(40));
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).not.toContain("12345");
    expect(text).not.toMatch(/at .*\.ts/);
  });

  it("refuses missing parameters with 403", async () => {
    const response = await fetch(`${h.pushUrl}?echostr=1`);
    expect(response.status).toBe(403);
  });
});

describe("POST /wechat — replies through the sandbox phone", () => {
  for (const [mode, user] of [
    ["plain", 1],
    ["aes", 2],
  ] as const) {
    it(`menu click → the configured CJK text reply (${mode})`, async () => {
      const answer = await h.phone("click", { key: "HELLO", mode, openid: phoneUser(user) });
      expect(answer).toMatchObject({ ok: true, status: 200 });
      expect(answer.reply).toMatchObject({
        type: "text",
        content: "你好，欢迎来到 wxdesk 沙箱 🎉 <&> 今日特价",
        toUserName: phoneUser(user),
        fromUserName: SANDBOX_DEFAULTS.originalId,
      });
      if (mode === "aes") {
        // Safe mode answers with the §9.4 envelope only; the reply XML is inside <Encrypt>.
        expect(answer.raw).toContain("<Encrypt>");
        expect(answer.raw).not.toContain("你好");
      }
      const events = await eventually(
        () => h.messageEvents(),
        (list) => list.some((e) => e.data.openid === phoneUser(user)),
      );
      expect(events.find((e) => e.data.openid === phoneUser(user))?.data).toEqual({
        msgType: "event",
        event: "CLICK",
        eventKey: "HELLO",
        openid: phoneUser(user),
        replied: true,
      });
    });
  }

  it("image reply by media_id (plain)", async () => {
    const answer = await h.phone("click", { key: "POSTER", mode: "plain", openid: phoneUser(3) });
    expect(answer).toMatchObject({ ok: true, reply: { type: "image", mediaId: "MEDIA_ID_海报_001" } });
  });

  it("news reply with two articles (aes)", async () => {
    const answer = await h.phone("click", { key: "NEWS", mode: "aes", openid: phoneUser(3) });
    expect(answer.ok).toBe(true);
    expect(answer.reply).toMatchObject({
      type: "news",
      articles: [
        {
          title: "新品上市",
          description: "点击查看详情",
          picUrl: "https://example.com/p.png",
          url: "https://example.com/a",
        },
        { title: "第二篇", url: "https://example.com/b" },
      ],
    });
  });

  for (const [mode, user] of [
    ["plain", 4],
    ["aes", 5],
  ] as const) {
    it(`subscribe → the subscribe reply (${mode})`, async () => {
      const answer = await h.phone("subscribe", { mode, openid: phoneUser(user) });
      expect(answer).toMatchObject({
        ok: true,
        reply: { type: "text", content: "感谢关注！回复“帮助”查看菜单。", toUserName: phoneUser(user) },
      });
    });
  }

  it("an unknown button key → success, recorded as not replied", async () => {
    const answer = await h.phone("click", { key: "NOT_CONFIGURED", mode: "plain", openid: phoneUser(6) });
    expect(answer).toMatchObject({ ok: true, status: 200, reply: null, raw: "success" });
    const events = await eventually(
      () => h.messageEvents(),
      (list) => list.some((e) => e.data.eventKey === "NOT_CONFIGURED"),
    );
    expect(events.find((e) => e.data.eventKey === "NOT_CONFIGURED")?.data.replied).toBe(false);
  });

  it("a key named like an Object.prototype member → success, not a crash", async () => {
    for (const key of ["constructor", "__proto__", "toString"]) {
      const answer = await h.phone("click", { key, mode: "aes", openid: phoneUser(7) });
      expect(answer).toMatchObject({ ok: true, reply: null });
    }
  });
});

describe("POST /wechat — messages and duplicates (§9.3)", () => {
  it("a user's text message → success and a message event without the text", async () => {
    const msgId = uniqueDigits();
    const xml = buildTextMessageXml({
      toUserName: SANDBOX_DEFAULTS.originalId,
      fromUserName: phoneUser(8),
      createTime: Math.floor(Date.now() / 1000),
      content: "你好，请问营业时间？",
      msgId,
    });
    const response = await fetch(h.signedUrl(), {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: xml,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("success");
    const events = await eventually(
      () => h.messageEvents(),
      (list) => list.some((e) => e.data.openid === phoneUser(8) && e.data.msgType === "text"),
    );
    const event = events.find((e) => e.data.openid === phoneUser(8) && e.data.msgType === "text");
    expect(event?.data).toEqual({ msgType: "text", openid: phoneUser(8), replied: false });
    expect(JSON.stringify(event)).not.toContain("营业时间");
  });

  it("the same signed push twice → the same reply both times, and one message event", async () => {
    const openid = phoneUser(6);
    const url = h.signedUrl();
    const xml = clickXml(openid, "HELLO");
    const post = () => h.post(url, xml);

    const first = await post();
    expect(first.status).toBe(200);
    const firstReply = await first.text();
    expect(parseReplyXml(firstReply)).toMatchObject({ type: "text", toUserName: openid });
    // §9.3: a second delivery is WeChat's retry after a lost answer; the user must still get the reply.
    const second = await post();
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstReply);

    const isThis = (e: { data: Record<string, unknown> }) =>
      e.data.openid === openid && e.data.eventKey === "HELLO";
    expect((await h.settledMessageEvents()).filter(isThis)).toHaveLength(1);
  });

  it("reads XML sent with another Content-Type (application/json, none at all)", async () => {
    // A byte body keeps fetch from adding its own text/plain Content-Type.
    for (const headers of [{ "content-type": "application/json" }, {}] as Array<Record<string, string>>) {
      const xml = buildTextMessageXml({
        toUserName: SANDBOX_DEFAULTS.originalId,
        fromUserName: phoneUser(8),
        createTime: Math.floor(Date.now() / 1000),
        content: "hi",
        msgId: uniqueDigits(),
      });
      const body = new TextEncoder().encode(xml);
      const response = await fetch(h.signedUrl(), { method: "POST", headers, body });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("success");
    }
  });
});
