import { afterEach, describe, expect, it } from "vitest";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { deskError } from "../../testing/memory-desk-api.js";
import { click, menuOf, parent } from "../../testing/menu-fixtures.js";
import { selectButtonReply, selectReplyProblems, useButtonReplyStore } from "./button-reply-store.js";
import { fromMenu } from "./menu-tree.js";

const store = () => useButtonReplyStore.getState();
const text = (content: string) => ({ type: "text" as const, content });

afterEach(() => {
  store().reset();
  uninstallDesk();
});

describe("a click button's reply, kept in the server's reply settings", () => {
  it("reads the server's reply for a key and saves an edit into the same settings, keeping other keys", async () => {
    const desk = await installMemoryDesk({ replies: { click: { wx_qr_code: text("扫这个码") } } });
    await store().load();
    expect(selectButtonReply(store(), "wx_qr_code")).toEqual(text("扫这个码"));
    expect(selectButtonReply(store(), "wb_qr_code")).toBeUndefined();

    store().update("wb_qr_code", text("微博的码"));
    expect(store().save.state).toBe("pending");
    // Meanwhile someone sets the follow reply on 自动回复: the save must not drop it.
    desk.state.replies = { ...desk.state.replies, subscribe: text("欢迎") };
    await store().flush();
    expect(desk.state.replies).toEqual({
      click: { wx_qr_code: text("扫这个码"), wb_qr_code: text("微博的码") },
      subscribe: text("欢迎"),
    });
    expect(store().save.state).toBe("saved");
    expect(store().edits).toEqual({});
    expect(selectButtonReply(store(), "wb_qr_code")).toEqual(text("微博的码"));
  });

  it("holds a reply that breaks the rules, ties it to its button, and saves it once fixed", async () => {
    const desk = await installMemoryDesk({ replies: { click: {} } });
    await store().load();
    store().setType("wx_qr_code", "text");
    await store().flush();
    expect(desk.calls).not.toContain("replies.save");
    const buttons = fromMenu(
      menuOf(parent("扫码", click("微信", "wx_qr_code"), click("微博", "wb_qr_code"))),
    );
    const problems = selectReplyProblems(store(), buttons);
    expect(problems.map((p) => [p.buttonId, p.problem.code])).toEqual([
      [buttons[0]?.children[0]?.id, "content_empty"],
    ]);
    store().update("wx_qr_code", text("扫这个码"));
    expect(selectReplyProblems(store(), buttons)).toEqual([]);
    await store().flush();
    expect(desk.state.replies.click.wx_qr_code).toEqual(text("扫这个码"));
  });

  it("「不回复」 removes the key's reply; switching back brings the typed text", async () => {
    const desk = await installMemoryDesk({ replies: { click: { K: text("你好") } } });
    await store().load();
    store().setType("K", "none");
    await store().flush();
    expect(desk.state.replies.click).toEqual({});
    store().setType("K", "text");
    expect(selectButtonReply(store(), "K")).toEqual(text("你好"));
  });

  it("keeps the edit when a save fails, and saves it on the next try", async () => {
    const desk = await installMemoryDesk({ replies: { click: {} } });
    await store().load();
    store().update("K", text("你好"));
    desk.failNext("replies.save", deskError("server_down", "The server did not answer", "服务器没有回应"));
    await store().flush();
    expect(store().save.state).toBe("failed");
    expect(store().save.error?.code).toBe("server_down");
    expect(selectButtonReply(store(), "K")).toEqual(text("你好"));
    await store().flush();
    expect(desk.state.replies.click.K).toEqual(text("你好"));
    expect(store().save.state).toBe("saved");
  });

  it("does not read replies with a support key (they are admin-only)", async () => {
    const desk = await installMemoryDesk({ role: "support" });
    await store().load();
    expect(store().phase).toBe("idle");
    expect(desk.calls).not.toContain("replies.get");
  });
});
