import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DeskHostOptions } from "../desk/desk-host.js";
import { CONTENT_SECURITY_POLICY } from "../shared/content-security-policy.js";
import { createSmallDeskHost, type SmallDeskHost } from "../shared/testing/small-desk-host.js";
import { startDesktopApp } from "./desktop-app.js";
import { IPC_CHANNELS } from "./ipc-channels.js";
import {
  app,
  BrowserWindow,
  callLog,
  dialog,
  fakeEvent,
  ipcMain,
  protocol,
  resetFakeElectron,
  session,
  shell,
} from "./testing/fake-electron.js";

vi.mock("electron", () => import("./testing/fake-electron.js"));

let rendererDir: string;
let host: SmallDeskHost;
let hostOptions: DeskHostOptions[];

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), "wxdesk-renderer-"));
  await writeFile(join(rendererDir, "index.html"), "<!doctype html><title>wxdesk</title>");
});
afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});

beforeEach(() => {
  resetFakeElectron();
  host = createSmallDeskHost();
  hostOptions = [];
});

const start = () =>
  startDesktopApp({
    createDeskHost: async (options) => {
      hostOptions.push(options);
      return host;
    },
    rendererDir,
    preloadPath: "/app/dist/preload.cjs",
  });

const onlyWindow = (): BrowserWindow => {
  expect(BrowserWindow.instances).toHaveLength(1);
  return BrowserWindow.instances[0] as BrowserWindow;
};

