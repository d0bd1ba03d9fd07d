// @vitest-environment happy-dom
import "../testing/dom-setup.js";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installMemoryDesk } from "../testing/install-memory-desk.js";
import { App } from "./app.js";
import { useNavStore } from "./nav-store.js";

/** The shell's top bar: the banner that holds the sandbox's status (screens have headers of their own). */
const topbar = () => {
  const bar = screen.getAllByRole("banner").find((b) =>
    within(b)
      .queryAllByRole("status")
      .some((s) => /本地沙箱|Local sandbox/.test(s.textContent ?? "")),
  );
  if (!bar) throw new Error("no top bar with the sandbox's status");
  return bar;
};

describe("the local sandbox in the top bar", () => {
  it("asks before stopping, in plain words; cancel keeps it running, confirm stops it", async () => {
    const desk = await installMemoryDesk();
    render(<App />);
    await screen.findByRole("navigation", { name: "主导航" });
    fireEvent.click(within(topbar()).getByRole("button", { name: "停止沙箱" }));
    const ask = within(screen.getByRole("dialog", { name: "停止本地沙箱？" }));
    expect(ask.getByText(/模拟的微信和本地回调服务器会一起停下/)).toBeTruthy();
    expect(ask.getByText(/什么都不会丢/)).toBeTruthy();
    fireEvent.click(ask.getByRole("button", { name: "取消" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(desk.calls).not.toContain("sandbox.stop");

    fireEvent.click(within(topbar()).getByRole("button", { name: "停止沙箱" }));
    await act(async () => {
      fireEvent.click(
        within(screen.getByRole("dialog", { name: "停止本地沙箱？" })).getByRole("button", {
          name: "停止沙箱",
        }),
      );
    });
    expect(desk.state.sandbox.running).toBe(false);
    expect(within(topbar()).getByText("本地沙箱已停止")).toBeTruthy();
    // Starting again asks nothing.
    await act(async () => {
      fireEvent.click(within(topbar()).getByRole("button", { name: "启动沙箱" }));
    });
    expect(desk.state.sandbox.running).toBe(true);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("English: the same question in English", async () => {
    await installMemoryDesk({ lang: "en" });
    render(<App />);
    await screen.findByRole("navigation", { name: "Main navigation" });
    fireEvent.click(within(topbar()).getByRole("button", { name: "Stop sandbox" }));
    const ask = within(screen.getByRole("dialog", { name: "Stop the local sandbox?" }));
    expect(ask.getByText(/Nothing is lost/)).toBeTruthy();
    expect(ask.getByRole("button", { name: "Cancel" })).toBeTruthy();
  });

  it("warns when published links point at an old address, and leads to 设置", async () => {
    await installMemoryDesk({
      sandbox: {
        running: true,
        sandboxUrl: "http://127.0.0.1:7100",
        serverUrl: "http://127.0.0.1:9001",
        moved: { serverFrom: "http://127.0.0.1:7200" },
        staleLinks: [{ name: "我的主页", url: "http://127.0.0.1:7200/oauth/start?link=a" }],
      },
    });
    render(<App />);
    await screen.findByRole("navigation", { name: "主导航" });
    await act(async () => {
      fireEvent.click(within(topbar()).getByRole("button", { name: "1 个链接要重新发布" }));
    });
    expect(useNavStore.getState().screen).toBe("settings");
    expect(await screen.findByText("本地沙箱这次换了地址")).toBeTruthy();
  });

  it("says nothing extra when the sandbox has its usual address", async () => {
    await installMemoryDesk();
    render(<App />);
    await screen.findByRole("navigation", { name: "主导航" });
    expect(
      within(topbar())
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).not.toContain("沙箱换了地址");
    expect(within(topbar()).queryByText(/要重新发布/)).toBeNull();
  });
});
