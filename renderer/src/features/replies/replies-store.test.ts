import { afterEach, describe, expect, it } from "vitest";
import { useSandboxUsersStore } from "../../shared/sandbox-users/sandbox-users-store.js";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { click, menuOf, parent } from "../../testing/menu-fixtures.js";
import {
  problemsAt,
  selectDirty,
  selectIssues,
  selectTargetDirty,
  useRepliesStore,
} from "./replies-store.js";

const store = () => useRepliesStore.getState();

afterEach(() => {
  store().reset();
  uninstallDesk();
});

const draft = menuOf(click("签到", "SIGN_IN"), parent("服务", click("联系我们", "CONTACT")));
const live = menuOf(click("活动", "EVENT"));

describe("replies store", () => {
  it("loads the replies and the click keys of the draft and live menus, and opens the first key", async () => {
    await installMemoryDesk({
      draft,
      liveMenu: live,
      replies: { click: { OLD: { type: "text", content: "旧" } } },
    });
    await store().load();
    expect(store().phase).toBe("ready");
    expect(store().keys.map((k) => k.key)).toEqual(["SIGN_IN", "CONTACT", "EVENT"]);
    expect(store().selected).toEqual({ kind: "click", key: "SIGN_IN" });
    expect(store().draft).toEqual({ click: { OLD: { type: "text", content: "旧" } } });
    expect(selectDirty(store())).toBe(false);
  });

  it("still opens with typed keys only when the menus cannot be read", async () => {
    const desk = await installMemoryDesk();
    desk.failNext("menu.live", { code: "network", message: "down", messageZh: "断了" });
    await store().load();
    expect(store().phase).toBe("ready");
    expect(store().keys).toEqual([]);
    expect(store().menuError?.code).toBe("network");
    expect(store().selected).toEqual({ kind: "subscribe" });
  });

  it("refuses to save while a rule is broken, then saves what the server stores", async () => {
    const desk = await installMemoryDesk({ draft });
    await store().load();
    store().setType("text");
    expect(selectIssues(store()).map((p) => p.code)).toEqual(["content_empty"]);
    expect(await store().save()).toBe(false);
    expect(desk.calls).not.toContain("replies.save");

    store().updateReply({ type: "text", content: "签到成功" });
    expect(selectDirty(store())).toBe(true);
    expect(await store().save()).toBe(true);
    expect(desk.state.replies).toEqual({ click: { SIGN_IN: { type: "text", content: "签到成功" } } });
    expect(selectDirty(store())).toBe(false);
  });

  it("sends news articles without their empty optional fields", async () => {
    const desk = await installMemoryDesk({ draft });
    await store().load();
    store().select({ kind: "subscribe" });
    store().setType("news");
    store().updateReply({
      type: "news",
      articles: [{ title: "欢迎", description: "", picUrl: "", url: "https://example.com/" }],
    });
    await store().save();
    expect(desk.state.replies.subscribe).toEqual({
      type: "news",
      articles: [{ title: "欢迎", url: "https://example.com/" }],
    });
  });

  it("keeps what was typed under another type when switching back", async () => {
    await installMemoryDesk({ draft });
    await store().load();
    store().setType("text");
    store().updateReply({ type: "text", content: "你好" });
    store().setType("image");
    store().setType("none");
    store().setType("text");
    expect(store().draft.click.SIGN_IN).toEqual({ type: "text", content: "你好" });
  });

  it("shows the server's replies_invalid problems at their field until that reply is edited", async () => {
    const desk = await installMemoryDesk({ draft });
    await store().load();
    store().setType("text");
    store().updateReply({ type: "text", content: "ok" });
    desk.failNext("replies.save", {
      code: "replies_invalid",
      message: "Replies are invalid",
      messageZh: "回复设置有问题",
      details: {
        replyProblems: [
          {
            path: "click.SIGN_IN.content",
            code: "content_refused",
            message: "Server says no",
            messageZh: "服务器不接受",
          },
        ],
      },
    });
    expect(await store().save()).toBe(false);
    expect(store().saveError?.code).toBe("replies_invalid");
    expect(problemsAt(store(), 'click["SIGN_IN"].content')).toEqual([
      { zh: "服务器不接受", en: "Server says no" },
    ]);
    store().updateReply({ type: "text", content: "ok!" });
    expect(problemsAt(store(), 'click["SIGN_IN"].content')).toEqual([]);
  });

  it("adds a typed key with an empty text reply, and refuses a key already listed", async () => {
    await installMemoryDesk({ draft });
    await store().load();
    expect(store().addKey("  NEW_KEY ")).toBe(true);
    expect(store().selected).toEqual({ kind: "click", key: "NEW_KEY" });
    expect(store().draft.click.NEW_KEY).toEqual({ type: "text", content: "" });
    expect(store().addKey("CONTACT")).toBe(false);
    expect(store().selected).toEqual({ kind: "click", key: "CONTACT" });
  });

  it("taps the saved reply on the sandbox phone and keeps the result with its key", async () => {
    await installMemoryDesk({
      draft,
      replies: { click: { SIGN_IN: { type: "text", content: "已签到" } } },
      sandboxUsers: [{ openid: "o_test", nickname: "测试", headimgurl: "", snapshot: false }],
    });
    await store().load();
    await useSandboxUsersStore.getState().load();
    expect(useSandboxUsersStore.getState().chosen).toBe("o_test");
    expect(selectTargetDirty(store())).toBe(false);
    await store().tapInSandbox();
    expect(store().tap.result).toEqual({ ok: true, reply: { type: "text", content: "已签到" } });
    store().updateReply({ type: "text", content: "改了" });
    expect(selectTargetDirty(store())).toBe(true);
  });
});
