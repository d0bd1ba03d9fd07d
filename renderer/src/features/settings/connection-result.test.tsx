// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { cleanup, render, screen } from "@testing-library/react";
import type { ConnectionTest, ProfileView } from "@wxdesk/electron/desk-api";
import { afterEach, describe, expect, it } from "vitest";
import { useAppStore } from "../../app/app-store.js";
import { ConnectionResult } from "./connection-result.js";

const PROFILE: ProfileView = {
  id: "p1",
  name: "官方旗舰店",
  serverUrl: "https://wx.example.com",
  role: "admin",
  keySet: true,
  keyStorage: "keychain",
  local: false,
};

/** What the desktop's admin client makes of the server's 429 after too many wrong keys. */
const THROTTLED: ConnectionTest = {
  ok: false,
  error: {
    code: "too_many_attempts",
    message: "Too many wrong keys were tried from this computer. Try again in 2 minutes.",
    messageZh: "密钥错误次数太多，请 2 分钟后再试",
    details: { retryAfterSeconds: 100 },
  },
};

afterEach(() => {
  cleanup();
  useAppStore.setState({ settings: { ...useAppStore.getState().settings, lang: "zh-CN" } });
});

describe("「测试连接」 refused for too many wrong keys", () => {
  it("says how long to wait, and why even the right key waits (zh-CN)", () => {
    render(<ConnectionResult result={THROTTLED} profile={PROFILE} />);
    expect(screen.getByText("连接不上")).toBeTruthy();
    expect(screen.getByText("密钥错误次数太多，请 2 分钟后再试")).toBeTruthy();
    expect(screen.getByText(/连正确的密钥也不接受/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/429|too_many/);
  });

  it("in English", () => {
    useAppStore.setState({ settings: { ...useAppStore.getState().settings, lang: "en" } });
    render(<ConnectionResult result={THROTTLED} profile={PROFILE} />);
    expect(
      screen.getByText("Too many wrong keys were tried from this computer. Try again in 2 minutes."),
    ).toBeTruthy();
    expect(screen.getByText(/refuses even the right key for a while/)).toBeTruthy();
  });
});
