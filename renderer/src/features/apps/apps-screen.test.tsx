// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ConnectedApp } from "@wxdesk/electron/desk-api";
import { afterEach, describe, expect, it } from "vitest";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { MEMORY_DISCOVERY_URL } from "../../testing/memory-apps-api.js";
import { useToastStore } from "../../ui/toast-store.js";
import { AppsScreen } from "./apps-screen.js";
import { useAppsStore } from "./apps-store.js";

const FROM_SETTINGS: ConnectedApp = {
  clientId: "shop",
  name: "商城",
  redirectUris: ["https://shop.example.com/a/very/long/path/that/keeps/going/callback?from=wechat"],
  source: "settings",
  public: false,
  lastSignInAt: Date.UTC(2026, 0, 6, 3, 0),
};
const MEMBERS: ConnectedApp = {
  clientId: "app_members0000001",
  name: "会员中心",
  redirectUris: ["https://members.example.com/callback"],
  source: "admin",
  public: false,
  createdAt: Date.UTC(2026, 0, 5, 2, 0),
};

async function show() {
  render(<AppsScreen />);
  await act(async () => {});
}

const table = () => screen.getByRole("table", { name: "接入应用" });

afterEach(() => {
  cleanup();
  useAppsStore.getState().reset();
  useToastStore.getState().reset();
});

describe("接入应用", () => {
  it("lists the apps with their last sign-in; one from the server's settings cannot be changed here, and says why", async () => {
    await installMemoryDesk({ apps: [FROM_SETTINGS, MEMBERS] });
    await show();
    const rows = within(table()).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getByText("服务器设置")).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText("还没有人登录过")).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText("app_members0000001")).toBeTruthy();
    const locked = screen.getByRole("button", { name: "删除「商城」" }) as HTMLButtonElement;
    expect(locked.disabled).toBe(true);
    expect(locked.title).toContain("WXDESK_OIDC_CLIENTS");
    expect((screen.getByRole("button", { name: "删除「会员中心」" }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    expect(screen.getByText(MEMORY_DISCOVERY_URL)).toBeTruthy();
    // Plain words: none of the protocol's names as a label (the settings address is a value, not a word).
    const words = (document.body.textContent ?? "").replaceAll(MEMORY_DISCOVERY_URL, "");
    expect(words.match(/.{0,30}(client_id|redirect_uri|\bOIDC\b|openid).{0,30}/i)?.[0]).toBeUndefined();
  });

  it("adds an app: the address checked first, then the app ID, the secret once, the code; closing forgets the secret", async () => {
    const desk = await installMemoryDesk();
    await show();
    expect(screen.getByText("还没有接入的应用")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "添加应用" }));
    const form = screen.getByRole("dialog", { name: "添加应用" });
    fireEvent.change(within(form).getByLabelText("应用名称"), { target: { value: " 商城 " } });
    fireEvent.change(within(form).getByLabelText("登录后回到的地址"), {
      target: { value: "http://shop.example.com/callback" },
    });
    await act(async () => {
      fireEvent.click(within(form).getByRole("button", { name: "添加" }));
    });
    expect(within(form).getByText(/应以 https:\/\/ 开头/)).toBeTruthy();
    expect(desk.calls).not.toContain("apps.create");

    fireEvent.change(within(form).getByLabelText("登录后回到的地址"), {
      target: { value: "https://shop.example.com/callback" },
    });
    await act(async () => {
      fireEvent.click(within(form).getByRole("button", { name: "添加" }));
    });
    const dialog = screen.getByRole("dialog", { name: "「商城」已接入" });
    expect(within(dialog).getByText(/只显示这一次/)).toBeTruthy();
    const secret = desk.state.apps[0] ? (useAppsStore.getState().issued?.issued.clientSecret ?? "") : "";
    expect(secret).toMatch(/^memory-secret-/);
    expect(within(dialog).getByText(secret)).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "复制应用密钥" }));
    });
    expect(await navigator.clipboard.readText()).toBe(secret);
    // The toast says what was copied, never the secret itself.
    expect(JSON.stringify(useToastStore.getState())).not.toContain(secret);

    // The code: the secret from the environment, never inline; each language copies its own.
    const code = () => dialog.querySelector("pre[data-language] code")?.textContent ?? "";
    expect(code()).toContain("openid-client");
    expect(code()).toContain("process.env.WXDESK_CLIENT_SECRET");
    expect(code()).toContain("https://shop.example.com/callback");
    for (const [language, marker] of [
      ["Java (Spring)", "issuer-uri"],
      ["PHP", "GenericProvider"],
      ["Python (Flask)", "server_metadata_url"],
    ] as const) {
      fireEvent.click(within(dialog).getByRole("button", { name: language }));
      expect(code()).toContain(marker);
      expect(code()).toContain("WXDESK_CLIENT_SECRET");
      expect(code()).not.toContain(secret);
      await act(async () => {
        fireEvent.click(within(dialog).getByRole("button", { name: `复制代码 (${language})` }));
      });
      expect(await navigator.clipboard.readText()).toBe(code());
    }

    fireEvent.click(within(dialog).getByRole("button", { name: "我已复制，关闭" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.body.innerHTML).not.toContain(secret);
    expect(JSON.stringify(useAppsStore.getState())).not.toContain(secret);
    expect(within(table()).getByText("商城")).toBeTruthy();
  });

  it("a new secret and a removal each wait for a confirmation that says what happens", async () => {
    const desk = await installMemoryDesk({ apps: [FROM_SETTINGS, MEMBERS] });
    await show();
    fireEvent.click(screen.getByRole("button", { name: "给「会员中心」换密钥" }));
    let confirm = screen.getByRole("dialog", { name: "给「会员中心」换一个新密钥？" });
    expect(within(confirm).getByText(/旧密钥马上失效/)).toBeTruthy();
    expect(desk.calls).not.toContain("apps.rotateSecret");
    await act(async () => {
      fireEvent.click(within(confirm).getByRole("button", { name: "换新密钥" }));
    });
    expect(desk.calls).toContain("apps.rotateSecret");
    const issued = screen.getByRole("dialog", { name: "「会员中心」的新密钥" });
    fireEvent.click(within(issued).getByRole("button", { name: "我已复制，关闭" }));

    fireEvent.click(screen.getByRole("button", { name: "删除「会员中心」" }));
    confirm = screen.getByRole("dialog", { name: "删除「会员中心」？" });
    expect(desk.calls).not.toContain("apps.remove");
    await act(async () => {
      fireEvent.click(within(confirm).getByRole("button", { name: "删除应用" }));
    });
    expect(within(table()).queryByText("会员中心")).toBeNull();
    expect(desk.state.apps.map((a) => a.name)).toEqual(["商城"]);
  });

  it("a support profile sees the list, and why it cannot change it", async () => {
    await installMemoryDesk({ role: "support", apps: [MEMBERS] });
    await show();
    expect(screen.getByText(/当前连接用的是客服密钥/)).toBeTruthy();
    const add = screen.getByRole("button", { name: "添加应用" }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    expect(add.title).toBe("只有管理员密钥可以添加、修改或删除应用");
    expect(within(table()).getByText("会员中心")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "删除「会员中心」" })).toBeNull();
  });
});
