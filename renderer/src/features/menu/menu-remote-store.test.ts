import { afterEach, describe, expect, it } from "vitest";
import { useAppStore } from "../../app/app-store.js";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { deskError } from "../../testing/memory-desk-api.js";
import { click, menuOf, sampleMenu, view } from "../../testing/menu-fixtures.js";
import { useToastStore } from "../../ui/toast-store.js";
import { useMenuRemoteStore } from "./menu-remote-store.js";
import { selectButtons, selectMenu, useMenuStore } from "./menu-store.js";

const remote = () => useMenuRemoteStore.getState();
const editor = () => useMenuStore.getState();

afterEach(() => {
  editor().reset();
  remote().reset();
  uninstallDesk();
});

describe("publishing", () => {
  it("reviews the changes in words, publishes the saved draft, closes and says it once with the 5-minute note", async () => {
    const desk = await installMemoryDesk({ liveMenu: menuOf(click("A")) });
    await editor().open();
    editor().addTop("新菜单");
    editor().edit(selectButtons(editor())[1]?.id ?? "", { url: "https://shop.example.com/" });
    await remote().beginPublish();
    expect(remote().publish.step).toBe("review");
    expect(remote().publish.changes?.map((c) => c.descriptionZh)).toEqual(["新增「新菜单」"]);
    // The draft was saved before comparing, so nothing is lost if publishing fails.
    expect(desk.state.draft?.menu).toEqual(selectMenu(editor()));
    const toastsBefore = useToastStore.getState().toasts.length;
    // A real account's server (not the local sandbox): WeChat's phones refresh the menu lazily.
    useAppStore.setState((s) => ({ profiles: s.profiles.map((p) => ({ ...p, local: false })) }));
    await remote().publishDraft();
    expect(remote().publish.step).toBe("closed");
    expect(desk.state.live).toEqual(selectMenu(editor()));
    expect(remote().live?.menu).toEqual(selectMenu(editor()));
    const toasts = useToastStore.getState().toasts.slice(toastsBefore);
    expect(toasts.map((t) => t.text.zh)).toEqual(["菜单已发布"]);
    expect(toasts[0]?.detail?.zh).toContain("手机上最多 5 分钟后可见");
  });

  it("shows WeChat's explanation when publishing fails", async () => {
    const desk = await installMemoryDesk({ draft: menuOf(view("A")) });
    await editor().open();
    await remote().beginPublish();
    const explanation = {
      errcode: 40055,
      errorClass: "request" as const,
      titleZh: "网址的域名不被接受",
      titleEn: "The URL's domain is not accepted",
      detailZh: "d",
      detailEn: "d",
      fixZh: "f",
      fixEn: "f",
    };
    desk.failNext("menu.publish", {
      ...deskError("wechat_error", "WeChat refused", "微信拒绝了"),
      details: { explanation },
    });
    await remote().publishDraft();
    expect(remote().publish.step).toBe("failed");
    expect(remote().publish.error?.details?.explanation?.errcode).toBe(40055);
    expect(desk.state.live).toBeNull();
  });

  it("returns the server's problems when the menu does not pass", async () => {
    await installMemoryDesk({ draft: menuOf(view("这个名字实在太长了")) });
    await editor().open();
    await remote().beginPublish();
    await remote().publishDraft();
    expect(remote().publish.problems?.map((p) => p.code)).toEqual(["name_too_long"]);
  });

  const stopped = () =>
    deskError("sandbox_stopped", "The local sandbox is not running.", "本地沙箱没有运行，请先启动它。");

  it("a stopped local sandbox: 「启动沙箱」 starts it, then shows the changes again to confirm", async () => {
    const desk = await installMemoryDesk({ draft: menuOf(view("A")) });
    await editor().open();
    desk.state.sandbox = { running: false };
    desk.failNext("menu.live", stopped());
    await remote().beginPublish();
    expect(remote().publish.step).toBe("failed");
    expect(remote().publish.error?.code).toBe("sandbox_stopped");
    await remote().startSandboxAndContinue();
    expect(desk.calls).toContain("sandbox.start");
    expect(desk.state.sandbox.running).toBe(true);
    expect(remote().publish.step).toBe("review");
    expect(remote().publish.changes?.map((c) => c.descriptionZh)).toEqual(["新增「A」"]);
    await remote().publishDraft();
    expect(desk.state.live).toEqual(menuOf(view("A")));
  });

  it("a sandbox that does not start keeps the dialog on the failure, with why", async () => {
    const desk = await installMemoryDesk({ draft: menuOf(view("A")) });
    await editor().open();
    desk.state.sandbox = { running: false };
    desk.failNext("menu.live", stopped());
    await remote().beginPublish();
    desk.failNext("sandbox.start", deskError("port_busy", "The port is taken", "端口被占用"));
    await remote().startSandboxAndContinue();
    expect(remote().publish.step).toBe("failed");
    expect(remote().publish.error?.code).toBe("sandbox_stopped");
    expect(desk.state.live).toBeNull();
  });
});

describe("history, rollback and delete", () => {
  it("rolls back to an older version on the account and in the editor", async () => {
    const desk = await installMemoryDesk({ draft: sampleMenu() });
    await editor().open();
    await desk.menu.publish(sampleMenu());
    await desk.menu.publish(menuOf(view("新")));
    await remote().loadVersions();
    const oldest = remote().versions?.at(-1);
    expect(remote().versions).toHaveLength(2);
    expect(await remote().rollback(oldest?.id ?? 0)).toBe(true);
    expect(desk.state.live).toEqual(sampleMenu());
    expect(selectMenu(editor())).toEqual(sampleMenu());
    expect(desk.state.versions.at(-1)?.kind).toBe("rollback");
  });

  it("deletes the account's menu and keeps the draft", async () => {
    const desk = await installMemoryDesk({ draft: sampleMenu(), liveMenu: sampleMenu() });
    await editor().open();
    expect(await remote().removeMenu()).toBe(true);
    expect(desk.state.live).toBeNull();
    expect(remote().live?.menu).toBeNull();
    expect(selectMenu(editor())).toEqual(sampleMenu());
  });

  it("tells a support profile it may not, without changing anything", async () => {
    const desk = await installMemoryDesk({ role: "support", liveMenu: sampleMenu() });
    await editor().open();
    expect(await remote().removeMenu()).toBe(false);
    expect(desk.state.live).toEqual(sampleMenu());
    expect(useToastStore.getState().toasts.at(-1)?.detail?.zh).toBe("客服账号不能修改菜单");
  });
});
