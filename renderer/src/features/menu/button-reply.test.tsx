// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { click, menuOf, parent, view } from "../../testing/menu-fixtures.js";
import { useButtonReplyStore } from "./button-reply-store.js";
import { MenuScreen } from "./menu-screen.js";
import { openMenuEditor, resetMenuStores } from "./testing/open-menu-editor.js";

afterEach(resetMenuStores);

const SCAN = menuOf(
  parent("扫码", click("微信", "wx_qr_code"), click("微博", "wb_qr_code")),
  view("我的主页", "https://wx.example.com/oauth/start?scope=snsapi_base"),
);

const tree = () => within(screen.getByRole("region", { name: "菜单结构" }));
const phone = () => within(screen.getByRole("region", { name: "手机预览" }));
const replySection = () => within(screen.getByRole("region", { name: "粉丝点了以后回复" }));
const replyText = () => replySection().getByRole("textbox", { name: "回复的文字" }) as HTMLTextAreaElement;
const flushReplies = () => act(() => useButtonReplyStore.getState().flush());

describe("a 「回复消息」 button's reply, set in its form", () => {
  it("shows the server's reply in the form and the phone, and saves an edit into the server's replies", async () => {
    const desk = await openMenuEditor({
      draft: SCAN,
      replies: { click: { wx_qr_code: { type: "text", content: "扫这个码关注微信" } } },
    });
    fireEvent.click(tree().getByRole("button", { name: "微信" }));
    expect((replySection().getByRole("radio", { name: /文字/ }) as HTMLInputElement).checked).toBe(true);
    expect(replyText().value).toBe("扫这个码关注微信");
    expect(phone().getByText("你点了「微信」")).toBeTruthy();
    expect(phone().getByText("扫这个码关注微信")).toBeTruthy();

    // The other button: nothing set yet; the phone says so, and a reply typed here shows there at once.
    fireEvent.click(tree().getByRole("button", { name: "微博" }));
    expect((replySection().getByRole("radio", { name: /不回复/ }) as HTMLInputElement).checked).toBe(true);
    expect(phone().getByText("不会收到任何消息")).toBeTruthy();
    fireEvent.click(replySection().getByRole("radio", { name: /文字/ }));
    fireEvent.change(replyText(), { target: { value: "扫这个码关注微博" } });
    expect(phone().getByText("扫这个码关注微博")).toBeTruthy();
    expect(replySection().getByRole("status").textContent).toBe("稍后自动保存…");
    await flushReplies();
    expect(replySection().getByRole("status").textContent).toBe("回复已保存，马上生效");
    // The same settings 自动回复 reads and edits (one source of truth; e2e checks that screen too).
    expect(desk.state.replies.click).toEqual({
      wx_qr_code: { type: "text", content: "扫这个码关注微信" },
      wb_qr_code: { type: "text", content: "扫这个码关注微博" },
    });
  });

  it("an empty reply is named at the field and in the list, holds publishing back, and is not saved", async () => {
    const desk = await openMenuEditor({ draft: SCAN, replies: { click: {} } });
    fireEvent.click(tree().getByRole("button", { name: "微信" }));
    fireEvent.click(replySection().getByRole("radio", { name: /文字/ }));
    expect(replyText().getAttribute("aria-invalid")).toBe("true");
    expect(replySection().getByText("文字回复不能为空")).toBeTruthy();
    expect(replySection().getByRole("status").textContent).toBe("还有 1 处要改，改好后自动保存");
    expect(screen.getByText("「微信」的回复")).toBeTruthy();
    const publish = screen.getByRole("button", { name: "发布" }) as HTMLButtonElement;
    expect(publish.disabled).toBe(true);
    expect(publish.title).toBe("还有 1 处需要修改，改好才能发布");
    await flushReplies();
    expect(desk.calls).not.toContain("replies.save");
    fireEvent.change(replyText(), { target: { value: "你好" } });
    expect(publish.disabled).toBe(false);
  });

  it("asks for the button ID first, and is not offered on other kinds of buttons", async () => {
    await openMenuEditor({ draft: menuOf(click("空", ""), view("网页")), replies: { click: {} } });
    fireEvent.click(tree().getByRole("button", { name: "空" }));
    expect(replySection().getByText("先填写上面的按钮标识，回复就记在这个标识下。")).toBeTruthy();
    expect(replySection().queryByRole("radio")).toBeNull();
    fireEvent.click(tree().getByRole("button", { name: "网页" }));
    expect(screen.queryByRole("region", { name: "粉丝点了以后回复" })).toBeNull();
  });

  it("saves a typed reply before publishing", async () => {
    const desk = await openMenuEditor({ draft: SCAN, replies: { click: {} } });
    fireEvent.click(tree().getByRole("button", { name: "微信" }));
    fireEvent.click(replySection().getByRole("radio", { name: /文字/ }));
    fireEvent.change(replyText(), { target: { value: "扫这个码" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "发布" })));
    expect(desk.state.replies.click.wx_qr_code).toEqual({ type: "text", content: "扫这个码" });
  });

  it("a support profile is told why there is no reply to set, and replies are not read", async () => {
    const desk = await openMenuEditor({ role: "support", draft: SCAN });
    fireEvent.click(tree().getByRole("button", { name: "微信" }));
    expect(replySection().getByText("客服账号不能查看和修改自动回复")).toBeTruthy();
    expect(desk.calls).not.toContain("replies.get");
  });

  it("reads the replies again once 「启动沙箱」 in the publish dialog brings the sandbox back", async () => {
    const stopped = {
      code: "sandbox_stopped",
      message: "The local sandbox is not running.",
      messageZh: "本地沙箱没有运行，请先启动它（本地沙箱 → 启动）。",
    };
    const desk = await installMemoryDesk({
      draft: SCAN,
      replies: { click: { wx_qr_code: { type: "text", content: "扫这个码关注微信" } } },
    });
    desk.state.sandbox = { running: false };
    desk.failNext("replies.get", stopped);
    await act(async () => {
      render(<MenuScreen />);
    });
    fireEvent.click(tree().getByRole("button", { name: "微信" }));
    expect(replySection().getByText("回复没有读出来")).toBeTruthy();
    desk.failNext("menu.live", stopped);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "发布" })));
    const dialog = within(screen.getByRole("dialog", { name: "发布到公众号" }));
    await act(async () => fireEvent.click(dialog.getByRole("button", { name: "启动沙箱" })));
    expect(replyText().value).toBe("扫这个码关注微信");
  });
});
