// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { click, menuOf, sampleMenu, view } from "../../testing/menu-fixtures.js";
import { openMenuEditor, resetMenuStores } from "./testing/open-menu-editor.js";

afterEach(resetMenuStores);

const button = (name: string, root = screen) => root.getByRole("button", { name }) as HTMLButtonElement;

describe("publishing from the editor", () => {
  it("publishes in two clicks: 「发布」, then 「确认发布」 beside the changes; success is said once", async () => {
    const desk = await openMenuEditor({
      draft: menuOf(click("今日歌曲", "K"), view("会员中心")),
      liveMenu: menuOf(click("今日歌曲", "K")),
    });
    await act(async () => fireEvent.click(button("发布")));
    const dialog = within(screen.getByRole("dialog", { name: "发布到公众号" }));
    expect(dialog.getByText("新增「会员中心」")).toBeTruthy();
    expect(dialog.getByText(/点「确认发布」会立即替换公众号现在的菜单/)).toBeTruthy();
    await act(async () => fireEvent.click(dialog.getByRole("button", { name: "确认发布" })));
    expect(desk.state.live).toEqual(menuOf(click("今日歌曲", "K"), view("会员中心")));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getAllByText("菜单已发布")).toHaveLength(1);
    // The local sandbox's phone has it at once: no 5-minute wait there (a real account: menu-remote-store.test).
    expect(screen.getByText(/^本地沙箱的手机马上就能看到/)).toBeTruthy();
    expect(screen.queryByText(/^手机上最多 5 分钟后可见/)).toBeNull();
    expect(screen.getByText("与公众号上的菜单一致")).toBeTruthy();
  });

  it("names the 「回复消息」 buttons that reply nothing before publishing, and still publishes", async () => {
    const desk = await openMenuEditor({
      draft: menuOf(click("微信扫码", "wx_qr_code"), click("微博扫码", "wb_qr_code")),
      replies: { click: { wx_qr_code: { type: "text", content: "扫这个码" } } },
    });
    await act(async () => fireEvent.click(button("发布")));
    const dialog = within(screen.getByRole("dialog", { name: "发布到公众号" }));
    expect(await dialog.findByText("这些「回复消息」按钮还没设置回复")).toBeTruthy();
    expect(dialog.getByText(/^「微博扫码」：粉丝点了不会收到任何消息/)).toBeTruthy();
    expect(dialog.queryByText(/「微信扫码」：/)).toBeNull();
    await act(async () => fireEvent.click(dialog.getByRole("button", { name: "确认发布" })));
    expect(desk.state.live).toEqual(menuOf(click("微信扫码", "wx_qr_code"), click("微博扫码", "wb_qr_code")));
  });

  it("cannot confirm when nothing changed", async () => {
    await openMenuEditor({ draft: menuOf(view("首页")), liveMenu: menuOf(view("首页")) });
    await act(async () => fireEvent.click(button("发布")));
    const dialog = within(screen.getByRole("dialog", { name: "发布到公众号" }));
    expect(dialog.getByText("和公众号上的菜单完全一样，不需要发布。")).toBeTruthy();
    expect(button("确认发布", dialog as unknown as typeof screen).disabled).toBe(true);
  });

  it("offers 「启动沙箱」 when the local sandbox is stopped, and carries on publishing once it runs", async () => {
    const desk = await openMenuEditor({ draft: menuOf(view("首页")) });
    desk.state.sandbox = { running: false };
    desk.failNext("menu.live", {
      code: "sandbox_stopped",
      message: "The local sandbox is not running.",
      messageZh: "本地沙箱没有运行，请先启动它（本地沙箱 → 启动）。",
    });
    await act(async () => fireEvent.click(button("发布")));
    const dialog = within(screen.getByRole("dialog", { name: "发布到公众号" }));
    expect(dialog.getByText("本地沙箱没有运行")).toBeTruthy();
    expect(dialog.getByRole("button", { name: "返回修改" })).toBeTruthy();
    await act(async () => fireEvent.click(dialog.getByRole("button", { name: "启动沙箱" })));
    expect(desk.state.sandbox.running).toBe(true);
    expect(dialog.getByText("新增「首页」")).toBeTruthy();
    await act(async () => fireEvent.click(dialog.getByRole("button", { name: "确认发布" })));
    expect(desk.state.live).toEqual(menuOf(view("首页")));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows WeChat's explanation when the publish is refused", async () => {
    const desk = await openMenuEditor({ draft: menuOf(view("首页")) });
    desk.failNext("menu.publish", {
      code: "wechat_error",
      message: "WeChat refused the menu",
      messageZh: "微信拒绝了这个菜单",
      details: {
        explanation: {
          errcode: 40055,
          errorClass: "request",
          titleZh: "网址的域名不被接受",
          titleEn: "The URL's domain is not accepted",
          detailZh: "微信只接受公众号设置过的域名",
          detailEn: "WeChat only accepts domains set for the account",
          fixZh: "在公众号后台设置业务域名",
          fixEn: "Add the domain in the account settings",
        },
      },
    });
    await act(async () => fireEvent.click(button("发布")));
    const dialog = within(screen.getByRole("dialog", { name: "发布到公众号" }));
    await act(async () => fireEvent.click(dialog.getByRole("button", { name: "确认发布" })));
    expect(dialog.getByRole("alert").textContent).toContain("菜单没有发布");
    expect(dialog.getByText("网址的域名不被接受")).toBeTruthy();
    expect(dialog.getByText("在公众号后台设置业务域名")).toBeTruthy();
    expect(dialog.getByText("微信错误码 40055")).toBeTruthy();
  });

  it("keeps support profiles from publishing, deleting or rolling back, and says why", async () => {
    await openMenuEditor({ role: "support", draft: menuOf(view("首页")) });
    const reason = "客服账号不能发布或修改公众号菜单";
    expect(button("发布").disabled).toBe(true);
    expect(button("发布").title).toBe(reason);
    expect(button("删除公众号菜单").disabled).toBe(true);
    expect(button("历史版本").disabled).toBe(true);
    expect(screen.getAllByText(reason).length).toBeGreaterThan(0);
  });
});

