import { describe, expect, it } from "vitest";
import { MENU_BUTTON_TABLE, typesNeeding } from "./menu-button-table.js";
import { MENU_BUTTON_TYPES } from "./menu-types.js";

describe("MENU_BUTTON_TABLE (§7.1)", () => {
  it("has a row, with a name in both languages, for every type menu/create accepts", () => {
    expect(Object.keys(MENU_BUTTON_TABLE).sort()).toEqual([...MENU_BUTTON_TYPES].sort());
    for (const row of Object.values(MENU_BUTTON_TABLE)) {
      expect(row.zh).not.toBe("");
      expect(row.en).toMatch(/^[A-Z]/);
    }
  });

  it("gives the sheet's required fields: key for the seven event types, url for view and miniprogram", () => {
    expect([...typesNeeding("key")].sort()).toEqual(
      [
        "click",
        "location_select",
        "pic_photo_or_album",
        "pic_sysphoto",
        "pic_weixin",
        "scancode_push",
        "scancode_waitmsg",
      ].sort(),
    );
    expect([...typesNeeding("url")].sort()).toEqual(["miniprogram", "view"]);
    expect(MENU_BUTTON_TABLE.miniprogram.fields).toEqual(["appid", "pagepath", "url"]);
  });
});
