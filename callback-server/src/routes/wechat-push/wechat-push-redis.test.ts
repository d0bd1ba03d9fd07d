import { parseReplyXml } from "@wxdesk/wechat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisUrlForTests } from "../../testing/test-server.js";
import {
  clickXml,
  eventually,
  type PushHarness,
  phoneUser,
  startPushHarness,
} from "./testing/push-test-harness.js";

// The same pushes through a Redis-backed server: dedup keys, replies and events live in Redis (under a
// key prefix of this run's own). Skipped with a printed reason without REDIS_URL; a failure under CI=true.
const redisUrl = redisUrlForTests();

describe.skipIf(!redisUrl)("POST /wechat with the Redis store", () => {
  let h: PushHarness;

  beforeAll(async () => {
    h = await startPushHarness({
      redisUrl,
      replies: { click: { REDIS_HELLO: { type: "text", content: "来自 Redis 的回复" } } },
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it("the same signed push twice → the same reply both times, and one message event", async () => {
    const openid = phoneUser(3);
    const url = h.signedUrl();
    const xml = clickXml(openid, "REDIS_HELLO");
    const first = await (await h.post(url, xml)).text();
    expect(parseReplyXml(first)).toMatchObject({ content: "来自 Redis 的回复" });
    expect(await (await h.post(url, xml)).text()).toBe(first);
    expect((await h.settledMessageEvents()).filter((e) => e.data.openid === openid)).toHaveLength(1);
  });

  for (const [mode, user] of [
    ["plain", 1],
    ["aes", 2],
  ] as const) {
    it(`phone click → configured reply and one message event (${mode})`, async () => {
      const answer = await h.phone("click", { key: "REDIS_HELLO", mode, openid: phoneUser(user) });
      expect(answer).toMatchObject({
        ok: true,
        reply: { type: "text", content: "来自 Redis 的回复", toUserName: phoneUser(user) },
      });
      const events = await eventually(
        () => h.messageEvents(),
        (list) => list.some((e) => e.data.openid === phoneUser(user)),
      );
      expect(events.filter((e) => e.data.openid === phoneUser(user)).map((e) => e.data)).toEqual([
        { msgType: "event", event: "CLICK", eventKey: "REDIS_HELLO", openid: phoneUser(user), replied: true },
      ]);
    });
  }
});
