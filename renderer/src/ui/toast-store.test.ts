import { afterEach, describe, expect, it } from "vitest";
import { showToast, useToastStore } from "./toast-store.js";

afterEach(() => useToastStore.getState().reset());

const published = { zh: "菜单已发布", en: "The menu is published" };

describe("toasts", () => {
  it("says the same thing once: a repeat replaces the toast still showing", () => {
    showToast({ kind: "success", text: published });
    showToast({ kind: "info", text: { zh: "已删除「首页」", en: 'Deleted "首页"' } });
    const last = showToast({ kind: "success", text: published, detail: { zh: "第二次", en: "again" } });
    const toasts = useToastStore.getState().toasts;
    expect(toasts.map((t) => t.text.zh)).toEqual(["已删除「首页」", "菜单已发布"]);
    expect(toasts.at(-1)?.id).toBe(last);
    expect(toasts.at(-1)?.detail?.en).toBe("again");
  });

  it("keeps toasts that carry an action apart (each 「撤销」 undoes its own delete)", () => {
    const undo = { label: { zh: "撤销", en: "Undo" }, run: () => undefined };
    showToast({ kind: "info", text: { zh: "已删除「子菜单」", en: 'Deleted "子菜单"' }, action: undo });
    showToast({ kind: "info", text: { zh: "已删除「子菜单」", en: 'Deleted "子菜单"' }, action: undo });
    expect(useToastStore.getState().toasts).toHaveLength(2);
  });
});
