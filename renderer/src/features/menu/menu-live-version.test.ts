import type { MenuVersionView } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import { click, menuOf, view } from "../../testing/menu-fixtures.js";
import { liveVersionId } from "./menu-live-version.js";

const v = (id: number, kind: MenuVersionView["kind"], menu: MenuVersionView["menu"]): MenuVersionView => ({
  id,
  kind,
  at: id * 1000,
  by: "admin",
  menu,
});

// Newest first, as menu.history answers.
const versions = [
  v(3, "rollback", menuOf(click("A"))),
  v(2, "publish", menuOf(view("B"))),
  v(1, "publish", menuOf(click("A"))),
];

describe("liveVersionId", () => {
  it("the newest version whose menu is the live one (menu/get's sub_button: [] and field order do not matter)", () => {
    const live = {
      menu: { button: [{ sub_button: [], key: "KEY", name: "A", type: "click" as const }] },
      conditional: [],
    };
    expect(liveVersionId(versions, live)).toBe(3);
    expect(liveVersionId(versions, { menu: menuOf(view("B")), conditional: [] })).toBe(2);
  });

  it("the last publish is not current when the account has no menu (it was forgotten or deleted elsewhere)", () => {
    expect(liveVersionId(versions, { menu: null, conditional: [] })).toBeUndefined();
    expect(liveVersionId([v(4, "delete", null), ...versions], { menu: null, conditional: [] })).toBe(4);
  });

  it("nothing is current when the live menu is unknown or matches no version", () => {
    expect(liveVersionId(versions, undefined)).toBeUndefined();
    expect(liveVersionId(versions, { menu: menuOf(click("Z")), conditional: [] })).toBeUndefined();
  });
});
