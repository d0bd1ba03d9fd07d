import { afterEach, describe, expect, it, vi } from "vitest";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { deskError } from "../../testing/memory-desk-api.js";
import { click, menuOf, parent, sampleMenu, view } from "../../testing/menu-fixtures.js";
import { useToastStore } from "../../ui/toast-store.js";
import { useMenuRemoteStore } from "./menu-remote-store.js";
import {
  DRAFT_SAVE_DELAY_MS,
  selectButtons,
  selectMenu,
  selectProblems,
  useMenuStore,
} from "./menu-store.js";

const store = () => useMenuStore.getState();
const topNames = () => selectButtons(store()).map((b) => b.name);

afterEach(() => {
  vi.useRealTimers();
  store().reset();
  useMenuRemoteStore.getState().reset();
  uninstallDesk();
});

describe("menu store: opening", () => {
  it("opens the saved draft first, and selects the first button; the account's live menu follows", async () => {
    const desk = await installMemoryDesk({ draft: menuOf(view("草稿")), liveMenu: sampleMenu() });
    await store().open();
    expect(topNames()).toEqual(["草稿"]);
    expect(store().selectedId).toBe(selectButtons(store())[0]?.id);
    // Asked only once the draft was read: the editor does not share its start with the round trip to WeChat.
    const asked = desk.calls.filter((c) => c === "menu.loadDraft" || c === "menu.live");
    expect(asked).toEqual(["menu.loadDraft", "menu.live"]);
    await vi.waitFor(() => expect(useMenuRemoteStore.getState().live?.menu).toEqual(sampleMenu()));
  });

  it("starts from the account's live menu when there is no draft, or from nothing", async () => {
    await installMemoryDesk({ liveMenu: sampleMenu() });
    await store().open();
    expect(selectMenu(store())).toEqual(sampleMenu());
    store().reset();
    await installMemoryDesk();
    await store().open();
    expect(topNames()).toEqual([]);
    expect(selectProblems(store()).menu.map((p) => p.code)).toEqual(["no_buttons"]);
  });

  it("keeps the tree and its undo history when the screen is opened again for the same account", async () => {
    const desk = await installMemoryDesk({ draft: menuOf(view("A")) });
    await store().open();
    store().addTop("B");
    await store().open();
    expect(topNames()).toEqual(["A", "B"]);
    expect(desk.calls.filter((c) => c === "menu.loadDraft")).toHaveLength(1);
    store().undo();
    expect(topNames()).toEqual(["A"]);
  });

  it("reports a draft that cannot be read", async () => {
    const desk = await installMemoryDesk();
    desk.failNext("menu.loadDraft", deskError("network", "No answer", "没有响应"));
    await store().open();
    expect(store().phase).toBe("failed");
    expect(store().loadError?.messageZh).toBe("没有响应");
  });
});

