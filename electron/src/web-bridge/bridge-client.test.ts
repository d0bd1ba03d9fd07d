import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityEvent, DeskApi } from "../desk-api.js";
import { DESK_METHODS } from "../shared/desk-methods.js";
import { createSmallDeskHost, type SmallDeskHost } from "../shared/testing/small-desk-host.js";
import { startWebBridge, type WebBridge } from "./start-web-bridge.js";
import { openBridgePage } from "./testing/bridge-page.js";

/** The real /bridge.js from a real bridge, run in a stand-in page (testing/bridge-page.ts). */
let root: string;
let host: SmallDeskHost;
let bridge: WebBridge;
let wxdesk: DeskApi;
let page: Record<string, unknown>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "wxdesk-bridge-client-"));
  await writeFile(join(root, "index.html"), "<!doctype html><head></head>");
  host = createSmallDeskHost();
  bridge = await startWebBridge({ host, rendererDir: root });
  ({ wxdesk, page } = await openBridgePage(bridge));
});

afterAll(async () => {
  await bridge.close();
  await rm(root, { recursive: true, force: true });
});

describe("bridge.js in a page", () => {
  it("defines window.wxdesk with exactly the DeskApi methods, read-only", () => {
    const names = Object.entries(wxdesk).flatMap(([namespace, methods]) =>
      Object.keys(methods as object).map((name) => `${namespace}.${name}`),
    );
    expect(names.sort()).toEqual([...DESK_METHODS, "activity.subscribe"].sort());
    expect(Object.getOwnPropertyDescriptor(page, "wxdesk")).toMatchObject({
      writable: false,
      configurable: false,
    });
    expect(Object.isFrozen(wxdesk.menu)).toBe(true);
  });

  it("round-trips a call over HTTP", async () => {
    await expect(wxdesk.menu.history(2)).resolves.toEqual([expect.objectContaining({ by: "limit 2" })]);
    await expect(wxdesk.profiles.setActive("p2")).resolves.toBeUndefined();
    expect(host.calls.slice(-2)).toEqual([
      { method: "menu.history", args: [2] },
      { method: "profiles.setActive", args: ["p2"] },
    ]);
  });

  it("treats a trailing undefined like a missing argument", async () => {
    await expect(wxdesk.menu.history(undefined)).resolves.toEqual([
      expect.objectContaining({ by: "limit none" }),
    ]);
  });

  it("rejects with the plain DeskError for bad input", async () => {
    const rejection = await wxdesk.links.qr({ text: "", format: "png" }).catch((reason: unknown) => reason);
    expect(rejection).toEqual({
      code: "bad_input",
      message: expect.any(String),
      messageZh: expect.any(String),
    });
  });

  it("delivers live events to subscribers and closes the stream when the last one leaves", async () => {
    const first: ActivityEvent[] = [];
    const second: ActivityEvent[] = [];
    const stopFirst = wxdesk.activity.subscribe((event) => first.push(event));
    const stopSecond = wxdesk.activity.subscribe((event) => second.push(event));
    // One EventSource for both listeners.
    await expect.poll(() => host.listenerCount()).toBe(1);
    const event: ActivityEvent = { id: 5, type: "menu", at: 1_700_000_000_000, data: { by: "admin" } };
    host.emit(event);
    await expect.poll(() => second.length).toBe(1);
    expect(first).toEqual([event]);
    expect(second).toEqual([event]);
    stopFirst();
    stopSecond();
    await expect.poll(() => host.listenerCount()).toBe(0);
  });
});

describe("bridge.js when the bridge restarts", () => {
  it("reconnects its event stream by itself and keeps delivering", async () => {
    const restartHost = createSmallDeskHost();
    const first = await startWebBridge({ host: restartHost, rendererDir: root });
    const { wxdesk: restartPage } = await openBridgePage(first);
    const received: number[] = [];
    const stop = restartPage.activity.subscribe((event) => received.push(event.id));
    await expect.poll(() => restartHost.listenerCount()).toBe(1);
    restartHost.emit({ id: 1, type: "check", at: 1, data: {} });
    await expect.poll(() => received).toEqual([1]);

    // Same port and token, as after `npm run web` restarted with WXDESK_WEB_PORT and a kept cookie.
    await first.close();
    await expect.poll(() => restartHost.listenerCount()).toBe(0);
    const second = await startWebBridge({
      host: restartHost,
      rendererDir: root,
      port: first.port,
      token: first.token,
    });
    try {
      await expect.poll(() => restartHost.listenerCount(), { timeout: 30_000 }).toBe(1);
      restartHost.emit({ id: 2, type: "check", at: 2, data: {} });
      await expect.poll(() => received).toEqual([1, 2]);
    } finally {
      stop();
      await second.close();
    }
  }, 60_000);
});
