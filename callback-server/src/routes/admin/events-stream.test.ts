import { connect, type Socket } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import type { AppContext, EventBus } from "../../app-context.js";
import { createAppContext } from "../../context/create-app-context.js";
import { registerErrorHandler } from "../../plugins/error-handler.js";
import type { EventQuery, Store, StoredEvent } from "../../store/store-types.js";
import { tempDir, testConfig } from "../../testing/test-server.js";
import eventsRoutes from "./events-routes.js";
import type { EventStreamOptions } from "./events-stream.js";
import { SseClient } from "./testing/events-test-client.js";

/** The context's bus, counting live subscriptions so a test can wait for one to end. */
function countingBus(bus: EventBus) {
  let active = 0;
  let waiters: Array<() => void> = [];
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  return {
    bus: {
      publish: (type, data) => bus.publish(type, data),
      subscribe(listener) {
        active++;
        wake();
        const unsubscribe = bus.subscribe(listener);
        let done = false;
        return () => {
          if (done) return;
          done = true;
          active--;
          unsubscribe();
          wake();
        };
      },
    } satisfies EventBus,
    active: () => active,
    async until(count: number): Promise<void> {
      while (active !== count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    reset() {
      waiters = [];
    },
  };
}

/** Holds the stream's replay read until released; `early` reads before holding, `late` after. */
function gatedStore(store: Store) {
  let gate: { mode: "early" | "late"; called: () => void; released: Promise<void> } | undefined;
  const gated = Object.create(store, {
    // The key guard counts wrong keys in the store: its methods use the store's private fields.
    hitCounter: { value: store.hitCounter.bind(store) },
    readCounter: { value: store.readCounter.bind(store) },
    listEvents: {
      value: async (query: EventQuery): Promise<StoredEvent[]> => {
        const current = gate;
        if (!current) return store.listEvents(query);
        gate = undefined;
        current.called();
        if (current.mode === "early") {
          const read = await store.listEvents(query);
          await current.released;
          return read;
        }
        await current.released;
        return store.listEvents(query);
      },
    },
  }) as Store;
  return {
    store: gated,
    hold(mode: "early" | "late") {
      let called!: () => void;
      let release!: () => void;
      const calledPromise = new Promise<void>((resolve) => {
        called = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      gate = { mode, called, released };
      return { called: calledPromise, release };
    },
  };
}

describe("the event stream's mechanics", () => {
  let dir: ReturnType<typeof tempDir>;
  let ctx: AppContext;
  let counting: ReturnType<typeof countingBus>;
  let gate: ReturnType<typeof gatedStore>;
  let wrapped: AppContext;
  const apps: FastifyInstance[] = [];
  const clients: SseClient[] = [];

  beforeEach(async () => {
    dir = tempDir("wxdesk-sse-");
    ctx = await createAppContext(testConfig("http://127.0.0.1:9", dir.path));
    counting = countingBus(ctx.events);
    gate = gatedStore(ctx.store);
    wrapped = { ...ctx, events: counting.bus, store: gate.store };
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const app of apps.splice(0)) await app.close();
    await ctx.close();
    dir.remove();
  });

  /** Just the events routes, with stream options (no key check: that is index.ts's job, tested elsewhere). */
  async function streamApp(stream: EventStreamOptions = {}): Promise<string> {
    const app = Fastify({ forceCloseConnections: true });
    registerErrorHandler(app);
    await app.register(eventsRoutes, { ctx: wrapped, stream, prefix: "/admin/api" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    apps.push(app);
    const address = app.server.address();
    return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/admin/api/events`;
  }
  async function open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = await SseClient.open(url, headers);
    clients.push(client);
    return client;
  }
  const publish = (n: number) => ctx.events.publish("check", { openid: `o${n}`, ok: true });

  it("app.close() ends open streams without hanging, and every subscription is dropped", async () => {
    const app = await buildApp(wrapped);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/admin/api/events`;
    const headers = { authorization: `Bearer ${ctx.config.supportKey}` };
    const a = await open(url, headers);
    const b = await open(url, headers);
    expect(counting.active()).toBe(2);

    await app.close(); // would time out the test if an open stream held the server
    await Promise.all([a.ended, b.ended]);
    await counting.until(0);
    expect(counting.active()).toBe(0);
  });

  it("a client that goes away is unsubscribed (its ping timer goes with it)", async () => {
    const url = await streamApp();
    const client = await open(url);
    expect(counting.active()).toBe(1);
    client.close();
    await counting.until(0);
    // Publishing afterwards reaches no dead listener (it would throw into the bus's onError).
    expect((await publish(1)).id).toBeGreaterThan(0);
  });

  it("sends ': ping' at the configured interval", async () => {
    const url = await streamApp({ pingIntervalMs: 20 });
    const client = await open(url);
    await client.waitFor((f) => f.comments.includes("ping"));
    await client.waitFor(
      (f) => f.comments.includes("ping"),
      client.frames.findIndex((f) => f.comments.includes("ping")) + 1,
    );
    expect(client.frames.filter((f) => f.comments.includes("ping")).length).toBeGreaterThanOrEqual(2);
  });

  it("live events published during the replay read are sent once: read after them (dedup)", async () => {
    const url = await streamApp();
    const before = [await publish(1), await publish(2)];
    const held = gate.hold("late");
    const opening = open(url, { "last-event-id": "0" });
    await held.called;
    const during = [await publish(3), await publish(4)]; // buffered live AND in the store read
    held.release();
    const client = await opening;
    const after = await publish(5);
    await client.waitForEvent(after.id);
    expect(client.events()).toEqual([...before, ...during, after]);
  });

  it("live events published after the replay read are not lost: read before them (no gap)", async () => {
    const url = await streamApp();
    const before = [await publish(1), await publish(2)];
    const held = gate.hold("early");
    const opening = open(url, { "last-event-id": "0" });
    await held.called;
    const during = [await publish(3), await publish(4)]; // buffered live only: the read missed them
    held.release();
    const client = await opening;
    const after = await publish(5);
    await client.waitForEvent(after.id);
    expect(client.events()).toEqual([...before, ...during, after]);
  });

  it("more than 500 missed: a replay_truncated notice, then the newest 500 joined to live ones", async () => {
    const url = await streamApp();
    const ids: number[] = [];
    for (let i = 0; i < 505; i++) ids.push((await publish(i)).id);
    const client = await open(url, { "last-event-id": "0" });
    const live = await publish(999);
    await client.waitForEvent(live.id);
    const notice = client.frames.find((f) => f.event === "replay_truncated");
    expect(JSON.parse(notice?.data ?? "null")).toEqual({ afterId: 0, resumedAt: ids[5] });
    expect(client.events().map((e) => e.id)).toEqual([...ids.slice(5), live.id]);
  });

  it("a client that stops reading is dropped; the others still get every event", async () => {
    const url = new URL(await streamApp({ maxBufferedBytes: 256 * 1024 }));
    const fast = await open(url.href);
    const stalled: Socket = connect(Number(url.port), "127.0.0.1");
    const closed = new Promise<void>((resolve) => stalled.once("close", () => resolve()));
    stalled.on("error", () => {});
    stalled.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    await counting.until(2);
    stalled.pause(); // reads nothing from now on: the kernel buffers fill, then the server's

    // 4.8 MB in all, in bursts a reading client keeps up with (80 kB, under the 256 kB bound).
    const filler = "x".repeat(8 * 1024);
    for (let batch = 0; batch < 60; batch++) {
      let last = 0;
      for (let i = 0; i < 10; i++) last = (await ctx.events.publish("message", { batch, i, filler })).id;
      await fast.waitForEvent(last);
    }
    expect(fast.events()).toHaveLength(600);

    stalled.resume(); // drain what was buffered: the server ended this connection
    await closed;
    await counting.until(1);
    expect(counting.active()).toBe(1);
  });
});
