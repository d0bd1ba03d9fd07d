// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useAppStore } from "../../app/app-store.js";
import { click, menuOf, parent, view } from "../../testing/menu-fixtures.js";
import { useMenuStore } from "./menu-store.js";
import { openMenuEditor, resetMenuStores } from "./testing/open-menu-editor.js";

afterEach(resetMenuStores);

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const publishButton = () => screen.getByRole("button", { name: "发布" }) as HTMLButtonElement;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
const key = (init: KeyboardEventInit) => fireEvent.keyDown(document.body, init);
/** A row's select button in the tree (the phone preview has buttons with the same names). */
const tree = () => within(screen.getByRole("region", { name: "菜单结构" }));
const row = (name: string) => tree().getByRole("button", { name });
/** What a control's aria-describedby reads out (errors, hints, reasons). */
const describedAs = (element: HTMLElement) =>
  (element.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent)
    .join(" ");

describe("menu editor", () => {
  it("starts an empty menu without a red alarm: the publish button says to add a top button first", async () => {
    await openMenuEditor({ draft: null });
    expect(tree().getByText("还没有菜单")).toBeTruthy();
    expect(screen.queryByText(/处需要修改/)).toBeNull();
    expect(publishButton().disabled).toBe(true);
    expect(describedAs(publishButton())).toContain("先添加一个一级菜单，才能发布");

    // The first button brings the checks back: a view button without an address is a real problem.
    fireEvent.click(screen.getByRole("button", { name: "添加一级菜单" }));
    expect(screen.getByRole("region", { name: "还有 1 处需要修改" })).toBeTruthy();
    expect(screen.queryAllByText("先添加一个一级菜单，才能发布")).toEqual([]);
  });

  it("marks a too-long name at the field with its byte counter, and allows publishing once fixed", async () => {
    await openMenuEditor({ draft: menuOf(view("首页")) });
    expect(publishButton().disabled).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "添加一级菜单" }));
    expect(input("名称").value).toBe("新菜单");
    type("网页地址", "https://shop.example.com/member");
    type("名称", "会员中心积分商城");

    const name = input("名称");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("24/16 字节")).toBeTruthy();
    const message = "菜单名称最多 16 个字节（约 5 个汉字），现在 24 个字节";
    const describedBy = name.getAttribute("aria-describedby") ?? "";
    expect(
      describedBy
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent)
        .join(" "),
    ).toContain(message);
    expect(screen.getByText("还有 1 处需要修改")).toBeTruthy();
    expect(publishButton().disabled).toBe(true);
    expect(publishButton().title).toBe("还有 1 处需要修改，改好才能发布");

    type("名称", "会员中心");
    expect(screen.getByText("12/16 字节")).toBeTruthy();
    expect(input("名称").getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByText("检查通过，可以发布")).toBeTruthy();
    expect(publishButton().disabled).toBe(false);
  });

  it("names two buttons with one key on both, in plain words, and blocks publishing until one changes", async () => {
    await openMenuEditor({
      draft: menuOf(
        parent("扫码", click("微信", "wx_qr_code"), click("微博", "wx_qr_code")),
        view("我的主页", "https://wx.example.com/oauth/start?scope=snsapi_base"),
      ),
    });
    expect(screen.queryByText("检查通过，可以发布")).toBeNull();
    expect(screen.getByText("还有 2 处需要修改")).toBeTruthy();
    expect(publishButton().disabled).toBe(true);
    for (const [name, other] of [
      ["微信", "扫码 › 微博"],
      ["微博", "扫码 › 微信"],
    ] as const) {
      fireEvent.click(row(name));
      const keyField = input("按钮标识");
      expect(keyField.getAttribute("aria-invalid")).toBe("true");
      expect(describedAs(keyField)).toContain(`两个按钮用了同一个标识「wx_qr_code」（另一个是「${other}」）`);
    }
    type("按钮标识", "wb_qr_code");
    expect(input("按钮标识").getAttribute("aria-invalid")).toBeNull();
    fireEvent.click(row("微信"));
    expect(input("按钮标识").getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByText("检查通过，可以发布")).toBeTruthy();
    expect(publishButton().disabled).toBe(false);
  });

  it("undoes a whole run of typing with Ctrl+Z and redoes it with Ctrl+Shift+Z and Ctrl+Y", async () => {
    await openMenuEditor({ draft: menuOf(view("首页"), click("联系我们")) });
    for (const text of ["首", "首页新", "首页新版"]) type("名称", text);
    fireEvent.blur(input("名称"));
    fireEvent.click(row("联系我们"));
    type("名称", "客服");

    key({ key: "z", ctrlKey: true });
    expect(input("名称").value).toBe("联系我们");
    key({ key: "z", metaKey: true });
    expect(input("名称").value).toBe("首页");
    key({ key: "Z", ctrlKey: true, shiftKey: true });
    expect(input("名称").value).toBe("首页新版");
    key({ key: "y", ctrlKey: true });
    expect(input("名称").value).toBe("客服");
    expect((screen.getByRole("button", { name: "重做" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "撤销" }));
    expect(input("名称").value).toBe("联系我们");
  });

  it("opens a parent's sub-menu in the phone preview and selects the tapped button in the tree", async () => {
    await openMenuEditor({
      draft: menuOf(click("今日歌曲"), parent("菜单", view("搜索"), click("赞一下我们"))),
    });
    const phone = screen.getByRole("region", { name: "手机预览" });
    expect(within(phone).queryByRole("button", { name: "搜索" })).toBeNull();
    fireEvent.click(within(phone).getByRole("button", { name: "菜单" }));
    expect(within(phone).getByRole("button", { name: "菜单" }).getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(within(phone).getByRole("button", { name: "搜索" }));
    expect(screen.getByRole("heading", { level: 2, name: "搜索" })).toBeTruthy();
    expect(row("搜索").getAttribute("aria-current")).toBe("true");
    expect(input("网页地址").value).toBe("https://shop.example.com/");
  });

  it("deletes without asking and brings the button back from the toast's 「撤销」", async () => {
    await openMenuEditor({ draft: menuOf(view("首页"), click("联系我们")) });
    fireEvent.click(screen.getByRole("button", { name: "删除「联系我们」" }));
    expect(tree().queryByRole("button", { name: "联系我们" })).toBeNull();
    const toast = screen.getByText("已删除「联系我们」").closest(".toast") as HTMLElement;
    fireEvent.click(within(toast).getByRole("button", { name: "撤销" }));
    expect(row("联系我们").getAttribute("aria-current")).toBe("true");
  });

  it("saves a pending draft into the old account before switching to another", async () => {
    const desk = await openMenuEditor({ draft: menuOf(view("首页")) });
    await desk.profiles.add({ name: "正式号", serverUrl: "https://wx.example.com", role: "admin", key: "k" });
    await act(() => useAppStore.getState().reloadProfiles());
    type("名称", "首页新版");
    await act(() => useAppStore.getState().switchProfile("p2"));
    const saved = desk.calls.lastIndexOf("menu.saveDraft");
    expect(saved).toBeGreaterThan(-1);
    expect(saved).toBeLessThan(desk.calls.indexOf("profiles.setActive"));
    expect(desk.state.draft?.menu).toEqual(menuOf(view("首页新版")));
  });

  it("stops at 3 top buttons and 5 sub-buttons, saying why", async () => {
    await openMenuEditor({
      draft: menuOf(parent("P", view("1"), view("2"), view("3"), view("4"), view("5")), view("B"), view("C")),
    });
    const addTop = screen.getByRole("button", { name: "添加一级菜单" }) as HTMLButtonElement;
    expect(addTop.disabled).toBe(true);
    expect(addTop.title).toBe("一级菜单最多 3 个");
    expect((screen.getByRole("button", { name: "给「P」添加子菜单" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect((screen.getByRole("button", { name: "给「B」添加子菜单" }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    // In words where the + is, not only as a grey + (a disabled button shows no tooltip to a keyboard).
    const visible = (text: string) =>
      screen.getAllByText(text).filter((el) => !el.classList.contains("visually-hidden"));
    expect(visible("一级菜单最多 3 个")).toHaveLength(1);
    expect(describedAs(row("P"))).toBe("5 个子菜单（已满，最多 5 个）");
    expect(describedAs(row("B"))).toBe("打开网页");
  });

  it("keeps 「放到」 in sight, disabled, saying why, when a button has nowhere else to go", async () => {
    await openMenuEditor({
      draft: menuOf(
        parent("P", view("1"), view("2"), view("3"), view("4"), view("5")),
        parent("Q", view("6"), view("7"), view("8"), view("9"), view("10")),
        parent("R", view("11"), view("12"), view("13"), view("14"), view("15")),
      ),
    });
    const moveTo = () => screen.getByLabelText("放到") as HTMLSelectElement;
    const hint = () => describedAs(moveTo());
    fireEvent.click(row("P"));
    expect(moveTo().disabled).toBe(true);
    expect(hint()).toBe("它下面有子菜单，只能做一级菜单（菜单最多两级）");
    fireEvent.click(row("1"));
    expect(moveTo().disabled).toBe(true);
    expect(hint()).toBe("别的位置都满了：一级菜单最多 3 个，每个一级菜单最多 5 个子菜单");
    // Q has room again: 「1」 can move there.
    fireEvent.click(screen.getByRole("button", { name: "删除「10」" }));
    fireEvent.click(row("1"));
    expect(moveTo().disabled).toBe(false);
    expect(hint()).toBe("");
  });

  it("says a lone top button has nowhere to go yet", async () => {
    await openMenuEditor({ draft: menuOf(view("L")) });
    const moveTo = screen.getByLabelText("放到") as HTMLSelectElement;
    expect(moveTo.disabled).toBe(true);
    expect(moveTo.closest(".field")?.textContent).toContain("还没有别的一级菜单可以放进去");
  });

  it("moves a button with the keyboard through the 「放到」 choice and the up/down buttons", async () => {
    await openMenuEditor({ draft: menuOf(parent("P", view("a")), view("L")) });
    fireEvent.click(row("L"));
    fireEvent.change(screen.getByLabelText("放到"), {
      target: { value: useMenuStore.getState().history.present.buttons[0]?.id },
    });
    expect(useMenuStore.getState().history.present.buttons.map((b) => b.name)).toEqual(["P"]);
    fireEvent.click(screen.getByRole("button", { name: "上移" }));
    expect(useMenuStore.getState().history.present.buttons[0]?.children.map((b) => b.name)).toEqual([
      "L",
      "a",
    ]);
  });

  it("reorders top buttons by keyboard drag (dnd-kit keyboard sensor)", async () => {
    // happy-dom has no layout: give each tree row a place, stacked 50px apart, so the sensor can move.
    const original = HTMLElement.prototype.getBoundingClientRect;
    HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
      const row = this.closest("[data-row]");
      const rows = [...document.querySelectorAll("[data-row]")];
      const top = row ? rows.indexOf(row) * 50 : 0;
      return {
        x: 0,
        y: top,
        top,
        left: 0,
        right: 300,
        bottom: top + 44,
        width: 300,
        height: 44,
        toJSON: () => ({}),
      } as DOMRect;
    };
    try {
      await openMenuEditor({ draft: menuOf(view("一"), view("二"), view("三")) });
      const handle = screen.getByRole("button", { name: "拖动「一」" });
      handle.focus();
      await act(async () => {
        fireEvent.keyDown(handle, { key: " ", code: "Space" });
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
      await act(async () => {
        fireEvent.keyDown(handle, { key: "ArrowDown", code: "ArrowDown" });
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
      await act(async () => {
        fireEvent.keyDown(handle, { key: " ", code: "Space" });
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
      expect(useMenuStore.getState().history.present.buttons.map((b) => b.name)).toEqual(["二", "一", "三"]);
    } finally {
      HTMLElement.prototype.getBoundingClientRect = original;
    }
  });
});
