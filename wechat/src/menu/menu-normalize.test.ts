import { describe, expect, it } from "vitest";
import { normalizeMenuForGet } from "./menu-normalize.js";
import type { Menu } from "./menu-types.js";

describe("normalizeMenuForGet (§7.3)", () => {
  it("adds sub_button: [] to every button without sub-buttons, at both levels", () => {
    const menu: Menu = {
      button: [
        { type: "click", name: "今日歌曲", key: "V1001_TODAY_MUSIC" },
        { name: "菜单", sub_button: [{ type: "view", name: "搜索", url: "http://www.soso.com/" }] },
      ],
    };
    expect(normalizeMenuForGet(menu)).toEqual({
      button: [
        { type: "click", name: "今日歌曲", key: "V1001_TODAY_MUSIC", sub_button: [] },
        {
          name: "菜单",
          sub_button: [{ type: "view", name: "搜索", url: "http://www.soso.com/", sub_button: [] }],
        },
      ],
    });
  });

  it("does not change its input", () => {
    const menu: Menu = { button: [{ type: "click", name: "A", key: "K" }] };
    normalizeMenuForGet(menu);
    expect(menu.button[0]).not.toHaveProperty("sub_button");
  });
});
