import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../app-context.js";
import { createAppContext } from "../../context/create-app-context.js";
import type { StoredEvent } from "../../store/store-types.js";
import {
  dropRedisPrefix,
  listen,
  redisUrlForTests,
  storeBackends,
  tempDir,
  testConfig,
  testRedisPrefix,
} from "../../testing/test-server.js";
import { type OAuthHarness, startOAuthHarness } from "../oauth/testing/oauth-test-harness.js";
import { SseClient } from "./testing/events-test-client.js";
import { api, authorizeAs, errorCode, storedSecrets } from "./testing/users-test-kit.js";

const redisUrl = redisUrlForTests();
const backends = storeBackends(redisUrl);

describe.each(backends)("admin API: events ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  const streams: SseClient[] = [];
  const open = async (query = "", headers: Record<string, string> = {}, key = "support") => {
    const client = await SseClient.open(`${h.url}/admin/api/events${query}`, {
      authorization: `Bearer ${key === "admin" ? h.config.adminKey : h.config.supportKey}`,
      ...headers,
    });
    streams.push(client);
    return client;
  };

  beforeAll(async () => {
    h = await startOAuthHarness({ redisUrl });
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await h?.close();
  });

  it("a real authorization appears on the stream (support key), framed as SSE", async () => {
    const stream = await open();
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.headers.get("cache-control")).toBe("no-store");

    const user = await authorizeAs(h, "刘洋🚀");
    const frame = await stream.waitFor((f) => f.event === "authorization");
    const event = JSON.parse(frame.data ?? "") as StoredEvent;
    expect(frame.id).toBe(String(event.id));
    expect(event).toMatchObject({ type: "authorization", data: { openid: user.openid, nickname: "刘洋🚀" } });

    const secrets = await storedSecrets(h);
    expect(secrets.size).toBeGreaterThan(0);
    for (const secret of secrets) expect(stream.text()).not.toContain(secret);
  });

  it("resumes after Last-Event-ID: the missed stored events, then live ones, each once", async () => {
    const published: StoredEvent[] = [];
    for (let i = 0; i < 3; i++)
      published.push(await h.ctx.events.publish("check", { openid: `oResume${i}`, ok: true }));
    const [first, second, third] = published;

    // A reconnecting EventSource keeps its URL (`afterId`) and adds the header: the header wins.
    const stream = await open("?afterId=0", { "last-event-id": String(first?.id) });
    await stream.waitForEvent(third?.id ?? -1);
    const live = await h.ctx.events.publish("check", { openid: "oResumeLive", ok: true });
    await stream.waitForEvent(live.id);
    expect(stream.events().map((e) => e.id)).toEqual([second?.id, third?.id, live.id]);
    expect(stream.events()[0]).toEqual(second);

    const byQuery = await open(`?afterId=${second?.id}`);
    await byQuery.waitForEvent(live.id);
    expect(byQuery.events().map((e) => e.id)).toEqual([third?.id, live.id]);

    // No id: live events only.
    const fresh = await open();
    const next = await h.ctx.events.publish("check", { openid: "oFresh", ok: true });
    await fresh.waitForEvent(next.id);
    expect(fresh.events().map((e) => e.id)).toEqual([next.id]);
  });

  it("events published while a client connects arrive exactly once, in order", async () => {
    const start = await h.ctx.events.publish("check", { openid: "oRaceStart", ok: true });
    const published: number[] = [];
    const publishing = (async () => {
      for (let i = 0; i < 60; i++)
        published.push((await h.ctx.events.publish("refresh", { openid: `oRace${i}` })).id);
    })();
    const stream = await open(`?afterId=${start.id}`);
    await publishing;
    await stream.waitForEvent(published.at(-1) ?? -1);
    expect(stream.events().map((e) => e.id)).toEqual(published);
  });

  it("GET events/recent: oldest first, limit and afterId", async () => {
    const a = await h.ctx.events.publish("check", { openid: "oRecentA", ok: true });
    const b = await h.ctx.events.publish("check", { openid: "oRecentB", ok: false });
    const recent = await api<{ events: StoredEvent[] }>(h, "GET", "/events/recent?limit=2", {
      key: "support",
    });
    expect(recent.status).toBe(200);
    expect(recent.body.events).toEqual([a, b]);
    const after = await api<{ events: StoredEvent[] }>(h, "GET", `/events/recent?afterId=${a.id}`);
    expect(after.body.events).toEqual([b]);
    const all = await api<{ events: StoredEvent[] }>(h, "GET", "/events/recent");
    expect(all.body.events.length).toBeGreaterThan(60);
    expect(all.body.events.length).toBeLessThanOrEqual(100);
    const ids = all.body.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it("bad input → 400 naming the field; no key → 401 (JSON, not a stream)", async () => {
    for (const [path, field] of [
      ["/events/recent?limit=0", "querystring.limit"],
      ["/events/recent?limit=501", "querystring.limit"],
      ["/events/recent?limit=x", "querystring.limit"],
      ["/events/recent?afterId=-1", "querystring.afterId"],
      ["/events?afterId=abc", "querystring.afterId"],
    ] as const) {
      const answer = await api(h, "GET", path, { key: "support" });
      expect(answer.status, path).toBe(400);
      expect(errorCode(answer)).toBe("bad_request");
      expect((answer.body as { error: { field: string } }).error.field).toBe(field);
    }
    const badHeader = await api(h, "GET", "/events", { key: "support", headers: { "last-event-id": "abc" } });
    expect(badHeader.status).toBe(400);
    expect((badHeader.body as { error: { field: string } }).error.field).toBe("headers.last-event-id");

    for (const path of ["/events", "/events/recent"]) {
      const none = await api(h, "GET", path, { key: "none" });
      expect(none.status, path).toBe(401);
      expect(errorCode(none)).toBe("unauthorized");
    }
    expect((await api(h, "GET", "/events/recent", { key: "admin" })).status).toBe(200);
  });
});

describe.runIf(redisUrl)("admin API: events across instances (redis)", () => {
  it("a client on one instance sees events another instance published, live and on resume", async () => {
    const url = redisUrl ?? "";
    const dir = tempDir("wxdesk-events-");
    const prefix = testRedisPrefix();
    const config = testConfig("http://127.0.0.1:9", dir.path, { redisUrl: url });
    const one: AppContext = await createAppContext(config, { redisKeyPrefix: prefix });
    const two: AppContext = await createAppContext(config, { redisKeyPrefix: prefix });
    const server = await listen(one);
    const headers = { authorization: `Bearer ${config.supportKey}` };
    try {
      const stream = await SseClient.open(`${server.url}/admin/api/events`, headers);
      const fromTwo = await two.events.publish("menu", { kind: "publish", versionId: 7 });
      const frame = await stream.waitForEvent(fromTwo.id);
      expect(JSON.parse(frame.data ?? "")).toEqual(fromTwo);

      const later = await two.events.publish("menu", { kind: "delete", versionId: 8 });
      await stream.waitForEvent(later.id);
      stream.close();
      const resumed = await SseClient.open(`${server.url}/admin/api/events`, {
        ...headers,
        "last-event-id": String(fromTwo.id),
      });
      await resumed.waitForEvent(later.id);
      expect(resumed.events()).toEqual([later]);
      resumed.close();
    } finally {
      await server.close();
      await one.close();
      await two.close();
      await dropRedisPrefix(url, prefix);
      dir.remove();
    }
  });
});
