import type { LiveMenu } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import { click, menuOf, parent, view } from "../../testing/menu-fixtures.js";
import { identifyMenu, sameButtons } from "./menu-identity.js";

const base = menuOf(click("签到", "SIGN"), parent("更多", view("官网")));
const vip = menuOf(click("会员", "VIP"));
const live: LiveMenu = {
  menu: base,
  conditional: [{ menuid: "401", button: vip.button, matchrule: { tag_id: "2" } }],
};

describe("identifyMenu", () => {
  it("names the conditional menu or the default one trymatch answered with", () => {
    expect(identifyMenu(vip.button, live)).toEqual({ kind: "conditional", menuid: "401" });
    expect(identifyMenu(base.button, live)).toEqual({ kind: "default" });
    expect(identifyMenu(menuOf(click("别的", "X")).button, live)).toEqual({ kind: "unknown" });
    expect(identifyMenu(base.button, undefined)).toEqual({ kind: "unknown" });
  });

  it("ignores menu/get's empty sub_button lists and field order (§7.3)", () => {
    const fromGet = [
      { key: "SIGN", name: "签到", type: "click" as const, sub_button: [] },
      {
        name: "更多",
        sub_button: [
          { url: "https://shop.example.com/", type: "view" as const, name: "官网", sub_button: [] },
        ],
      },
    ];
    expect(sameButtons(fromGet, base.button)).toBe(true);
    expect(sameButtons(fromGet, vip.button)).toBe(false);
  });

  it("prefers the newest (last listed) of conditional menus with the same buttons", () => {
    const twice: LiveMenu = {
      menu: base,
      conditional: [
        { menuid: "1", button: vip.button, matchrule: { tag_id: "1" } },
        { menuid: "2", button: vip.button, matchrule: { tag_id: "2" } },
      ],
    };
    expect(identifyMenu(vip.button, twice)).toEqual({ kind: "conditional", menuid: "2" });
  });
});
