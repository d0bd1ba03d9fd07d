import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { buildEventXml, buildTextMessageXml, parseMessageXml, parseReplyXml } from "@wxdesk/wechat";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { redisUrlForTests } from "../../testing/test-server.js";
import { dedupKey } from "./dedup-key.js";
import {
  clickXml,
  openEnvelope,
  type PushHarness,
  phoneUser,
  startPushHarness,
  uniqueDigits,
} from "./testing/push-test-harness.js";

// Replay protection (§9.2): the signature covers only token + timestamp + nonce, so a captured push stays
// correctly signed forever. A push whose signed timestamp is outside the window of the server clock gets
// `success` and nothing else; inside the window a replay meets the de-dup key, which outlives the window.

const WINDOW = 300;
const REPLIES = { click: { REPLAY: { type: "text" as const, content: "只回复一次" } } };

/** A server clock the test sets (epoch ms), frozen in between so window edges are exact. */
function frozenClock(at: number) {
  return {
    ms: at,
    now() {
      return this.ms;
    },
  };
}

const seconds = (ms: number) => Math.floor(ms / 1000);

describe("POST /wechat — the signed timestamp must be within the window of the server clock", () => {
  let h: PushHarness;
  const clock = frozenClock(Date.now());

  beforeAll(async () => {
    h = await startPushHarness({ clock, replies: REPLIES });
  });

  afterAll(async () => {
    await h?.close();
  });

  for (const mode of ["plain", "aes"] as const) {
    it(`a correctly signed push with timestamp=1 gets success, no reply, no event, no de-dup key (${mode})`, async () => {
      const openid = phoneUser(mode === "plain" ? 1 : 2);
      // A push captured long ago: its CreateTime matches its (old) signed timestamp.
      const xml = clickXml(openid, "REPLAY", 300);
      const signing = { timestamp: "1" };
      const { url, body } =
        mode === "plain" ? { url: h.signedUrl({}, signing), body: xml } : h.sealed(xml, { signing });
      const response = await h.post(url, body);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("success");
      // The de-dup write would have finished before the answer: there is none.
      expect(await h.ctx.store.get(dedupKey(parseMessageXml(xml)))).toBeUndefined();

      const events = await h.settledMessageEvents();
      expect(events.filter((e) => e.data.openid === openid)).toEqual([]);
    });
  }

  it("accepts a timestamp exactly the window away in either direction, and ignores one second more", async () => {
    const now = seconds(clock.ms);
    const cases = [
      { user: 3, offset: -WINDOW, replied: true },
      { user: 4, offset: WINDOW, replied: true },
      { user: 5, offset: -WINDOW - 1, replied: false },
      { user: 6, offset: WINDOW + 1, replied: false },
    ];
    for (const { user, offset, replied } of cases) {
      const timestamp = now + offset;
      const answer = await (
        await h.post(
          h.signedUrl({}, { timestamp: String(timestamp) }),
          clickXml(phoneUser(user), "REPLAY", timestamp),
        )
      ).text();
      if (replied) expect(parseReplyXml(answer)).toMatchObject({ content: "只回复一次" });
      else expect(answer).toBe("success");
    }
  });

  it("ignores a timestamp that is not plain Unix seconds, even when signed", async () => {
    const now = seconds(clock.ms);
    for (const timestamp of [
      `0${now}`,
      `${now}.0`,
      `+${now}`,
      ` ${now}`,
      "",
      "abc",
      `${now}${"0".repeat(20)}`,
    ]) {
      const answer = await (
        await h.post(h.signedUrl({}, { timestamp }), clickXml(phoneUser(7), "REPLAY", now))
      ).text();
      expect(answer, JSON.stringify(timestamp)).toBe("success");
    }
  });

  it("ignores a body whose CreateTime is further than the window from the signed timestamp (plain and aes)", async () => {
    const now = seconds(clock.ms);
    const openid = phoneUser(3);
    const stale = textFrom(openid, (now - WINDOW - 1) * 1000);
    expect(await (await h.post(h.signedUrl({}, { timestamp: String(now) }), stale)).text()).toBe("success");
    const sealed = h.sealed(textFrom(openid, (now + WINDOW + 1) * 1000), {
      signing: { timestamp: String(now) },
    });
    expect(await (await h.post(sealed.url, sealed.body)).text()).toBe("success");
    expect(await h.ctx.store.get(dedupKey(parseMessageXml(stale)))).toBeUndefined();
    // Exactly the window apart is still one push (WeChat's retries repeat the body a few seconds later).
    const edge = buildEventXml({
      toUserName: SANDBOX_DEFAULTS.originalId,
      fromUserName: phoneUser(4),
      createTime: now - WINDOW,
      event: "CLICK",
      eventKey: "REPLAY",
    });
    const answer = await (await h.post(h.signedUrl({}, { timestamp: String(now) }), edge)).text();
    expect(parseReplyXml(answer)).toMatchObject({ content: "只回复一次" });
  });

  it("follows the server clock: a push signed now is ignored once the clock is past the window", async () => {
    const signedAt = seconds(clock.ms);
    const xml = clickXml(phoneUser(5), "REPLAY", signedAt);
    const url = h.signedUrl({}, { timestamp: String(signedAt) });
    clock.ms += (WINDOW + 1) * 1000;
    try {
      expect(await (await h.post(url, xml)).text()).toBe("success");
    } finally {
      clock.ms -= (WINDOW + 1) * 1000;
    }
    expect(parseReplyXml(await (await h.post(url, xml)).text())).toMatchObject({ content: "只回复一次" });
  });
});

