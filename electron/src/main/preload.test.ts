import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActivityEvent, DeskApi } from "../desk-api.js";
import { DESK_METHODS } from "../shared/desk-methods.js";
import { IPC_CHANNELS } from "./ipc-channels.js";
import { contextBridge, ipcRenderer } from "./testing/fake-electron.js";

vi.mock("electron", () => import("./testing/fake-electron.js"));

let api: DeskApi;

beforeAll(async () => {
  await import("./preload.js");
  api = contextBridge.exposed[0]?.api as DeskApi;
});

/** Every value reachable from `root` (objects and functions), with the path it was found at. */
function reachable(root: unknown): Array<{ path: string; value: unknown }> {
  const found: Array<{ path: string; value: unknown }> = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, path: string) => {
    if ((typeof value !== "object" && typeof value !== "function") || value === null || seen.has(value))
      return;
    seen.add(value);
    found.push({ path, value });
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor && "value" in descriptor) walk(descriptor.value, `${path}.${String(key)}`);
    }
  };
  walk(root, "wxdesk");
  return found;
}

describe("preload", () => {
  it("exposes exactly one object, window.wxdesk", () => {
    expect(contextBridge.exposed.map(({ key }) => key)).toEqual(["wxdesk"]);
  });

  it("exposes exactly the DeskApi methods (plus activity.subscribe), all functions", () => {
    const exposed = Object.entries(api).flatMap(([namespace, methods]) =>
      Object.keys(methods as object).map((name) => `${namespace}.${name}`),
    );
    expect(exposed.sort()).toEqual([...DESK_METHODS, "activity.subscribe"].sort());
    for (const name of exposed) {
      const [namespace, method] = name.split(".") as [keyof DeskApi, string];
      expect(typeof (api[namespace] as Record<string, unknown>)[method], name).toBe("function");
    }
    expect(DESK_METHODS).toHaveLength(42);
  });

  it("never lets ipcRenderer (or any of its functions) be reached from window.wxdesk", () => {
    const ipcValues = new Set<unknown>([ipcRenderer, ipcRenderer.invoke, ipcRenderer.send, ipcRenderer.on]);
    const leaks = reachable(api).filter(({ value }) => ipcValues.has(value));
    expect(leaks).toEqual([]);
    expect(reachable(api).map(({ path }) => path)).not.toContainEqual(expect.stringMatching(/ipc/i));
  });

  it("sends a call as {method, args} on desk:call and resolves its result", async () => {
    ipcRenderer.nextOutcome = { ok: true, result: [{ id: 7 }] };
    await expect(api.menu.history(5)).resolves.toEqual([{ id: 7 }]);
    expect(ipcRenderer.invoked.at(-1)).toEqual({
      channel: IPC_CHANNELS.call,
      payload: { method: "menu.history", args: [5] },
    });
    await api.menu.history(undefined);
    expect(ipcRenderer.invoked.at(-1)?.payload).toEqual({ method: "menu.history", args: [] });
  });

  it("rejects with the plain DeskError (code, message, messageZh, details) — not an Error", async () => {
    const error = {
      code: "menu_invalid",
      message: "Too many buttons",
      messageZh: "按钮太多",
      details: { problems: [] },
    };
    ipcRenderer.nextOutcome = { ok: false, error };
    const rejection = await api.menu.publish({ button: [] }).catch((reason: unknown) => reason);
    expect(rejection).toEqual(error);
    expect(rejection).not.toBeInstanceOf(Error);
  });

  it("subscribe: one desk:listen for many listeners, delivery to each, unsubscribe at the end", () => {
    const sentBefore = ipcRenderer.sentMessages.length;
    const first: ActivityEvent[] = [];
    const second: ActivityEvent[] = [];
    const stopFirst = api.activity.subscribe((event) => first.push(event));
    const stopSecond = api.activity.subscribe((event) => second.push(event));
    expect(ipcRenderer.sentMessages.slice(sentBefore)).toEqual([
      { channel: IPC_CHANNELS.listen, payload: true },
    ]);

    const event: ActivityEvent = { id: 1, type: "refresh", at: 1, data: {} };
    ipcRenderer.emit(IPC_CHANNELS.event, {}, event);
    expect(first).toEqual([event]);
    expect(second).toEqual([event]);

    stopFirst();
    stopFirst();
    ipcRenderer.emit(IPC_CHANNELS.event, {}, { ...event, id: 2 });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(2);
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.event)).toBe(1);

    stopSecond();
    expect(ipcRenderer.sentMessages.at(-1)).toEqual({ channel: IPC_CHANNELS.listen, payload: false });
    expect(ipcRenderer.listenerCount(IPC_CHANNELS.event)).toBe(0);
  });

  it("a throwing listener does not stop the others", () => {
    const received: number[] = [];
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const stopBad = api.activity.subscribe(() => {
      throw new Error("listener bug");
    });
    const stopGood = api.activity.subscribe((event) => received.push(event.id));
    ipcRenderer.emit(IPC_CHANNELS.event, {}, { id: 9, type: "check", at: 1, data: {} });
    expect(received).toEqual([9]);
    stopBad();
    stopGood();
    quiet.mockRestore();
  });

  it("refuses a non-function listener", () => {
    expect(() => api.activity.subscribe("nope" as never)).toThrow(TypeError);
  });
});
