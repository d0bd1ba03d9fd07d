// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import type { ConditionalMenu } from "@wxdesk/electron/desk-api";
import { afterEach, describe, expect, it } from "vitest";
import { useNavStore } from "../../app/nav-store.js";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { click, menuOf, parent, view } from "../../testing/menu-fixtures.js";
import { ConditionalScreen } from "./conditional-screen.js";
import { useConditionalStore } from "./conditional-store.js";

afterEach(() => {
  act(() => useConditionalStore.getState().reset());
});

const live = menuOf(click("签到", "SIGN"), parent("更多", view("官网")));
const vip: ConditionalMenu = {
  menuid: "401",
  button: menuOf(click("会员专享", "VIP"), view("会员商城")).button,
  matchrule: { tag_id: "2", client_platform_type: "1" },
};
const old: ConditionalMenu = {
  menuid: "208379533",
  button: menuOf(click("老会员", "OLD_VIP")).button,
  matchrule: { tag_id: "5", sex: "2" },
};

async function renderScreen() {
  await act(async () => {
    render(<ConditionalScreen />);
  });
}

const addButton = () => screen.getByRole("button", { name: /^添加个性化菜单/ }) as HTMLButtonElement;

describe("ConditionalScreen", () => {
  it("lists each conditional menu with who sees it in words, old conditions marked as no longer working", async () => {
    await installMemoryDesk({ liveMenu: live, conditional: [vip, old] });
    await renderScreen();
    const card = screen.getByRole("listitem", { name: "个性化菜单 401" });
    expect(within(card).getByText("带有标签 2")).toBeTruthy();
    expect(within(card).getByText("用 iPhone（iOS）")).toBeTruthy();
    expect(within(card).getByRole("list", { name: "「个性化菜单 401」的按钮" }).textContent).toContain(
      "会员专享",
    );
    const oldCard = screen.getByRole("listitem", { name: "个性化菜单 208379533" });
    expect(within(oldCard).getByText("性别为女（2021 年起已失效）").className).toContain("tag--warning");
  });

  it("explains a forbidden field at its place and adds once it is removed", async () => {
    const desk = await installMemoryDesk({ liveMenu: live, conditional: [old] });
    await renderScreen();
    expect(screen.getByText(/错误码 65320/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /以它为起点新建/ }));

    const sex = screen.getByRole("textbox", { name: "旧条件：性别" });
    expect(sex.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/匹配规则不能再使用「sex」/)).toBeTruthy();
    expect(addButton().disabled).toBe(true);
    expect((screen.getByRole("textbox", { name: "用户标签编号" }) as HTMLInputElement).value).toBe("5");

    fireEvent.click(screen.getByRole("button", { name: "去掉「性别」" }));
    expect(screen.queryByRole("textbox", { name: "旧条件：性别" })).toBeNull();
    expect(addButton().disabled).toBe(false);
    await act(async () => {
      fireEvent.click(addButton());
    });
    expect(desk.state.conditional.at(-1)).toMatchObject({ matchrule: { tag_id: "5" }, button: old.button });
  });

  it("shows the server's problems at their field", async () => {
    const desk = await installMemoryDesk({ liveMenu: live });
    await renderScreen();
    fireEvent.change(screen.getByRole("textbox", { name: "用户标签编号" }), { target: { value: "999" } });
    desk.failNext("menu.addConditional", {
      code: "menu_invalid",
      message: "The match rule is invalid",
      messageZh: "匹配规则有问题",
      details: {
        problems: [
          {
            path: "matchrule.tag_id",
            code: "tag_unknown",
            errcode: 40032,
            messageZh: "没有这个标签",
            messageEn: "No such tag",
          },
        ],
      },
    });
    await act(async () => {
      fireEvent.click(addButton());
    });
    const tag = screen.getByRole("textbox", { name: "用户标签编号" });
    expect(tag.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getAllByText("没有这个标签").length).toBeGreaterThan(0);
  });

  it("explains 65303 and leads to the menu editor", async () => {
    const desk = await installMemoryDesk({ liveMenu: live });
    await renderScreen();
    fireEvent.change(screen.getByRole("combobox", { name: "手机系统" }), { target: { value: "2" } });
    desk.failNext("menu.addConditional", {
      code: "wechat_error",
      message: "WeChat refused",
      messageZh: "微信拒绝了",
      details: { errcode: 65303 },
    });
    await act(async () => {
      fireEvent.click(addButton());
    });
    const banner = screen.getByText("先发布一个默认菜单").closest(".banner") as HTMLElement;
    fireEvent.click(within(banner).getByRole("button", { name: "去编辑菜单" }));
    expect(useNavStore.getState().screen).toBe("menu");
  });

  it("says up front that a default menu is needed when the account has none", async () => {
    await installMemoryDesk({ liveMenu: null });
    await renderScreen();
    expect(screen.getByText(/错误码 65303/)).toBeTruthy();
    expect(addButton().title).toBe("先发布默认菜单");
  });

  it("deletes only after a confirmation that explains there is no edit", async () => {
    const desk = await installMemoryDesk({ liveMenu: live, conditional: [vip] });
    await renderScreen();
    fireEvent.click(
      within(screen.getByRole("listitem", { name: "个性化菜单 401" })).getByRole("button", { name: /删除/ }),
    );
    const dialog = screen.getByRole("dialog", { name: "删除这个个性化菜单？" });
    expect(dialog.textContent).toContain("先删除、再重新添加");
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "删除个性化菜单" }));
    });
    expect(desk.state.conditional).toEqual([]);
    expect(screen.getByText("还没有个性化菜单")).toBeTruthy();
  });

  it("shows which menu a sandbox user sees", async () => {
    await installMemoryDesk({
      liveMenu: live,
      conditional: [vip],
      matches: { o_vip: "401" },
      sandboxUsers: [{ openid: "o_vip", nickname: "会员小王", headimgurl: "", snapshot: false }],
    });
    await renderScreen();
    fireEvent.change(screen.getByRole("combobox", { name: "或选一位沙箱测试用户" }), {
      target: { value: "o_vip" },
    });
    expect((screen.getByRole("textbox", { name: "用户编号或微信号" }) as HTMLInputElement).value).toBe(
      "o_vip",
    );
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "看看" }));
    });
    const answer = screen.getByText("o_vip 会看到：").closest("[role=status]") as HTMLElement;
    expect(answer.textContent).toContain("个性化菜单 401");
    expect(answer.textContent).toContain("带有标签 2、用 iPhone（iOS）的粉丝");
    expect(within(answer).getByRole("list", { name: "「个性化菜单 401」的按钮" }).textContent).toContain(
      "会员商城",
    );
  });
});
