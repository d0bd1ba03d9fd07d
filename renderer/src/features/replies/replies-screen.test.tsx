// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useNavStore } from "../../app/nav-store.js";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { click, menuOf, parent } from "../../testing/menu-fixtures.js";
import { RepliesScreen } from "./replies-screen.js";
import { useRepliesStore } from "./replies-store.js";

afterEach(() => {
  act(() => useRepliesStore.getState().reset());
});

const draft = menuOf(click("签到", "SIGN_IN"), parent("服务", click("联系我们", "CONTACT")));

async function renderScreen() {
  await act(async () => {
    render(<RepliesScreen />);
  });
}

const saveButton = () => screen.getByRole("button", { name: /^保存/ }) as HTMLButtonElement;

describe("RepliesScreen", () => {
  it("lists the menu's click buttons by name beside their key, and the follow event", async () => {
    await installMemoryDesk({ draft, replies: { click: { GONE: { type: "text", content: "x" } } } });
    await renderScreen();
    const list = screen.getByRole("region", { name: "要回复的事件" });
    expect(within(list).getByRole("button", { name: /用户关注时/ })).toBeTruthy();
    expect(
      within(list)
        .getByRole("button", { name: /签到\s*SIGN_IN · 草稿/ })
        .getAttribute("aria-current"),
    ).toBe("true");
    expect(within(list).getByRole("button", { name: /服务 › 联系我们/ })).toBeTruthy();
    expect(within(list).getByRole("button", { name: /GONE.*没有按钮/ })).toBeTruthy();
  });

  it("counts bytes of a too-long text, says so at the field and keeps 保存 disabled", async () => {
    await installMemoryDesk({ draft });
    await renderScreen();
    fireEvent.click(screen.getByRole("radio", { name: /文字/ }));
    const text = screen.getByRole("textbox", { name: "回复的文字" }) as HTMLTextAreaElement;
    fireEvent.change(text, { target: { value: "好".repeat(683) } }); // 2049 bytes
    expect(screen.getByText("2049/2048 字节").className).toContain("field__counter--over");
    expect(text.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/文字回复太长：最多 2048 字节/)).toBeTruthy();
    expect(saveButton().disabled).toBe(true);
    expect(saveButton().title).toBe("还有 1 处要改，改好才能保存");

    fireEvent.change(text, { target: { value: "好".repeat(682) } });
    expect(screen.getByText("2046/2048 字节")).toBeTruthy();
    expect(text.getAttribute("aria-invalid")).toBeNull();
    expect(saveButton().disabled).toBe(false);
  });

  it("saves, previews the reply as a chat, and shows what the sandbox phone got", async () => {
    const desk = await installMemoryDesk({
      draft,
      sandboxUsers: [{ openid: "o_test", nickname: "测试用户甲", headimgurl: "", snapshot: false }],
    });
    await renderScreen();
    fireEvent.click(screen.getByRole("radio", { name: /文字/ }));
    fireEvent.change(screen.getByRole("textbox", { name: "回复的文字" }), {
      target: { value: "签到成功！" },
    });
    const phone = screen.getByRole("figure", { name: "手机上看到的样子" });
    expect(phone.textContent).toContain("你点了「签到」");
    expect(phone.textContent).toContain("签到成功！");
    const tap = screen.getByRole("button", { name: /在沙箱手机上点一下/ }) as HTMLButtonElement;
    expect(tap.disabled).toBe(true);

    await act(async () => {
      fireEvent.click(saveButton());
    });
    expect(desk.state.replies.click.SIGN_IN).toEqual({ type: "text", content: "签到成功！" });
    expect(tap.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(tap);
    });
    expect(desk.calls).toContain("sandbox.tapMenu");
    const got = screen.getByText("服务器回复了：").parentElement;
    expect(got?.textContent).toContain("签到成功！");
  });

  it("marks the server's problems at their field", async () => {
    const desk = await installMemoryDesk({ draft });
    await renderScreen();
    fireEvent.click(screen.getByRole("radio", { name: /图片/ }));
    fireEvent.change(screen.getByRole("textbox", { name: "图片素材的 media_id" }), {
      target: { value: "abc" },
    });
    desk.failNext("replies.save", {
      code: "replies_invalid",
      message: "Replies are invalid",
      messageZh: "回复设置有问题",
      details: {
        replyProblems: [
          {
            path: 'click["SIGN_IN"].mediaId',
            code: "media_unknown",
            message: "Unknown media",
            messageZh: "素材库里没有这个图片",
          },
        ],
      },
    });
    await act(async () => {
      fireEvent.click(saveButton());
    });
    const field = screen.getByRole("textbox", { name: "图片素材的 media_id" });
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getAllByText("素材库里没有这个图片").length).toBe(2); // in the banner and at the field
  });

  it("asks before leaving with unsaved changes, and leaves without saving when told to", async () => {
    const desk = await installMemoryDesk({ draft });
    act(() => useNavStore.getState().navigate("replies"));
    await renderScreen();
    fireEvent.click(screen.getByRole("radio", { name: /文字/ }));
    fireEvent.change(screen.getByRole("textbox", { name: "回复的文字" }), { target: { value: "未保存" } });

    act(() => useNavStore.getState().navigate("menu"));
    expect(useNavStore.getState().screen).toBe("replies");
    const dialog = screen.getByRole("dialog", { name: "自动回复还没保存" });
    fireEvent.click(within(dialog).getByRole("button", { name: "留在这里" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(useNavStore.getState().screen).toBe("replies");

    act(() => useNavStore.getState().navigate("users"));
    fireEvent.click(screen.getByRole("button", { name: "不保存，直接离开" }));
    expect(useNavStore.getState().screen).toBe("users");
    expect(desk.calls).not.toContain("replies.save");
  });

  it("lets a clean screen go without asking", async () => {
    await installMemoryDesk({ draft });
    act(() => useNavStore.getState().navigate("replies"));
    await renderScreen();
    act(() => useNavStore.getState().navigate("menu"));
    expect(useNavStore.getState().screen).toBe("menu");
  });
});
