// @vitest-environment happy-dom
import "../testing/dom-setup.js";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installMemoryDesk } from "../testing/install-memory-desk.js";
import { generatedUser } from "../testing/memory-users-fixture.js";
import { App } from "./app.js";
import { useAppStore } from "./app-store.js";
import { MissingBridge } from "./missing-bridge.js";

describe("app shell", () => {
  it("shows the navigation in Chinese, the active profile and its connection", async () => {
    await installMemoryDesk();
    render(<App />);
    const nav = await screen.findByRole("navigation", { name: "主导航" });
    expect(nav.textContent).toContain("授权链接");
    expect(screen.getByRole("button", { name: "菜单" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByText("本地沙箱", { selector: "output" })).toBeTruthy();
    expect(screen.getByText(/已连接/)).toBeTruthy();
    expect(screen.getByText("管理员")).toBeTruthy();
  });

  it("switches to English at once and saves the choice", async () => {
    const desk = await installMemoryDesk();
    render(<App />);
    await act(async () => {
      fireEvent.click(await screen.findByRole("button", { name: "English" }));
    });
    expect(screen.getByRole("navigation", { name: "Main navigation" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Authorize links" })).toBeTruthy();
    expect(desk.state.settings.lang).toBe("en");
    expect(document.documentElement.lang).toBe("en");
  });

  it("moves between screens from the navigation and back to the menu editor", async () => {
    await installMemoryDesk();
    render(<App />);
    fireEvent.click(await screen.findByRole("button", { name: "设置" }));
    expect(screen.getByRole("button", { name: "设置" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("main", { name: "设置" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "菜单" }));
    expect(await screen.findByRole("region", { name: "手机预览" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "菜单" }).getAttribute("aria-current")).toBe("page");
  });

  it("says so wherever it is when someone signs in, and opens them from the toast; nothing for refreshes", async () => {
    const li = generatedUser(3, Date.now());
    const desk = await installMemoryDesk({ users: [{ ...li, nickname: "李娜" }] });
    render(<App />);
    const toasts = await screen.findByRole("region", { name: "通知" });
    act(() => {
      desk.emit({ type: "refresh", at: Date.now(), data: { openid: li.openid, trigger: "manual" } });
      desk.emit({ type: "check", at: Date.now(), data: { openid: li.openid, ok: true } });
      desk.emit({ type: "menu", at: Date.now(), data: { kind: "publish", versionId: 2 } });
    });
    expect(within(toasts).queryAllByRole("status")).toHaveLength(0);

    act(() => {
      desk.emit({ type: "authorization", at: Date.now(), data: { openid: li.openid, nickname: "李娜" } });
    });
    const toast = within(toasts).getByRole("status");
    expect(toast.textContent).toContain("李娜 刚刚授权");
    await act(async () => {
      fireEvent.click(within(toast).getByRole("button", { name: "查看" }));
    });
    expect(await screen.findByRole("main", { name: "用户" })).toBeTruthy();
    // The users screen loads on first visit: give it time on a busy machine.
    const panel = await screen.findByRole("complementary", { name: "用户详情" }, { timeout: 10_000 });
    expect(await within(panel).findByRole("heading", { name: "李娜" })).toBeTruthy();

    // Without a nickname (silent authorization), the short openid; in English when the app speaks it.
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "English" }));
    });
    act(() => {
      desk.emit({ type: "authorization", at: Date.now(), data: { openid: "oABCDEFGHIJKLMNOPQRSTUVWXYZ" } });
    });
    expect(screen.getByText("User oABCDE…WXYZ just signed in")).toBeTruthy();
  });

  // That no key reaches the page is proved against the real DeskApi, not this memory fake (which never has
  // one to leak): electron/src/web-bridge/real-desk-bridge.test.ts and e2e/desk-support-profile.spec.ts.
  it("lists profiles by name", async () => {
    const desk = await installMemoryDesk();
    const key = "admin-key-4f9a1c2e7b";
    await desk.profiles.add({ name: "正式号", serverUrl: "https://wx.example.com", role: "admin", key });
    render(<App />);
    await act(async () => {
      await useAppStore.getState().reloadProfiles();
    });
    expect(screen.getByRole("combobox", { name: "当前公众号" }).textContent).toContain("正式号");
  });

  it("says in both languages that the page needs the app when window.wxdesk is missing", () => {
    render(<MissingBridge />);
    expect(screen.getByRole("heading", { name: "请在 wxdesk 应用里打开这个页面" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Open this page from the wxdesk app" })).toBeTruthy();
  });
});
