import { parseReplyXml } from "@wxdesk/wechat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredEvent } from "../../store/store-types.js";
import { redisUrlForTests, storeBackends } from "../../testing/test-server.js";
import {
  clickXml,
  openEnvelope,
  type PushHarness,
  phoneUser,
  startPushHarness,
} from "./testing/push-test-harness.js";

// §9.3: WeChat re-sends a push it got no answer to within 5 s (3 attempts in total, same body), and the
// user only sees the answer to the delivery that got through. Every delivery of one push must get the same
// reply; the activity log gets one event per push. Run against SQLite and (with REDIS_URL) Redis.
const redisUrl = redisUrlForTests();

describe.each(storeBackends(redisUrl))("push retries get the first reply ($name store)", ({ redisUrl }) => {
  let h: PushHarness;

  beforeAll(async () => {
    h = await startPushHarness({
      redisUrl,
      replies: {
        click: { RETRY: { type: "text", content: "重试也要收到这条回复 ✅" } },
        subscribe: { type: "image", mediaId: "MEDIA_欢迎图" },
      },
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  /** This push's events, once every push answered so far has published what it would. */
  async function eventsOf(openid: string, eventKey: string): Promise<StoredEvent[]> {
    const events = await h.settledMessageEvents();
    return events.filter((e) => e.data.openid === openid && e.data.eventKey === eventKey);
  }

  it("plaintext: the retry gets the identical reply XML, and one event is recorded", async () => {
    const openid = phoneUser(1);
    const url = h.signedUrl();
    const xml = clickXml(openid, "RETRY");
    const first = await h.post(url, xml);
    const retry = await h.post(url, xml);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    const firstXml = await first.text();
    expect(parseReplyXml(firstXml)).toMatchObject({ type: "text", content: "重试也要收到这条回复 ✅" });
    expect(await retry.text()).toBe(firstXml);
    expect((await eventsOf(openid, "RETRY")).map((e) => e.data.replied)).toEqual([true]);
  });

  it("safe mode: the retry's envelope is new (nonce, signature) but decrypts to the identical reply", async () => {
    const openid = phoneUser(2);
    const { url, body } = h.sealed(clickXml(openid, "RETRY"));
    const first = await (await h.post(url, body)).text();
    const retry = await (await h.post(url, body)).text();
    // openEnvelope checks each envelope's MsgSignature against its own nonce and ciphertext.
    const a = openEnvelope(first);
    const b = openEnvelope(retry);
    expect(parseReplyXml(a.xml)).toMatchObject({ type: "text", toUserName: openid });
    expect(b.xml).toBe(a.xml);
    expect(b.nonce).not.toBe(a.nonce);
    expect(b.msgSignature).not.toBe(a.msgSignature);
    expect(retry).not.toContain("重试");
    expect(await eventsOf(openid, "RETRY")).toHaveLength(1);
  });

  it("a retry gets the reply chosen the first time, even after the configured reply changed", async () => {
    const openid = phoneUser(3);
    const url = h.signedUrl();
    const xml = clickXml(openid, "CHANGING");
    await h.ctx.store.putReplies({ click: { CHANGING: { type: "text", content: "第一版" } } });
    const first = await (await h.post(url, xml)).text();
    await h.ctx.store.putReplies({ click: { CHANGING: { type: "text", content: "第二版" } } });
    expect(parseReplyXml(first)).toMatchObject({ content: "第一版" });
    expect(await (await h.post(url, xml)).text()).toBe(first);
    // A new push (a new tap) gets the new reply.
    expect(
      parseReplyXml(await (await h.post(h.signedUrl(), clickXml(openid, "CHANGING"))).text()),
    ).toMatchObject({ content: "第二版" });
  });

  it("deliveries in flight at the same moment all get the same reply; one event", async () => {
    const openid = phoneUser(4);
    await h.ctx.store.putReplies({ click: { RACE: { type: "text", content: "同时到达" } } });
    const { url, body } = h.sealed(clickXml(openid, "RACE"));
    const answers = await Promise.all([1, 2, 3].map(async () => (await h.post(url, body)).text()));
    const replies = answers.map((envelope) => openEnvelope(envelope).xml);
    expect(parseReplyXml(replies[0] ?? "")).toMatchObject({ content: "同时到达" });
    expect(new Set(replies).size).toBe(1);
    expect(await eventsOf(openid, "RACE")).toHaveLength(1);
  });

  it("a push with nothing to say answers success to every delivery", async () => {
    const url = h.signedUrl();
    const xml = clickXml(phoneUser(5), "NOT_CONFIGURED");
    expect(await (await h.post(url, xml)).text()).toBe("success");
    expect(await (await h.post(url, xml)).text()).toBe("success");
    expect(await eventsOf(phoneUser(5), "NOT_CONFIGURED")).toHaveLength(1);
  });
});
