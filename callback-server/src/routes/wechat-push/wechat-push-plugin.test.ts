import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { buildTextMessageXml, parseReplyXml } from "@wxdesk/wechat";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../app-context.js";
import type { Store } from "../../store/store-types.js";
import wechatPushRoutes from "./index.js";
import {
  clickXml,
  eventually,
  openEnvelope,
  type PushHarness,
  phoneUser,
  startPushHarness,
  uniqueDigits,
} from "./testing/push-test-harness.js";

// The plugin on its own, with a context whose parts are swapped for slow or broken ones: what the
// real server (buildApp) cannot be made to do on demand.

let h: PushHarness;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  h = await startPushHarness({ replies: { click: { HELLO: { type: "text", content: "你好" } } } });
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

afterAll(async () => {
  await h?.close();
});

async function pluginWith(
  ctx: AppContext,
  replyBudgetMs?: number,
  logLines?: string[],
): Promise<FastifyInstance> {
  const stream = { write: (line: string) => logLines?.push(line) };
  const app = Fastify(logLines ? { logger: { level: "trace", stream } } : {});
  apps.push(app);
  await app.register(wechatPushRoutes, { ctx, ...(replyBudgetMs ? { replyBudgetMs } : {}) });
  await app.ready();
  return app;
}

/** The real store with some methods replaced (a Proxy, so the store's private fields keep working). */
function storeWith(overrides: Partial<Store>): Store {
  const base = h.ctx.store;
  return new Proxy(base, {
    get(target, name) {
      if (Object.hasOwn(overrides, name)) return overrides[name as keyof Store];
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function clickPush(openid: string, key = "HELLO") {
  return { url: `/wechat${h.signedUrl().search}`, xml: clickXml(openid, key) };
}

describe("wechat push plugin — configuration", () => {
  it("answers 503 with a clear message when WXDESK_MSG_TOKEN is not set", async () => {
    const { msgToken: _t, msgAesKey: _k, ...config } = h.ctx.config;
    const app = await pluginWith({ ...h.ctx, config });
    const { url, xml } = clickPush(phoneUser(1));
    for (const response of [
      await app.inject({ method: "GET", url: `${url}&echostr=1` }),
      await app.inject({ method: "POST", url, payload: xml, headers: { "content-type": "text/xml" } }),
    ]) {
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain("WXDESK_MSG_TOKEN");
    }
  });

  it("answers 503 to a safe-mode push when no EncodingAESKey is configured", async () => {
    const { msgAesKey: _k, ...config } = h.ctx.config;
    const app = await pluginWith({ ...h.ctx, config });
    const { url } = clickPush(phoneUser(1));
    const response = await app.inject({
      method: "POST",
      url: `${url}&encrypt_type=aes&msg_signature=${"0".repeat(40)}`,
      payload: "<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>",
      headers: { "content-type": "text/xml" },
    });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain("WXDESK_MSG_AES_KEY");
  });

  it("refuses to start with an unusable EncodingAESKey", async () => {
    const config = { ...h.ctx.config, msgAesKey: "too-short" };
    await expect(pluginWith({ ...h.ctx, config })).rejects.toThrow(/WXDESK_MSG_AES_KEY/);
  });

  it("still decrypts with the key built once at registration (AES round trip through inject)", async () => {
    const app = await pluginWith(h.ctx);
    const { url, body } = h.sealed(clickXml(phoneUser(2), "HELLO"));
    const response = await app.inject({
      method: "POST",
      url: `/wechat${url.search}`,
      payload: body,
      headers: { "content-type": "application/xml" },
    });
    expect(response.statusCode).toBe(200);
    const inner = openEnvelope(response.body).xml;
    expect(parseReplyXml(inner)).toMatchObject({ type: "text", content: "你好" });
  });
});

describe("wechat push plugin — the 5-second window (§9.3)", () => {
  it("answers success within the budget when the store is slow, and logs the message later", async () => {
    // The store answers only once the reply is out: a plugin that waited for it would never answer
    // (the deadline below says so) — an event, not a stopwatch.
    let releaseStore!: () => void;
    const storeReleased = new Promise<void>((resolve) => {
      releaseStore = resolve;
    });
    const slowStore = storeWith({
      putIfAbsent: async (key, value, ttl) => {
        await storeReleased;
        return h.ctx.store.putIfAbsent(key, value, ttl);
      },
    });
    const app = await pluginWith({ ...h.ctx, store: slowStore }, 150);
    const openid = phoneUser(3);
    const { url, xml } = clickPush(openid, "SLOW_KEY");
    const answered = app.inject({
      method: "POST",
      url,
      payload: xml,
      headers: { "content-type": "text/xml" },
    });
    const deadline = new Promise<never>((_, reject) => {
      setTimeout(
        () => reject(new Error("no answer while the store was held: the plugin waited for it")),
        4_000,
      );
    });
    const response = await Promise.race([answered, deadline]).finally(releaseStore);
    expect(response.body).toBe("success");
    const events = await eventually(
      () => h.messageEvents(),
      (list) => list.some((e) => e.data.eventKey === "SLOW_KEY"),
    );
    expect(events.find((e) => e.data.eventKey === "SLOW_KEY")?.data.replied).toBe(false);
  });

  it("answers success when the store fails", async () => {
    const brokenStore = storeWith({
      getReplies: async () => {
        throw new Error("redis is down");
      },
    });
    const app = await pluginWith({ ...h.ctx, store: brokenStore });
    const { url, xml } = clickPush(phoneUser(4));
    const response = await app.inject({ method: "POST", url, payload: xml });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("success");
  });

  it("is not delayed or broken by the event log", async () => {
    let published = 0;
    const stuckEvents = {
      ...h.ctx.events,
      publish: () => {
        published += 1;
        return new Promise<never>(() => {});
      },
    };
    const failingEvents = {
      ...h.ctx.events,
      publish: async () => {
        published += 1;
        throw new Error("event store is full");
      },
    };
    for (const [events, user] of [
      [stuckEvents, 5],
      [failingEvents, 6],
    ] as const) {
      const app = await pluginWith({ ...h.ctx, events });
      const { url, xml } = clickPush(phoneUser(user));
      const response = await app.inject({ method: "POST", url, payload: xml });
      expect(parseReplyXml(response.body)).toMatchObject({ type: "text", content: "你好" });
    }
    expect(published).toBe(2);
  });

  it("answers success when a stored reply cannot be built (0 news articles)", async () => {
    const oddStore = storeWith({
      getReplies: async () => ({ click: { EMPTY: { type: "news", articles: [] } } }),
    });
    const app = await pluginWith({ ...h.ctx, store: oddStore });
    const { url, xml } = clickPush(phoneUser(7), "EMPTY");
    const response = await app.inject({ method: "POST", url, payload: xml });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("success");
  });
});

describe("wechat push plugin — a retry while the first delivery is still deciding (§9.3)", () => {
  it("both answer the reply of whichever delivery claimed the push first; one event", async () => {
    // The first delivery's read of the replies is held until the retry has been answered.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reads = 0;
    const gatedStore = storeWith({
      getReplies: async () => {
        reads += 1;
        if (reads === 1) await held;
        return h.ctx.store.getReplies();
      },
    });
    const app = await pluginWith({ ...h.ctx, store: gatedStore });
    const openid = "oInFlightRetryUser0000000000"; // no other test of this file pushes as this user
    const { url, body } = h.sealed(clickXml(openid, "HELLO"));
    const deliver = () =>
      app.inject({
        method: "POST",
        url: `/wechat${url.search}`,
        payload: body,
        headers: { "content-type": "text/xml" },
      });

    const first = deliver();
    await eventually(
      async () => reads,
      (n) => n === 1,
    );
    const retry = await deliver();
    release();
    const firstAnswer = await first;
    const retryXml = openEnvelope(retry.body).xml;
    expect(parseReplyXml(retryXml)).toMatchObject({ type: "text", content: "你好", toUserName: openid });
    expect(openEnvelope(firstAnswer.body).xml).toBe(retryXml);
    const events = await h.settledMessageEvents();
    expect(events.filter((e) => e.data.openid === openid)).toHaveLength(1);
  });
});

describe("wechat push plugin — logs", () => {
  it("logs an ignored stale push at warn level, with the reason and without the openid or query values", async () => {
    const lines: string[] = [];
    const app = await pluginWith(h.ctx, undefined, lines);
    const openid = phoneUser(8);
    const url = h.signedUrl({}, { timestamp: "1", nonce: "8642097531" });
    const response = await app.inject({
      method: "POST",
      url: `/wechat${url.search}`,
      payload: clickXml(openid, "HELLO", 300),
      headers: { "content-type": "text/xml" },
    });
    expect(response.body).toBe("success");
    const warnings = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ reason: "timestamp_outside_window" })]);
    const text = JSON.stringify(warnings);
    for (const value of [
      openid,
      url.searchParams.get("signature") ?? "",
      "8642097531",
      SANDBOX_DEFAULTS.token,
    ]) {
      expect(text).not.toContain(value);
    }
  });

  it("never writes a message body to the log, even at trace level", async () => {
    const lines: string[] = [];
    const app = await pluginWith(h.ctx, undefined, lines);
    const secret = "私人消息-SECRET-MARKER";
    const text = buildTextMessageXml({
      toUserName: SANDBOX_DEFAULTS.originalId,
      fromUserName: phoneUser(8),
      createTime: Math.floor(Date.now() / 1000),
      content: secret,
      msgId: uniqueDigits(),
    });
    const url = `/wechat${h.signedUrl().search}`;
    const badUrl = url.replace(/signature=[0-9a-f]+/, `signature=${"0".repeat(40)}`);
    for (const [target, payload] of [
      [url, text], // accepted
      [url, text], // duplicate
      [badUrl, text], // bad signature
      [url, `<xml><Content>${secret}</xml>`], // malformed
      [url, `<!DOCTYPE x [<!ENTITY e "${secret}">]><xml>&e;</xml>`], // DTD
    ] as const) {
      await app.inject({ method: "POST", url: target, payload, headers: { "content-type": "text/xml" } });
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain("SECRET-MARKER");
  });

  it("answers a malformed Content-Type header with a 4xx in plain text", async () => {
    const app = await pluginWith(h.ctx);
    const response = await app.inject({
      method: "POST",
      url: `/wechat${h.signedUrl().search}`,
      payload: clickXml(phoneUser(1), "HELLO"),
      headers: { "content-type": "/////" },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
  });
});
