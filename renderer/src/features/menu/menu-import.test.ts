import { describe, expect, it } from "vitest";
import { menuOf, parent, sampleMenu, view } from "../../testing/menu-fixtures.js";
import { menuFileText, parseMenuFile } from "./menu-import.js";

describe("parseMenuFile", () => {
  it("reads back what export writes, Chinese kept as is", () => {
    const text = menuFileText(sampleMenu());
    expect(text).toContain("今日歌曲");
    expect(parseMenuFile(text)).toEqual({ ok: true, menu: sampleMenu() });
  });

  it("accepts a menu/get answer and drops what WeChat adds or the editor does not know", () => {
    const text = JSON.stringify({
      menu: {
        menuid: 1,
        button: [
          { ...view("A"), sub_button: [], extra: 1 },
          { name: "P", sub_button: [view("b")] },
        ],
      },
    });
    expect(parseMenuFile(`\uFEFF${text}`)).toEqual({
      ok: true,
      menu: menuOf(view("A"), parent("P", view("b"))),
    });
  });

  it("imports a menu with rule problems (they are marked in the editor) but refuses what is not a menu", () => {
    expect(parseMenuFile(JSON.stringify(menuOf(view("这个名字实在是太长了"))))).toMatchObject({ ok: true });
    expect(parseMenuFile("")).toEqual({ ok: false, reason: "empty" });
    expect(parseMenuFile("{button: [")).toEqual({ ok: false, reason: "not_json" });
    expect(parseMenuFile(JSON.stringify({ buttons: [] }))).toEqual({ ok: false, reason: "not_menu" });
    expect(parseMenuFile(JSON.stringify({ button: ["x"] }))).toEqual({ ok: false, reason: "not_menu" });
    const deep = menuOf(parent("P", { name: "Q", sub_button: [view("r")] }));
    expect(parseMenuFile(JSON.stringify(deep))).toEqual({ ok: false, reason: "too_deep" });
    expect(parseMenuFile(`${" ".repeat(600 * 1024)}{}`)).toEqual({ ok: false, reason: "too_big" });
  });
});