/** A user's text message (always has a MsgId of its own), created at `atMs`. */
function textFrom(openid: string, atMs: number): string {
  return buildTextMessageXml({
    toUserName: SANDBOX_DEFAULTS.originalId,
    fromUserName: openid,
    createTime: seconds(atMs),
    content: "hi",
    msgId: uniqueDigits(),
  });
}

describe("POST /wechat — WXDESK_PUSH_MAX_SKEW_SECONDS sets the window", () => {
  let h: PushHarness;
  const clock = frozenClock(Date.now());

  beforeAll(async () => {
    h = await startPushHarness({ clock, pushMaxSkewSeconds: 60, replies: REPLIES });
  });

  afterAll(async () => {
    await h?.close();
  });

  it("accepts 60 s, ignores 61 s", async () => {
    const now = seconds(clock.ms);
    const push = (user: number, timestamp: number) =>
      h.post(
        h.signedUrl({}, { timestamp: String(timestamp) }),
        clickXml(phoneUser(user), "REPLAY", timestamp),
      );
    expect(parseReplyXml(await (await push(1, now - 60)).text())).toMatchObject({ content: "只回复一次" });
    expect(await (await push(2, now - 61)).text()).toBe("success");
  });
});

describe("POST /wechat — a replay inside the window is a duplicate (SQLite, store clock moved)", () => {
  let h: PushHarness;

  beforeAll(async () => {
    h = await startPushHarness({ replies: REPLIES });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Moves `Date` (the SQLite store's TTLs and the app clock both read it); timers keep running. */
  function setNow(ms: number): void {
    if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(ms);
  }

  const replayCases = [
    // The report: the same push again after 62 s (keys used to live 60 s).
    { name: "62 s later", user: 1, firstAt: 0, replayAt: 62 },
    // The widest span the window allows: first delivery with the clock a window behind the timestamp,
    // the replay with it a window ahead.
    { name: "two windows apart", user: 2, firstAt: -(WINDOW - 1), replayAt: WINDOW - 1 },
  ];
  for (const { name, user, firstAt, replayAt } of replayCases) {
    it(`the same signed push ${name} gets the first reply again and no second event (plain and aes)`, async () => {
      const signedAt = seconds(Date.now());
      const plainUser = phoneUser(user);
      const aesUser = phoneUser(user + 4);
      const plain = {
        url: h.signedUrl({}, { timestamp: String(signedAt) }),
        body: clickXml(plainUser, "REPLAY", signedAt),
      };
      const sealed = h.sealed(clickXml(aesUser, "REPLAY", signedAt), {
        signing: { timestamp: String(signedAt) },
      });

      setNow((signedAt + firstAt) * 1000);
      const firstPlain = await (await h.post(plain.url, plain.body)).text();
      const firstAes = openEnvelope(await (await h.post(sealed.url, sealed.body)).text()).xml;
      expect(parseReplyXml(firstPlain)).toMatchObject({ content: "只回复一次" });

      setNow((signedAt + replayAt) * 1000);
      expect(await (await h.post(plain.url, plain.body)).text()).toBe(firstPlain);
      expect(openEnvelope(await (await h.post(sealed.url, sealed.body)).text()).xml).toBe(firstAes);

      const events = await h.settledMessageEvents();
      expect(events.filter((e) => e.data.openid === plainUser)).toHaveLength(1);
      expect(events.filter((e) => e.data.openid === aesUser)).toHaveLength(1);
    });
  }
});

const redisUrl = redisUrlForTests();

describe.skipIf(!redisUrl)("POST /wechat — de-dup keys outlive the window (Redis)", () => {
  let h: PushHarness;

  beforeAll(async () => {
    h = await startPushHarness({ redisUrl });
  });

  afterAll(async () => {
    await h?.close();
  });

  it("stores the key for longer than two windows", async () => {
    const xml = clickXml(phoneUser(1), "REPLAY");
    expect((await h.post(h.signedUrl(), xml)).status).toBe(200);
    const redis = new Redis(redisUrl as string);
    try {
      const ttl = await redis.pttl(`${h.redisKeyPrefix}kv:${dedupKey(parseMessageXml(xml))}`);
      expect(ttl).toBeGreaterThan(2 * WINDOW * 1000);
    } finally {
      await redis.quit();
    }
  });
});