describe("history, delete, import", () => {
  it("rolls back to an older version after a confirmation", async () => {
    const desk = await openMenuEditor({ draft: menuOf(view("新")) });
    await desk.menu.publish(sampleMenu());
    await desk.menu.publish(menuOf(view("新")));
    await act(async () => fireEvent.click(button("历史版本")));
    const history = within(screen.getByRole("dialog", { name: "历史版本" }));
    await act(async () => fireEvent.click(history.getByRole("button", { name: "恢复这个版本" })));
    const confirm = within(screen.getByRole("dialog", { name: "把公众号菜单恢复成这个版本？" }));
    await act(async () => fireEvent.click(confirm.getByRole("button", { name: "恢复" })));
    expect(desk.state.live).toEqual(sampleMenu());
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(
      within(screen.getByRole("region", { name: "菜单结构" })).getByRole("button", { name: "今日歌曲" }),
    ).toBeTruthy();
  });

  it("marks 「当前」 the version the account shows now, asked of the account — not the newest entry", async () => {
    const desk = await openMenuEditor({ draft: menuOf(view("新")) });
    await desk.menu.publish(sampleMenu());
    await desk.menu.publish(menuOf(view("新")));
    // The account went back to the first menu by other means (another tool, WeChat's own console).
    desk.state.live = sampleMenu();
    await act(async () => fireEvent.click(button("历史版本")));
    const history = within(screen.getByRole("dialog", { name: "历史版本" }));
    const items = history.getAllByRole("listitem").filter((li) => li.classList.contains("versions__item"));
    expect(items).toHaveLength(2);
    expect(within(items[0] as HTMLElement).queryByText("当前")).toBeNull();
    expect(within(items[1] as HTMLElement).getByText("当前")).toBeTruthy();
    // Only versions that are not live can be restored: here the newest one.
    expect(within(items[0] as HTMLElement).getByRole("button", { name: "恢复这个版本" })).toBeTruthy();
    expect(within(items[1] as HTMLElement).queryByRole("button", { name: "恢复这个版本" })).toBeNull();
  });

  it("marks nothing 「当前」 when the account has no menu although the last entry is a publish, and says so", async () => {
    const desk = await openMenuEditor({ draft: menuOf(view("新")) });
    await desk.menu.publish(sampleMenu());
    desk.state.live = null;
    await act(async () => fireEvent.click(button("历史版本")));
    const history = within(screen.getByRole("dialog", { name: "历史版本" }));
    expect(history.queryByText("当前")).toBeNull();
    expect(history.getByText(/公众号现在的菜单不是下面任何一个版本/)).toBeTruthy();
    expect(history.getByRole("button", { name: "恢复这个版本" })).toBeTruthy();
  });

  it("deletes the account's menu only after a confirmation", async () => {
    const desk = await openMenuEditor({ draft: sampleMenu(), liveMenu: sampleMenu() });
    fireEvent.click(button("删除公众号菜单"));
    const confirm = within(screen.getByRole("dialog", { name: "删除公众号的菜单？" }));
    expect(desk.state.live).toEqual(sampleMenu());
    await act(async () => fireEvent.click(confirm.getByRole("button", { name: "删除菜单" })));
    expect(desk.state.live).toBeNull();
    expect(screen.getByText("公众号的菜单已删除")).toBeTruthy();
  });

  it("imports a file picked with <input type=file> and refuses one that is not a menu", async () => {
    await openMenuEditor({ draft: menuOf(view("首页")) });
    const picker = screen.getByLabelText("选择要导入的菜单文件") as HTMLInputElement;
    const pick = async (file: File) => {
      await act(async () => {
        fireEvent.change(picker, { target: { files: [file] } });
        await file.text();
      });
    };
    await pick(new File([JSON.stringify(sampleMenu())], "menu.json", { type: "application/json" }));
    expect(screen.getByText("已导入「menu.json」")).toBeTruthy();
    expect(
      within(screen.getByRole("region", { name: "菜单结构" })).getByRole("button", { name: "赞一下我们" }),
    ).toBeTruthy();
    await pick(new File(["not a menu"], "notes.txt"));
    expect(screen.getByText("「notes.txt」没有导入")).toBeTruthy();
    expect(
      within(screen.getByRole("region", { name: "菜单结构" })).getByRole("button", { name: "赞一下我们" }),
    ).toBeTruthy();
  });
});

describe("插入授权链接", () => {
  it("builds a confirm-first link, shows its warning and fills the web address with the start link", async () => {
    const desk = await openMenuEditor({ draft: menuOf(view("会员中心", "")) });
    fireEvent.click(button("插入授权链接"));
    const dialog = within(screen.getByRole("dialog", { name: "插入授权链接" }));
    expect(button("填入网页地址", dialog as unknown as typeof screen).disabled).toBe(true);
    fireEvent.click(dialog.getByRole("radio", { name: /需用户确认（获取昵称头像，会询问一次）/ }));
    fireEvent.change(dialog.getByLabelText("目标页面"), { target: { value: "/member" } });
    await act(async () => fireEvent.click(dialog.getByRole("button", { name: "生成链接" })));
    expect(dialog.getByText(/拿不到昵称头像/)).toBeTruthy();
    const built = await desk.links.build({ scope: "snsapi_userinfo", next: "/member" });
    fireEvent.click(dialog.getByRole("button", { name: "填入网页地址" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect((screen.getByLabelText("网页地址") as HTMLInputElement).value).toBe(built.startUrl);
  });
});
