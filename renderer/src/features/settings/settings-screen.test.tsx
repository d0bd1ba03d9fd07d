// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { selectRole, useAppStore } from "../../app/app-store.js";
import { useNavStore } from "../../app/nav-store.js";
import { ProfileStatus } from "../../app/profile-status.js";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { useToastStore } from "../../ui/toast-store.js";
import { Toaster } from "../../ui/toaster.js";
import { SettingsScreen } from "./settings-screen.js";
import { useSettingsStore } from "./settings-store.js";

const KEY = "wxdesk-admin-key-0123456789abcdef";
const DOWN = {
  available: false,
  reasonZh: "系统钥匙串服务没有运行（需要 GNOME 钥匙串、KWallet 等 Secret Service）。",
  reason: "No system keychain is running.",
  technical: "Cannot autolaunch D-Bus without X11 $DISPLAY",
};

/** Renders the screen and lets its first look at the keychain finish. */
async function show() {
  render(<SettingsScreen />);
  await act(async () => {});
}

afterEach(() => {
  cleanup();
  useSettingsStore.getState().reset();
  useToastStore.getState().reset();
  useNavStore.getState().reset();
});

describe("settings screen", () => {
  it("lists the built-in sandbox first, with no way to remove it", async () => {
    await installMemoryDesk();
    await show();
    const list = screen.getAllByRole("list")[0] as HTMLElement;
    const first = within(list).getAllByRole("listitem")[0] as HTMLElement;
    expect(within(first).getByRole("heading", { name: "本地沙箱" })).toBeTruthy();
    expect(within(first).getByText("内置，不能修改或删除")).toBeTruthy();
    expect(within(first).queryByRole("button", { name: /删除/ })).toBeNull();
  });

  it("tries the local sandbox as support staff without a key, and goes back to admin from the top bar", async () => {
    const desk = await installMemoryDesk();
    render(
      <>
        <ProfileStatus />
        <Toaster />
      </>,
    );
    await show();
    const card = screen
      .getAllByRole("heading", { name: "本地沙箱" })
      .map((h) => h.closest("li"))
      .find((li) => li !== null) as HTMLElement;
    expect(within(card).getByText(/只能查看用户和令牌状态，不能发布菜单/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(card).getByRole("button", { name: "以客服身份试用" }));
    });
    expect(desk.calls).toContain("profiles.edit");
    expect(within(card).getByText("客服")).toBeTruthy();
    expect(within(card).getByText(/现在以客服身份使用本地沙箱：/)).toBeTruthy();
    expect(selectRole(useAppStore.getState())).toBe("support");
    expect(screen.getByText("现在以客服身份使用本地沙箱")).toBeTruthy();
    // No key field anywhere: the desk holds the local server's keys.
    expect(screen.queryByLabelText("密钥")).toBeNull();

    const top = screen.getAllByRole("button", { name: "回到管理员身份" });
    expect(top).toHaveLength(2);
    await act(async () => {
      fireEvent.click(top[0] as HTMLElement);
    });
    expect(selectRole(useAppStore.getState())).toBe("admin");
    expect(within(card).getByRole("button", { name: "以客服身份试用" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "回到管理员身份" })).toBeNull();
  });

  it("adds a connection: the key is typed once, then only 「已保存在系统钥匙串」 is said", async () => {
    const desk = await installMemoryDesk();
    await show();
    fireEvent.click(screen.getByRole("button", { name: "添加连接" }));
    const dialog = screen.getByRole("dialog", { name: "添加公众号连接" });
    fireEvent.change(within(dialog).getByLabelText("名称"), { target: { value: "官方旗舰店" } });
    fireEvent.change(within(dialog).getByLabelText("回调服务器地址"), {
      target: { value: "wx.example.com" },
    });
    const key = within(dialog).getByLabelText("密钥") as HTMLInputElement;
    expect(key.type).toBe("password");
    fireEvent.change(key, { target: { value: "too-short" } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "添加" }));
    });
    expect(within(dialog).getByText("地址要以 https:// 或 http:// 开头")).toBeTruthy();
    expect(within(dialog).getByText("密钥至少 24 个字符，可能没有复制完整")).toBeTruthy();
    expect(key.getAttribute("aria-invalid")).toBe("true");
    expect(desk.calls).not.toContain("profiles.add");

    fireEvent.change(within(dialog).getByLabelText("回调服务器地址"), {
      target: { value: "https://wx.example.com" },
    });
    fireEvent.change(key, { target: { value: KEY } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "添加" }));
    });
    expect(screen.queryByRole("dialog")).toBeNull();
    const card = screen.getByRole("heading", { name: "官方旗舰店" }).closest("li") as HTMLElement;
    expect(within(card).getByText("密钥已保存在系统钥匙串")).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(KEY);

    fireEvent.click(within(card).getByRole("button", { name: "修改「官方旗舰店」" }));
    const edit = screen.getByRole("dialog", { name: "修改「官方旗舰店」" });
    expect(within(edit).getByText("已保存在系统钥匙串")).toBeTruthy();
    expect(within(edit).queryByLabelText("密钥")).toBeNull();
    expect(edit.innerHTML).not.toContain(KEY);
  });

  it("says what 「测试连接」 found, in words", async () => {
    await installMemoryDesk({ role: "support" });
    await show();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "测试连接" }));
    });
    const result = screen.getByText("连接正常").closest('[role="status"]') as HTMLElement;
    expect(result.textContent).toContain("连接正常");
    expect(result.textContent).toContain("响应用了 12 毫秒");
    expect(result.textContent).toContain("服务器确认这是客服密钥");
    expect(result.textContent).toContain("公众号 appid：wx00000000000000a1");
  });

  it("「重新获取微信令牌」 asks first in plain words, then says what the server did", async () => {
    const desk = await installMemoryDesk();
    render(<Toaster />);
    await show();
    fireEvent.click(screen.getByRole("button", { name: "让「本地沙箱」的服务器重新获取微信令牌" }));
    const dialog = screen.getByRole("dialog", { name: "让「本地沙箱」重新获取微信令牌？" });
    expect(dialog.textContent).toContain("下次用到时再向微信重新获取");
    expect(dialog.textContent).toContain("已授权的用户不受影响");
    expect(desk.calls).not.toContain("profiles.clearTokenCache");
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "重新获取" }));
    });
    expect(desk.calls).toContain("profiles.clearTokenCache");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(
      screen.getByText("已清除「本地沙箱」保存的微信令牌（公众号 wx00000000000000a1），下次用到时会重新获取"),
    ).toBeTruthy();

    // A second time there is nothing left to drop, and it says so.
    fireEvent.click(screen.getByRole("button", { name: "让「本地沙箱」的服务器重新获取微信令牌" }));
    await act(async () => {
      fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "重新获取" }));
    });
    expect(screen.getByText(/本来就没有保存微信令牌/)).toBeTruthy();
  });

  it("a support key cannot ask the server to get new WeChat tokens, and the button says why", async () => {
    const desk = await installMemoryDesk({ role: "support" });
    await show();
    const button = screen.getByRole("button", { name: "让「本地沙箱」的服务器重新获取微信令牌" });
    fireEvent.click(button);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(desk.calls).not.toContain("profiles.clearTokenCache");
    expect(document.body.textContent).toContain("只有管理员密钥可以做这件事");
  });

  it("explains a failed connection test", async () => {
    const desk = await installMemoryDesk();
    desk.state.connectionOk = false;
    await show();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "测试连接" }));
    });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("连接不上");
    expect(alert.textContent).toContain("服务器没有响应");
  });

  it("without a keychain: says why, and keeps keys in a file only after the warning is accepted", async () => {
    const desk = await installMemoryDesk({ keychain: DOWN });
    await show();
    expect(await screen.findByText(`原因：${DOWN.reasonZh}`)).toBeTruthy();
    expect(screen.getByText("系统钥匙串现在用不了")).toBeTruthy();
    // The system's own English text waits behind 详情, not in the sentence.
    const technical = screen.getByText(DOWN.technical);
    expect(technical.closest("details")?.querySelector("summary")?.textContent).toBe("详情");
    expect(screen.getByText(`原因：${DOWN.reasonZh}`).textContent).not.toContain("X11");
    const add = screen.getByRole("button", { name: /添加连接/ }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    expect(add.getAttribute("title")).toBe(
      "密钥现在没地方保存：先修好系统钥匙串，或者在下面选择保存在文件里",
    );

    fireEvent.click(screen.getByRole("button", { name: "改为保存在本机文件里…" }));
    const dialog = screen.getByRole("dialog", { name: "把密钥保存在普通文件里？" });
    expect(dialog.textContent).toContain("任何能登录这个账号的人");
    // Backing out changes nothing.
    fireEvent.click(within(dialog).getByRole("button", { name: "取消" }));
    expect(desk.state.settings.allowPlaintextKeys).toBe(false);
    expect(desk.calls).not.toContain("app.saveSettings");

    fireEvent.click(screen.getByRole("button", { name: "改为保存在本机文件里…" }));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "我明白，保存在文件里" }));
    });
    expect(desk.state.settings.allowPlaintextKeys).toBe(true);
    expect(useAppStore.getState().settings.allowPlaintextKeys).toBe(true);
    expect(screen.getByText("密钥保存在本机的普通文件里（未加密）")).toBeTruthy();
    expect((screen.getByRole("button", { name: "添加连接" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("changes the theme and shows the sandbox's state", async () => {
    const desk = await installMemoryDesk();
    await show();
    await act(async () => {
      fireEvent.click(screen.getByRole("radio", { name: /深色/ }));
    });
    expect(desk.state.settings.theme).toBe("dark");
    expect(screen.getByText("正在运行")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "停止沙箱" }));
    // Asked first, in plain words: what stops, and that nothing is lost.
    const ask = within(screen.getByRole("dialog", { name: "停止本地沙箱？" }));
    expect(ask.getByText(/什么都不会丢/)).toBeTruthy();
    expect(desk.state.sandbox.running).toBe(true);
    await act(async () => {
      fireEvent.click(ask.getByRole("button", { name: "停止沙箱" }));
    });
    expect(desk.state.sandbox.running).toBe(false);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByText("没有运行")).toBeTruthy();
    // Starting asks nothing, and comes back at the same address.
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "启动沙箱" }));
    });
    expect(desk.state.sandbox).toMatchObject({ running: true, serverUrl: "http://127.0.0.1:7200" });
  });

  it("says the sandbox moved and names the published buttons to publish again, with a way there", async () => {
    await installMemoryDesk({
      sandbox: {
        running: true,
        sandboxUrl: "http://127.0.0.1:7100",
        serverUrl: "http://127.0.0.1:9001",
        moved: { serverFrom: "http://127.0.0.1:7200" },
        staleLinks: [
          { name: "我的主页", url: "http://127.0.0.1:7200/oauth/start?link=a" },
          {
            name: "会员主页",
            url: "http://127.0.0.1:7200/oauth/start?link=b",
            conditionalMenuid: "208396939",
          },
        ],
      },
    });
    await show();
    const notice = (await screen.findByText("本地沙箱这次换了地址")).closest("[role=status]") as HTMLElement;
    expect(notice.textContent).toContain("从 http://127.0.0.1:7200 换到了 http://127.0.0.1:9001");
    expect(notice.textContent).toContain("有 2 个已发布的菜单按钮还指向旧地址");
    expect(within(notice).getByText(/「我的主页」/)).toBeTruthy();
    expect(within(notice).getByText(/「会员主页」（个性化菜单）/)).toBeTruthy();
    fireEvent.click(within(notice).getByRole("button", { name: "去改个性化菜单" }));
    expect(useNavStore.getState().screen).toBe("conditional");
  });

  it("English: the same notice in English; a move with nothing to republish says so", async () => {
    await installMemoryDesk({
      lang: "en",
      sandbox: {
        running: true,
        sandboxUrl: "http://127.0.0.1:9000",
        serverUrl: "http://127.0.0.1:7200",
        moved: { sandboxFrom: "http://127.0.0.1:7100" },
        staleLinks: [],
      },
    });
    await show();
    const notice = (await screen.findByText("The local sandbox moved to a new address this time")).closest(
      "[role=status]",
    ) as HTMLElement;
    expect(notice.textContent).toContain("moved from http://127.0.0.1:7100 to http://127.0.0.1:9000");
    expect(notice.textContent).toContain("No published menu link points at the old address");
    expect(within(notice).queryByRole("button")).toBeNull();
  });
});
