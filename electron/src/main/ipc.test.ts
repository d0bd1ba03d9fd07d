import type { IpcMain, WebContents } from "electron";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActivityEvent } from "../desk-api.js";
import { createSmallDeskHost, type SmallDeskHost } from "../shared/testing/small-desk-host.js";
import { registerDeskIpc } from "./ipc.js";
import { IPC_CHANNELS } from "./ipc-channels.js";
import { type FakeFrame, FakeWebContents, ipcMain, resetFakeElectron } from "./testing/fake-electron.js";

vi.mock("electron", () => import("./testing/fake-electron.js"));

let host: SmallDeskHost;
let appContents: FakeWebContents;
let dispose: () => void;

beforeEach(() => {
  resetFakeElectron();
  host = createSmallDeskHost();
  appContents = new FakeWebContents();
  dispose = registerDeskIpc({
    ipcMain: ipcMain as unknown as IpcMain,
    host,
    getAppContents: () => appContents as unknown as WebContents,
  });
});

afterEach(() => dispose());

/** An IPC event as Electron builds it: which WebContents, which frame. */
const from = (sender: FakeWebContents, frame: FakeFrame | null = sender.mainFrame) => ({
  sender,
  senderFrame: frame,
});
const call = (event: object, request: unknown) => ipcMain.invoke(IPC_CHANNELS.call, event, request);
const activity = (id: number): ActivityEvent => ({
  id,
  type: "authorization",
  at: 1_700_000_000_000 + id,
  data: { openid: `o${id}` },
});

describe("desk:call", () => {
  it("passes a call from the app's own window to host.call and returns its result", async () => {
    const outcome = await call(from(appContents), { method: "menu.history", args: [5] });
    expect(outcome).toEqual({ ok: true, result: [expect.objectContaining({ id: 1, by: "limit 5" })] });
    expect(host.calls).toEqual([{ method: "menu.history", args: [5] }]);
  });

  it.each([
    ["another window", () => from(new FakeWebContents())],
    [
      "a sub-frame of the app's window",
      () => from(appContents, { url: "app://wxdesk/index.html", parent: appContents.mainFrame }),
    ],
    [
      "the app's window after navigating away",
      () => from(appContents, { url: "https://evil.example/", parent: null }),
    ],
    [
      "a file:// page in the app's window",
      () => from(appContents, { url: "file:///tmp/x.html", parent: null }),
    ],
    ["a frame that is already gone", () => from(appContents, null)],
  ])("refuses a call from %s without reaching the host", async (_name, event) => {
    const outcome = await call(event(), { method: "menu.history", args: [] });
    expect(outcome).toEqual({
      ok: false,
      error: expect.objectContaining({ code: "forbidden_sender", messageZh: expect.stringMatching(/拒绝/) }),
    });
    expect(host.calls).toEqual([]);
  });

  it("refuses every call once the window is gone", async () => {
    appContents.destroy();
    const outcome = await call(from(appContents), { method: "menu.history", args: [] });
    expect(outcome).toMatchObject({ ok: false, error: { code: "forbidden_sender" } });
  });

  it.each([
    [{ method: "menu.nuke", args: [] }],
    [{ method: "activity.subscribe", args: [] }],
    [{ method: "constructor", args: [] }],
    [{ method: 42, args: [] }],
    [null],
  ])("refuses an unknown method %j without reaching the host", async (request) => {
    const outcome = await call(from(appContents), request);
    expect(outcome).toMatchObject({ ok: false, error: { code: "unknown_method" } });
    expect(host.calls).toEqual([]);
  });

  it("passes bad arguments on to host.call, whose bad_input comes back whole", async () => {
    const outcome = await call(from(appContents), { method: "menu.history", args: ["ten"] });
    expect(host.calls).toEqual([{ method: "menu.history", args: ["ten"] }]);
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: "bad_input",
        message: "The request was not in the expected form.",
        messageZh: "请求的格式不对。",
      },
    });
  });

  it("keeps code, message, messageZh and details of a DeskError", async () => {
    const details = { errcode: 40013, explanation: { titleZh: "AppID 无效" } };
    host.call = async () => {
      throw { code: "wechat_error", message: "Invalid AppID", messageZh: "AppID 无效", details };
    };
    const outcome = await call(from(appContents), { method: "menu.live", args: [] });
    expect(outcome).toEqual({
      ok: false,
      error: { code: "wechat_error", message: "Invalid AppID", messageZh: "AppID 无效", details },
    });
  });

  it("turns an unexpected error into `internal` without its text", async () => {
    const outcome = (await call(from(appContents), { method: "sandbox.start", args: [] })) as {
      error: object;
    };
    expect(outcome).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(JSON.stringify(outcome)).not.toContain("secret");
  });

  it("refuses args that are not a list", async () => {
    const outcome = await call(from(appContents), { method: "menu.history", args: { limit: 5 } });
    expect(outcome).toMatchObject({ ok: false, error: { code: "bad_input" } });
  });
});

describe("live events (desk:listen → desk:event)", () => {
  const listen = (event: object, on: unknown) => ipcMain.emit(IPC_CHANNELS.listen, event, on);

  it("forwards the host's events to the app's window once, however often it subscribes", () => {
    listen(from(appContents), true);
    listen(from(appContents), true);
    expect(host.listenerCount()).toBe(1);
    host.emit(activity(1));
    expect(appContents.sent).toEqual([{ channel: IPC_CHANNELS.event, payload: activity(1) }]);
  });

  it("stops on `false` and when the window's contents are destroyed", () => {
    listen(from(appContents), true);
    listen(from(appContents), false);
    expect(host.listenerCount()).toBe(0);
    host.emit(activity(2));
    expect(appContents.sent).toEqual([]);

    listen(from(appContents), true);
    appContents.destroy();
    expect(host.listenerCount()).toBe(0);
  });

  it("ignores a foreign sender", () => {
    const stranger = new FakeWebContents();
    listen(from(stranger), true);
    expect(host.listenerCount()).toBe(0);
    host.emit(activity(3));
    expect(stranger.sent).toEqual([]);
  });

  it("dispose removes the handlers and every subscription", async () => {
    listen(from(appContents), true);
    dispose();
    expect(host.listenerCount()).toBe(0);
    await expect(call(from(appContents), { method: "menu.history", args: [] })).rejects.toThrow(/No handler/);
    dispose = () => undefined;
  });
});