describe("menu store: editing", () => {
  it("keeps to 3 top buttons and 5 sub-buttons whatever the UI asks", async () => {
    await installMemoryDesk();
    await store().open();
    for (let i = 0; i < 4; i++) store().addTop(`t${i}`);
    expect(topNames()).toEqual(["t0", "t1", "t2"]);
    const first = selectButtons(store())[0]?.id ?? "";
    for (let i = 0; i < 6; i++) store().addSub(first, `s${i}`);
    expect(selectButtons(store())[0]?.children).toHaveLength(5);
    expect(store().selectedId).toBe(selectButtons(store())[0]?.children[4]?.id);
  });

  it("undoes a run of typing in one step and selects what it touched", async () => {
    await installMemoryDesk({ draft: menuOf(view("A"), view("B")) });
    await store().open();
    const [a, b] = selectButtons(store());
    for (const name of ["搜", "搜索", "搜索页"]) store().edit(a?.id ?? "", { name }, "name");
    store().endTyping();
    store().select(b?.id ?? "");
    store().edit(b?.id ?? "", { url: "https://x.example/" }, "url");
    store().select(a?.id ?? "");
    store().undo();
    expect(selectButtons(store())[1]?.url).toBe("https://shop.example.com/");
    expect(store().selectedId).toBe(b?.id);
    store().undo();
    expect(topNames()).toEqual(["A", "B"]);
    expect(store().selectedId).toBe(a?.id);
    store().redo();
    expect(topNames()).toEqual(["搜索页", "B"]);
  });

  it("deletes with an undo in the toast, putting the button back where it was", async () => {
    await installMemoryDesk({ draft: menuOf(parent("P", view("a"), view("b"), view("c"))) });
    await store().open();
    const b = selectButtons(store())[0]?.children[1];
    store().remove(b?.id ?? "");
    expect(selectButtons(store())[0]?.children.map((c) => c.name)).toEqual(["a", "c"]);
    const toast = useToastStore.getState().toasts.at(-1);
    expect(toast?.text.zh).toBe("已删除「b」");
    toast?.action?.run();
    expect(selectButtons(store())[0]?.children.map((c) => c.name)).toEqual(["a", "b", "c"]);
    expect(store().selectedId).toBe(b?.id);
  });

  it("maps validation problems to the button being edited, live", async () => {
    await installMemoryDesk({ draft: menuOf(view("A")) });
    await store().open();
    const id = selectButtons(store())[0]?.id ?? "";
    expect(selectProblems(store()).all).toEqual([]);
    store().edit(id, { name: "这个名字实在太长了" }, "name");
    const problem = selectProblems(store()).byButton.get(id)?.fields.name?.[0];
    expect(problem).toMatchObject({ code: "name_too_long", limit: 16, actual: 27 });
  });

  it("refuses a move the rules forbid and leaves the tree alone", async () => {
    await installMemoryDesk({ draft: menuOf(parent("P", view("a")), view("L"), view("M")) });
    await store().open();
    const a = selectButtons(store())[0]?.children[0]?.id ?? "";
    const before = selectMenu(store());
    expect(store().move(a, { parentId: null, index: 0 })).toBe("top_full");
    expect(selectMenu(store())).toEqual(before);
  });
});

describe("menu store: draft saving", () => {
  it("saves once after a burst of edits", async () => {
    const desk = await installMemoryDesk({ draft: menuOf(view("A")) });
    await store().open();
    vi.useFakeTimers();
    const id = selectButtons(store())[0]?.id ?? "";
    for (const name of ["B", "Bo", "Box"]) store().edit(id, { name }, "name");
    expect(store().save.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_DELAY_MS);
    expect(desk.calls.filter((c) => c === "menu.saveDraft")).toHaveLength(1);
    expect(desk.state.draft?.menu).toEqual(menuOf(view("Box")));
    expect(store().save.state).toBe("saved");
  });

  it("says when the draft was not saved and saves again on request", async () => {
    const desk = await installMemoryDesk({ draft: menuOf(view("A")) });
    await store().open();
    desk.failNext("menu.saveDraft", deskError("disk_full", "Disk full", "磁盘满了"));
    store().addTop("B");
    await store().flushSave();
    expect(store().save.state).toBe("failed");
    await store().flushSave();
    expect(store().save.state).toBe("saved");
    expect(desk.state.draft?.menu.button.map((b) => b.name)).toEqual(["A", "B"]);
  });
});

describe("menu store: import and the account's menu", () => {
  it("imports a file as one undoable step and says how many things need fixing", async () => {
    await installMemoryDesk({ draft: menuOf(click("A")) });
    await store().open();
    store().importFile(JSON.stringify(menuOf(view("这个名字实在太长了"), view("B"))), "menu.json");
    expect(topNames()).toEqual(["这个名字实在太长了", "B"]);
    expect(useToastStore.getState().toasts.at(-1)?.detail?.zh).toBe("有 1 处需要修改，已在编辑器里标出。");
    store().undo();
    expect(topNames()).toEqual(["A"]);
  });

  it("refuses a file that is not a menu, saying why, and keeps the draft", async () => {
    await installMemoryDesk({ draft: menuOf(click("A")) });
    await store().open();
    store().importFile("hello", "notes.txt");
    expect(topNames()).toEqual(["A"]);
    const toast = useToastStore.getState().toasts.at(-1);
    expect(toast?.kind).toBe("error");
    expect(toast?.text.en).toBe('"notes.txt" was not imported');
  });

  it("loads the account's current menu into the editor (undoable)", async () => {
    const desk = await installMemoryDesk({ draft: menuOf(click("A")) });
    await store().open();
    desk.state.live = sampleMenu();
    await store().loadLive();
    expect(selectMenu(store())).toEqual(sampleMenu());
    store().undo();
    expect(topNames()).toEqual(["A"]);
  });
});