describe("startDesktopApp", () => {
  it("fixes the data folder, enables the sandbox and registers app:// before the app is ready", async () => {
    await start();
    expect(callLog.slice(0, 5)).toEqual([
      "app.setPath userData",
      "app.enableSandbox",
      "protocol.registerSchemesAsPrivileged",
      "app.requestSingleInstanceLock",
      "app.whenReady",
    ]);
    expect(app.getPath("userData")).toBe(join("/fake/appData", "wxdesk"));
    expect(protocol.privileged).toEqual([
      { scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it("creates the DeskApi on the userData folder without starting the local sandbox", async () => {
    await start();
    expect(hostOptions).toEqual([
      {
        dataDir: join("/fake/appData", "wxdesk"),
        transport: "electron",
        appVersion: "9.8.7",
        startLocalSandbox: false,
      },
    ]);
    expect(ipcMain.handlers.has(IPC_CHANNELS.call)).toBe(true);
  });

  it("opens one locked-down window on app://wxdesk/", async () => {
    await start();
    const window = onlyWindow();
    const preferences = window.options.webPreferences ?? {};
    expect(preferences).toMatchObject({
      preload: "/app/dist/preload.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(preferences.webviewTag).not.toBe(true);
    expect(preferences.nodeIntegrationInSubFrames).not.toBe(true);
    expect(window.loadedUrl).toBe("app://wxdesk/index.html");
    expect(window.shown).toBe(false);
    window.emit("ready-to-show");
    expect(window.shown).toBe(true);
  });

  it("serves the renderer on app:// with the CSP on every response", async () => {
    await start();
    const handler = protocol.handlers.get("app");
    expect(handler).toBeDefined();
    const page = await handler?.(new Request("app://wxdesk/index.html"));
    expect(page?.status).toBe(200);
    expect(page?.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    const missing = await handler?.(new Request("app://wxdesk/missing.js"));
    expect(missing?.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
  });

  it("blocks navigation away from the app, handing http(s) to the browser", async () => {
    await start();
    const contents = onlyWindow().webContents;
    const navigate = (url: string) => {
      const event = fakeEvent({ url, isMainFrame: true });
      contents.emit("will-navigate", event);
      return event.defaultPrevented;
    };
    expect(navigate("app://wxdesk/index.html#/menu")).toBe(false);
    expect(navigate("https://evil.example/phish")).toBe(true);
    expect(navigate("file:///etc/passwd")).toBe(true);
    expect(navigate("app://wxdesk.evil.example/")).toBe(true);
    expect(shell.opened).toEqual(["https://evil.example/phish"]);
  });

  it("blocks any frame from moving away from the app (will-frame-navigate), opening nothing", async () => {
    await start();
    const contents = onlyWindow().webContents;
    const frameNavigate = (url: string, isMainFrame: boolean) => {
      const event = fakeEvent({ url, isMainFrame, isSameDocument: false, frame: null });
      contents.emit("will-frame-navigate", event);
      return event.defaultPrevented;
    };
    expect(frameNavigate("app://wxdesk/index.html#/users", true)).toBe(false);
    expect(frameNavigate("app://wxdesk/index.html", false)).toBe(false);
    for (const url of [
      "https://evil.example/",
      "http://127.0.0.1:7100/connect/oauth2/authorize",
      "file:///etc/passwd",
      "data:text/html,<script>alert(1)</script>",
      "about:blank",
      "app://wxdesk.evil.example/",
    ]) {
      expect(frameNavigate(url, false), `subframe ${url}`).toBe(true);
      expect(frameNavigate(url, true), `main frame ${url}`).toBe(true);
    }
    expect(shell.opened).toEqual([]);
  });

  it("blocks redirects away from the app (will-redirect), opening nothing", async () => {
    await start();
    const contents = onlyWindow().webContents;
    const redirect = (url: string, isMainFrame: boolean) => {
      const event = fakeEvent({ url, isMainFrame, isSameDocument: false, frame: null });
      contents.emit("will-redirect", event);
      return event.defaultPrevented;
    };
    expect(redirect("app://wxdesk/index.html", true)).toBe(false);
    for (const url of ["https://evil.example/", "http://127.0.0.1:7200/", "file:///etc/passwd"]) {
      expect(redirect(url, true), url).toBe(true);
      expect(redirect(url, false), url).toBe(true);
    }
    expect(shell.opened).toEqual([]);
  });

  it("denies every new window; only validated http(s) URLs reach shell.openExternal", async () => {
    await start();
    const contents = onlyWindow().webContents;
    const open = (url: string) => contents.windowOpenHandler?.({ url, frameName: "" });
    for (const url of [
      "https://mp.weixin.qq.com/",
      "http://127.0.0.1:7100/connect/oauth2/authorize",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "weixin://dl/business",
      "https://admin:secret@example.com/",
      "app://wxdesk/index.html",
    ]) {
      expect(open(url)).toEqual({ action: "deny" });
    }
    expect(shell.opened).toEqual([
      "https://mp.weixin.qq.com/",
      "http://127.0.0.1:7100/connect/oauth2/authorize",
    ]);
  });

  it("refuses <webview> in any web contents", async () => {
    await start();
    const event = fakeEvent({});
    onlyWindow().webContents.emit("will-attach-webview", event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it("denies permission requests and checks (only the app page may write the clipboard)", async () => {
    await start();
    const { requestHandler, checkHandler } = session.defaultSession;
    const ask = (permission: string, requestingUrl: string) =>
      new Promise<boolean>((resolve) => requestHandler?.({}, permission, resolve, { requestingUrl }));
    expect(await ask("media", "app://wxdesk/index.html")).toBe(false);
    expect(await ask("notifications", "app://wxdesk/index.html")).toBe(false);
    expect(await ask("openExternal", "app://wxdesk/index.html")).toBe(false);
    expect(await ask("clipboard-sanitized-write", "http://127.0.0.1:7100/")).toBe(false);
    expect(await ask("clipboard-sanitized-write", "app://wxdesk/index.html")).toBe(true);
    expect(checkHandler?.({}, "geolocation", "app://wxdesk")).toBe(false);
    expect(checkHandler?.({}, "clipboard-sanitized-write", "app://wxdesk")).toBe(true);
  });

  it("a second instance quits at once and hands over to the first", async () => {
    app.singleInstance = false;
    await start();
    expect(app.quitCalls).toBe(1);
    expect(hostOptions).toEqual([]);
    expect(BrowserWindow.instances).toEqual([]);
  });

  it("the first instance shows its window again when a second one starts", async () => {
    await start();
    const window = onlyWindow();
    window.minimized = true;
    app.emit("second-instance");
    expect(window.restoreCount).toBe(1);
    expect(window.focusCount).toBe(1);
    expect(BrowserWindow.instances).toHaveLength(1);
  });

  it("closes the DeskHost (local sandbox, streams) before quitting", async () => {
    await start();
    const quitting = fakeEvent({});
    app.emit("will-quit", quitting);
    expect(quitting.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    expect(host.closed).toBe(true);
    const again = fakeEvent({});
    app.emit("will-quit", again);
    expect(again.defaultPrevented).toBe(false);
  });

  it("shows an error in zh and en and exits when the DeskApi cannot start", async () => {
    await startDesktopApp({
      createDeskHost: async () => {
        throw { code: "keychain_unavailable", message: "No keychain", messageZh: "没有钥匙串" };
      },
      rendererDir,
      preloadPath: "/app/dist/preload.cjs",
    });
    expect(app.exitCode).toBe(1);
    expect(dialog.errors).toHaveLength(1);
    expect(dialog.errors[0]?.content).toMatch(
      /应用启动失败[\s\S]*The app failed to start[\s\S]*没有钥匙串[\s\S]*No keychain/,
    );
    expect(BrowserWindow.instances).toEqual([]);
  });
});
