import type { ConditionalMenu } from "@wxdesk/electron/desk-api";
import { afterEach, describe, expect, it } from "vitest";
import { useAppStore } from "../../app/app-store.js";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { click, menuOf, view } from "../../testing/menu-fixtures.js";
import { useToastStore } from "../../ui/toast-store.js";
import {
  needsDefaultMenu,
  selectNewButtons,
  selectProblems,
  useConditionalStore,
} from "./conditional-store.js";

const store = () => useConditionalStore.getState();
const live = menuOf(click("签到", "SIGN"), view("官网"));
const draft = menuOf(click("会员专享", "VIP"));
const old: ConditionalMenu = {
  menuid: "208379533",
  button: menuOf(click("老会员", "OLD_VIP")).button,
  matchrule: { tag_id: "2", sex: "1" },
};

afterEach(() => {
  store().reset();
  uninstallDesk();
});

describe("conditional store", () => {
  it("loads the live menus and the draft, and starts from the draft when there is no live menu", async () => {
    await installMemoryDesk({ liveMenu: live, draft, conditional: [old] });
    await store().load();
    expect(store().live?.conditional.map((c) => c.menuid)).toEqual(["208379533"]);
    expect(selectNewButtons(store())).toEqual(live.button);
    store().setSource("draft");
    expect(selectNewButtons(store())).toEqual(draft.button);
    store().reset();
    await installMemoryDesk({ liveMenu: null, draft });
    await store().load();
    expect(store().source).toBe("draft");
  });

  it("keeps only set rule fields and checks them as WeChat does", async () => {
    await installMemoryDesk({ liveMenu: live });
    await store().load();
    expect(selectProblems(store()).map((p) => p.code)).toEqual(["matchrule_empty"]);
    store().setRule({ tag_id: "abc", client_platform_type: "2" });
    expect(selectProblems(store()).map((p) => `${p.path}:${p.code}`)).toEqual([
      "matchrule.tag_id:tag_id_invalid",
    ]);
    store().setRule({ tag_id: "" });
    expect(store().rule).toEqual({ client_platform_type: "2" });
    expect(selectProblems(store())).toEqual([]);
    // The same inputs give the same array (components select it).
    expect(selectProblems(store())).toBe(selectProblems(store()));
  });

  it("refuses a copied rule with a field WeChat rejects since 2021 until it is removed, then adds", async () => {
    const desk = await installMemoryDesk({ liveMenu: live, conditional: [old] });
    await store().load();
    store().startFrom("208379533");
    expect(store().source).toBe("copy");
    const privacy = selectProblems(store()).find((p) => p.path === "matchrule.sex");
    expect(privacy).toMatchObject({ code: "privacy_field", errcode: 65320 });
    expect(await store().add()).toBe(false);
    expect(desk.calls).not.toContain("menu.addConditional");

    store().setRule({ sex: "" });
    expect(await store().add()).toBe(true);
    expect(desk.state.conditional.at(-1)).toMatchObject({ button: old.button, matchrule: { tag_id: "2" } });
    expect(store().rule).toEqual({});
    expect(store().live?.conditional).toHaveLength(2);
  });

  it("after adding, says when phones show it: at once on the local sandbox, within 5 minutes on a real account", async () => {
    for (const local of [true, false]) {
      await installMemoryDesk({ liveMenu: live });
      useAppStore.setState((s) => ({ profiles: s.profiles.map((p) => ({ ...p, local })) }));
      await store().load();
      store().setRule({ client_platform_type: "1" });
      const before = useToastStore.getState().toasts.length;
      expect(await store().add()).toBe(true);
      const texts = useToastStore
        .getState()
        .toasts.slice(before)
        .map((t) => t.text.zh);
      expect(texts).toEqual([
        local ? "个性化菜单已添加，本地沙箱的手机马上就能看到" : "个性化菜单已添加，手机上最多 5 分钟后更新",
      ]);
      store().reset();
      uninstallDesk();
    }
  });

  it("recognises WeChat's 65303 (no default menu yet)", async () => {
    const desk = await installMemoryDesk({ liveMenu: live });
    await store().load();
    store().setRule({ client_platform_type: "1" });
    desk.failNext("menu.addConditional", {
      code: "wechat_error",
      message: "no default menu",
      messageZh: "没有默认菜单",
      details: { errcode: 65303 },
    });
    expect(await store().add()).toBe(false);
    expect(needsDefaultMenu(store().addError)).toBe(true);
    expect(needsDefaultMenu({ code: "network", message: "x", messageZh: "x" })).toBe(false);
  });

  it("deletes only after confirmation and reloads", async () => {
    const desk = await installMemoryDesk({ liveMenu: live, conditional: [old] });
    await store().load();
    store().askDelete("208379533");
    expect(desk.calls).not.toContain("menu.deleteConditional");
    await store().confirmRemove();
    expect(desk.state.conditional).toEqual([]);
    expect(store().live?.conditional).toEqual([]);
    expect(store().confirmDelete).toBeUndefined();
  });

  it("asks WeChat which menu a user sees and names it", async () => {
    await installMemoryDesk({ liveMenu: live, conditional: [old], matches: { o_vip: "208379533" } });
    await store().load();
    store().setUserId(" o_vip ");
    await store().tryMatch();
    expect(store().match).toMatchObject({
      userId: "o_vip",
      which: { kind: "conditional", menuid: "208379533" },
    });
    store().setUserId("o_anyone");
    await store().tryMatch();
    expect(store().match?.which).toEqual({ kind: "default" });
  });
});
