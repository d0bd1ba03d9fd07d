// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { buildAuthorizeUrl } from "@wxdesk/wechat/authorize";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useAppStore } from "../../app/app-store.js";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { LinksScreen } from "./links-screen.js";
import { PHONE_WINDOW, useLinksStore } from "./links-store.js";

afterEach(() => {
  act(() => useLinksStore.getState().reset());
  vi.restoreAllMocks();
});

/** Renders and lets the first loads (sandbox users, QR codes) settle inside act. */
async function renderScreen() {
  await act(async () => {
    render(<LinksScreen />);
  });
}

async function buildLink(scope: "静默授权" | "需用户确认", next: string) {
  fireEvent.click(screen.getByRole("radio", { name: new RegExp(scope) }));
  fireEvent.change(screen.getByRole("textbox", { name: "目标页面" }), { target: { value: next } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "生成链接" }));
  });
}

describe("LinksScreen", () => {
  it("builds a link: both links, one QR code (the recommended link's), and the server's warning in words", async () => {
    const desk = await installMemoryDesk();
    await renderScreen();
    await buildLink("需用户确认", "/shop");

    const start = await screen.findByRole("region", { name: "菜单里用的链接" });
    const direct = screen.getByRole("region", { name: "微信授权链接（直接版）" });
    expect(within(start).getByRole("status", { name: "菜单里用的链接" }).textContent).toContain(
      "/oauth/start?link=",
    );
    expect(within(direct).getByRole("status", { name: "微信授权链接（直接版）" }).textContent).toMatch(
      /^https:\/\/open\.weixin\.qq\.com\/connect\/oauth2\/authorize\?.*scope=snsapi_userinfo.*#wechat_redirect$/,
    );
    const startQr = await within(start).findByRole("img", { name: "「菜单里用的链接」的二维码" });
    expect(startQr.getAttribute("src")).toMatch(/^data:image\//);
    // One code to choose: the other link has none, and says why in words.
    expect(within(direct).queryByRole("img")).toBeNull();
    expect(within(direct).queryByRole("button", { name: "下载 PNG" })).toBeNull();
    expect(direct.textContent).toContain("这条链接不做二维码");
    expect(desk.calls.filter((c) => c === "links.qr")).toHaveLength(1);
    // The local sandbox's code cannot be opened by a phone: the words say what to do instead.
    expect(start.textContent).not.toContain("用微信扫一扫");
    expect(start.textContent).toContain("手机扫了也打不开");
    expect(start.textContent).toContain("在沙箱里试试");

    const warning = screen.getByText(/快照页/);
    expect(warning.closest(".banner")?.className).toContain("banner--warning");
  });

  it("a server on the internet: its QR code is for scanning with WeChat", async () => {
    const desk = await installMemoryDesk();
    const real = await desk.profiles.add({
      name: "正式号",
      serverUrl: "https://wx.example.com",
      role: "admin",
      key: "k".repeat(32),
    });
    await act(async () => {
      await useAppStore.getState().reloadProfiles();
      await useAppStore.getState().switchProfile(real.id);
    });
    await renderScreen();
    await buildLink("静默授权", "/");
    const start = await screen.findByRole("region", { name: "菜单里用的链接" });
    expect(start.textContent).toContain("用微信扫一扫");
    expect(start.textContent).not.toContain("在沙箱里试试");
  });

  it("says the start link of the connected server is fine, after asking the server", async () => {
    const desk = await installMemoryDesk();
    await renderScreen();
    await buildLink("静默授权", "/shop");
    const start = await screen.findByRole("region", { name: "菜单里用的链接" });
    const url = within(start).getByRole("status", { name: "菜单里用的链接" }).textContent ?? "";
    fireEvent.change(screen.getByRole("textbox", { name: "授权链接" }), { target: { value: url } });
    // Nothing is called fine before the server answered.
    expect(screen.getByText("正在请回调服务器核对这条链接…")).toBeTruthy();
    expect(screen.queryByText("没有发现问题")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    await act(async () => {
      await useLinksStore.getState().verifyPasted();
    });
    expect(desk.calls).toContain("links.check");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("没有发现问题")).toBeTruthy();
    expect(screen.getByText(/可以放进菜单/)).toBeTruthy();
    // What the server read from the signed part.
    expect(screen.getByText("/shop")).toBeTruthy();

    // Cut short while copying: the server says the signature does not match.
    fireEvent.change(screen.getByRole("textbox", { name: "授权链接" }), {
      target: { value: url.slice(0, -4) },
    });
    await act(async () => {
      await useLinksStore.getState().verifyPasted();
    });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("1 个问题会让链接打不开");
    expect(alert.textContent).toContain("签名对不上");
  });

  it("says when the server could not be asked, and still checks how the link is written", async () => {
    const desk = await installMemoryDesk();
    desk.failNext("links.check", {
      code: "network",
      message: "The server did not answer",
      messageZh: "服务器没有响应",
    });
    await renderScreen();
    fireEvent.change(screen.getByRole("textbox", { name: "授权链接" }), {
      target: { value: "http://127.0.0.1:7200/oauth/start?link=abc.memorysig" },
    });
    await act(async () => {
      await useLinksStore.getState().verifyPasted();
    });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText(/没能请回调服务器核对这条链接（服务器没有响应）/)).toBeTruthy();
    expect(screen.queryByText("没有发现问题")).toBeNull();
  });

  it("copies the start link to the clipboard", async () => {
    await installMemoryDesk();
    await renderScreen();
    await buildLink("静默授权", "/");
    const start = await screen.findByRole("region", { name: "菜单里用的链接" });
    const url = within(start).getByRole("status", { name: "菜单里用的链接" }).textContent ?? "";
    await act(async () => {
      fireEvent.click(within(start).getByRole("button", { name: "复制链接" }));
    });
    expect(await navigator.clipboard.readText()).toBe(url);
    expect(url).toContain("/oauth/start?link=");
  });

  it("checks a pasted link locally against the server's host and says what to fix", async () => {
    const desk = await installMemoryDesk();
    await renderScreen();
    const domain = screen.getByRole("textbox", { name: "网页授权域名" }) as HTMLInputElement;
    expect(domain.value).toBe("127.0.0.1");
    fireEvent.change(domain, { target: { value: "auth.example.com" } });
    const callback = "https://auth.example.com/cb";
    const twice = buildAuthorizeUrl({
      appid: "wx0123456789abcdef",
      redirectUri: callback,
      scope: "snsapi_base",
    })
      .replace(encodeURIComponent(callback), encodeURIComponent(encodeURIComponent(callback)))
      .replace("#wechat_redirect", "");
    fireEvent.change(screen.getByRole("textbox", { name: "授权链接" }), { target: { value: twice } });

    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("2 个问题会让链接打不开");
    expect(alert.textContent).toContain("编码了两次");
    expect(alert.textContent).toContain("#wechat_redirect");
    expect(screen.getByText(callback)).toBeTruthy();
    // A WeChat link to another site is checked on this computer: nothing was asked of the server.
    expect(desk.calls.some((c) => c.startsWith("links."))).toBe(false);

    fireEvent.change(screen.getByRole("textbox", { name: "授权链接" }), {
      target: {
        value: buildAuthorizeUrl({
          appid: "wx0123456789abcdef",
          redirectUri: callback,
          scope: "snsapi_base",
        }),
      },
    });
    expect(screen.getByText("没有发现问题")).toBeTruthy();
  });

  it("opens the consent page in a phone-sized window as the chosen sandbox user", async () => {
    const desk = await installMemoryDesk({
      sandboxUsers: [
        { openid: "o_alice", nickname: "Alice", headimgurl: "", snapshot: false },
        { openid: "o_bob", nickname: "Bob", headimgurl: "", snapshot: true },
      ],
    });
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    await renderScreen();
    const tryButton = await screen.findByRole("button", { name: /用手机窗口打开/ });
    expect(tryButton.hasAttribute("disabled")).toBe(true);
    await buildLink("静默授权", "/shop");
    const user = (await screen.findByRole("combobox", { name: "测试用户" })) as HTMLSelectElement;
    expect([...user.options].map((o) => o.textContent)).toEqual(["Alice", "Bob（快照页用户）"]);
    fireEvent.change(user, { target: { value: "o_bob" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "用手机窗口打开" }));
    });
    expect(desk.calls).toContain("sandbox.consentUrl");
    expect(open).toHaveBeenCalledTimes(1);
    const [url, name, features] = open.mock.calls[0] ?? [];
    expect(String(url)).toContain("openid=o_bob");
    expect([name, features]).toEqual([PHONE_WINDOW.name, "width=390,height=760"]);
  });

  it("keeps the builder away from support keys but still checks pasted links", async () => {
    await installMemoryDesk({ role: "support" });
    await renderScreen();
    expect(screen.queryByRole("button", { name: "生成链接" })).toBeNull();
    expect(screen.getByText(/客服账号不能生成授权链接/)).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "授权链接" }), { target: { value: "hello" } });
    expect(screen.getByRole("alert").textContent).toContain("不是一个完整的网址");
  });
});
