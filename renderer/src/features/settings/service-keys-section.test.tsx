// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ServiceKeyView } from "@wxdesk/electron/desk-api";
import { afterEach, describe, expect, it } from "vitest";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { useToastStore } from "../../ui/toast-store.js";
import { ServiceKeysSection } from "./service-keys-section.js";
import { useServiceKeysStore } from "./service-keys-store.js";

const FROM_SETTINGS: ServiceKeyView = {
  id: "env-0123456789ab",
  name: "WXDESK_SERVICE_KEYS #1",
  source: "settings",
};
const SHOP: ServiceKeyView = {
  id: "sk-1",
  name: "商城",
  source: "admin",
  createdAt: Date.UTC(2026, 0, 5, 2, 0),
  lastUsedAt: Date.UTC(2026, 0, 6, 3, 0),
};

async function show() {
  render(<ServiceKeysSection />);
  await act(async () => {});
}

function table(): HTMLElement {
  return screen.getByRole("table", { name: "服务密钥" });
}

afterEach(() => {
  cleanup();
  useServiceKeysStore.getState().reset();
  useToastStore.getState().reset();
});

describe("设置 → 服务密钥", () => {
  it("lists the keys without the keys themselves; a key from the server's settings cannot be revoked here, and says why", async () => {
    await installMemoryDesk({ serviceKeys: [FROM_SETTINGS, SHOP] });
    await show();
    const rows = within(table()).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getByText("服务器设置")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText("还没用过")).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText("在这里创建")).toBeTruthy();
    const locked = screen.getByRole("button", {
      name: "撤销「WXDESK_SERVICE_KEYS #1」的服务密钥",
    }) as HTMLButtonElement;
    expect(locked.disabled).toBe(true);
    expect(locked.title).toContain("WXDESK_SERVICE_KEYS");
    const shop = screen.getByRole("button", { name: "撤销「商城」的服务密钥" }) as HTMLButtonElement;
    expect(shop.disabled).toBe(false);
  });

  it("creates a key: a name first, then the key once with a copy button and a plain warning; closing forgets it", async () => {
    const desk = await installMemoryDesk();
    await show();
    expect(screen.getByText("还没有服务密钥")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "新建服务密钥" }));
    let dialog = screen.getByRole("dialog", { name: "新建服务密钥" });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "新建" }));
    });
    expect(within(dialog).getByText("请填写系统名称")).toBeTruthy();
    expect(desk.calls).not.toContain("serviceKeys.create");

    fireEvent.change(within(dialog).getByLabelText("系统名称"), { target: { value: "  客服系统 " } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "新建" }));
    });
    dialog = screen.getByRole("dialog", { name: "「客服系统」的服务密钥" });
    expect(within(dialog).getByText(/只显示这一次/)).toBeTruthy();
    const field = within(dialog).getByLabelText("服务密钥") as HTMLInputElement;
    const key = field.value;
    expect(key).toMatch(/^wxsk_/);

    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "复制密钥" }));
    });
    expect(await navigator.clipboard.readText()).toBe(key);

    fireEvent.click(within(dialog).getByRole("button", { name: "我已复制，关闭" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.body.innerHTML).not.toContain(key);
    expect(JSON.stringify(useServiceKeysStore.getState())).not.toContain(key);
    expect(within(table()).getByText("客服系统")).toBeTruthy();
  });

  it("a name the server already has: its words in the dialog, which stays open", async () => {
    await installMemoryDesk({ serviceKeys: [SHOP] });
    await show();
    fireEvent.click(screen.getByRole("button", { name: "新建服务密钥" }));
    const dialog = screen.getByRole("dialog", { name: "新建服务密钥" });
    fireEvent.change(within(dialog).getByLabelText("系统名称"), { target: { value: "商城" } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "新建" }));
    });
    expect(within(dialog).getByText(/已有同名的服务密钥/)).toBeTruthy();
  });

  it("revokes only after a confirmation that says what happens to that system", async () => {
    const desk = await installMemoryDesk({ serviceKeys: [FROM_SETTINGS, SHOP] });
    await show();
    fireEvent.click(screen.getByRole("button", { name: "撤销「商城」的服务密钥" }));
    const confirm = screen.getByRole("dialog", { name: "撤销「商城」的服务密钥？" });
    expect(within(confirm).getByText(/马上就拿不到微信令牌/)).toBeTruthy();
    expect(desk.calls).not.toContain("serviceKeys.revoke");
    await act(async () => {
      fireEvent.click(within(confirm).getByRole("button", { name: "撤销密钥" }));
    });
    expect(desk.calls).toContain("serviceKeys.revoke");
    expect(within(table()).queryByText("商城")).toBeNull();
    expect(desk.state.serviceKeys.map((k) => k.name)).toEqual(["WXDESK_SERVICE_KEYS #1"]);
  });

  it("a support profile: the reason is said, creating is disabled with it, and nothing is asked of the server", async () => {
    const desk = await installMemoryDesk({ role: "support", serviceKeys: [SHOP] });
    await show();
    expect(screen.getByText(/当前连接用的是客服密钥/)).toBeTruthy();
    const create = screen.getByRole("button", { name: "新建服务密钥" }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    expect(create.title).toBe("只有管理员密钥可以管理服务密钥");
    expect(screen.queryByRole("table")).toBeNull();
    expect(desk.calls).not.toContain("serviceKeys.list");
  });

  it("a list that did not load: the reason and a retry", async () => {
    const desk = await installMemoryDesk({ serviceKeys: [SHOP] });
    desk.failNext("serviceKeys.list", {
      code: "network",
      message: "Server unreachable",
      messageZh: "连不上服务器",
    });
    await show();
    expect(screen.getByText("服务密钥没有加载出来")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "重试" }));
    });
    expect(within(table()).getByText("商城")).toBeTruthy();
  });
});
