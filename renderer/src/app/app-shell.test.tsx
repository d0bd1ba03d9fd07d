// @vitest-environment happy-dom
import "../testing/dom-setup.js";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installMemoryDesk } from "../testing/install-memory-desk.js";
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

  it("lists profiles by name and never holds or shows a key", async () => {
    const desk = await installMemoryDesk();
    const key = "admin-key-4f9a1c2e7b";
    await desk.profiles.add({ name: "正式号", serverUrl: "https://wx.example.com", role: "admin", key });
    render(<App />);
    await act(async () => {
      await useAppStore.getState().reloadProfiles();
    });
    expect(screen.getByRole("combobox", { name: "当前公众号" }).textContent).toContain("正式号");
    expect(document.body.innerHTML).not.toContain(key);
    expect(JSON.stringify(useAppStore.getState())).not.toContain(key);
  });

  it("says in both languages that the page needs the app when window.wxdesk is missing", () => {
    render(<MissingBridge />);
    expect(screen.getByRole("heading", { name: "请在 wxdesk 应用里打开这个页面" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Open this page from the wxdesk app" })).toBeTruthy();
  });
});
