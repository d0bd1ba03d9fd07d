import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PHONE_FRAME_NAME, PHONE_PARTITION } from "./phone-window.js";
import {
  app,
  BrowserWindow,
  FakeWebContents,
  fakeEvent,
  resetFakeElectron,
  session,
  shell,
} from "./testing/fake-electron.js";
import { lockDownWebContents } from "./web-contents-lockdown.js";

vi.mock("electron", () => import("./testing/fake-electron.js"));

const CONSENT = "http://127.0.0.1:7100/connect/oauth2/authorize?appid=wx00000000000000a1#wechat_redirect";

/** The app window's contents, locked down as desktop-app.ts does for every web contents. */
function appContents(): FakeWebContents {
  const contents = new FakeWebContents();
  lockDownWebContents(contents as never);
  return contents;
}

function phoneWindows(): BrowserWindow[] {
  return BrowserWindow.instances.filter((w) => w.options.title === "手机预览 / Phone");
}

beforeEach(() => {
  resetFakeElectron();
  // Like desktop-app.ts: every new web contents (the phone window's too) is locked down.
  app.on("web-contents-created", (_event: unknown, contents: FakeWebContents) =>
    lockDownWebContents(contents as never),
  );
});
afterEach(() => {
  for (const window of phoneWindows()) window.close();
});

describe("the sandbox's phone window", () => {
  it("opens from the app page for a loopback URL: no preload, sandboxed, its own in-memory session", () => {
    const contents = appContents();
    expect(contents.windowOpenHandler?.({ url: CONSENT, frameName: PHONE_FRAME_NAME })).toEqual({
      action: "deny",
    });
    const [phone, ...more] = phoneWindows();
    expect(more).toEqual([]);
    expect(phone?.loadedUrl).toBe(CONSENT);
    expect(phone?.options).toMatchObject({ width: 390, height: 760 });
    const prefs = phone?.options.webPreferences ?? {};
    expect(prefs.preload).toBeUndefined();
    expect(prefs).toMatchObject({
      partition: PHONE_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(shell.opened).toEqual([]);
    // The phone's session grants nothing, not even the clipboard the app page may use.
    const phoneSession = session.partitions.get(PHONE_PARTITION);
    expect(phoneSession?.checkHandler?.(null, "clipboard-sanitized-write", "http://127.0.0.1:7100")).toBe(
      false,
    );
    expect(phoneSession?.checkHandler?.(null, "media", "http://127.0.0.1:7100")).toBe(false);
  });

  it("a second request reuses the window with the new page", () => {
    const contents = appContents();
    contents.windowOpenHandler?.({ url: CONSENT, frameName: PHONE_FRAME_NAME });
    const next = "http://localhost:7200/oauth/start?scope=snsapi_base";
    contents.windowOpenHandler?.({ url: next, frameName: PHONE_FRAME_NAME });
    expect(phoneWindows()).toHaveLength(1);
    expect(phoneWindows()[0]?.loadedUrl).toBe(next);
  });

  it("anything but a loopback http(s) URL from the app page goes to the browser or nowhere", () => {
    const contents = appContents();
    for (const url of [
      "https://open.weixin.qq.com/connect/oauth2/authorize",
      "http://127.0.0.1.evil.example/",
      "http://user:pw@127.0.0.1:7100/",
      "file:///etc/passwd",
      "javascript:alert(1)",
    ]) {
      expect(contents.windowOpenHandler?.({ url, frameName: PHONE_FRAME_NAME })).toEqual({ action: "deny" });
    }
    expect(phoneWindows()).toEqual([]);
    expect(shell.opened).toEqual([
      "https://open.weixin.qq.com/connect/oauth2/authorize",
      "http://127.0.0.1.evil.example/",
    ]);
  });

  it("only the app page may ask for it: a page elsewhere gets its link sent to the browser", () => {
    const contents = appContents();
    contents.mainFrame.url = "http://127.0.0.1:7100/some-page";
    contents.windowOpenHandler?.({ url: CONSENT, frameName: PHONE_FRAME_NAME });
    expect(phoneWindows()).toEqual([]);
    expect(shell.opened).toEqual([CONSENT]);
  });

  it("the phone may move between loopback pages (sandbox → callback server); the app window may not", () => {
    appContents().windowOpenHandler?.({ url: CONSENT, frameName: PHONE_FRAME_NAME });
    const phone = phoneWindows()[0]?.webContents;
    const navigate = (contents: FakeWebContents | undefined, url: string) => {
      const event = fakeEvent({ url, isMainFrame: true });
      contents?.emit("will-navigate", event);
      return event.defaultPrevented;
    };
    expect(navigate(phone, "http://127.0.0.1:7200/oauth/callback?code=x&state=y")).toBe(false);
    expect(navigate(phone, "https://res.wx.qq.com/open/js/jweixin-1.6.0.js")).toBe(true);
    expect(navigate(appContents(), "http://127.0.0.1:7200/")).toBe(true);
    expect(shell.opened).toEqual([
      "https://res.wx.qq.com/open/js/jweixin-1.6.0.js",
      "http://127.0.0.1:7200/",
    ]);
  });

  it("redirects and frames in the phone stay on loopback pages; nothing is handed to the browser", () => {
    appContents().windowOpenHandler?.({ url: CONSENT, frameName: PHONE_FRAME_NAME });
    const phone = phoneWindows()[0]?.webContents;
    const emit = (name: string, url: string, isMainFrame: boolean) => {
      const event = fakeEvent({ url, isMainFrame, isSameDocument: false, frame: null });
      phone?.emit(name, event);
      return event.defaultPrevented;
    };
    // The OAuth flow: sandbox → callback server → the landing page, all loopback redirects.
    expect(emit("will-redirect", "http://127.0.0.1:7200/oauth/callback?code=c&state=s", true)).toBe(false);
    expect(emit("will-redirect", "http://localhost:7200/", true)).toBe(false);
    expect(emit("will-frame-navigate", "http://127.0.0.1:7100/_sandbox/avatar/x/132", false)).toBe(false);
    for (const url of [
      "https://evil.example/steal?code=c",
      "http://127.0.0.1.evil.example/",
      "app://wxdesk/index.html",
      "file:///etc/passwd",
    ]) {
      expect(emit("will-redirect", url, true), url).toBe(true);
      expect(emit("will-frame-navigate", url, false), url).toBe(true);
    }
    expect(shell.opened).toEqual([]);
  });

  it("the phone may not load the app's own page", () => {
    appContents().windowOpenHandler?.({ url: CONSENT, frameName: PHONE_FRAME_NAME });
    const event = fakeEvent({ url: "app://wxdesk/index.html", isMainFrame: true });
    phoneWindows()[0]?.webContents.emit("will-navigate", event);
    expect(event.defaultPrevented).toBe(true);
  });
});
