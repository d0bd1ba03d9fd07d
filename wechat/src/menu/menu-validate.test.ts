import { describe, expect, it } from "vitest";
import { menuErrcode } from "./menu-problem.js";
import type { Menu, MenuButton } from "./menu-types.js";
import { validateMenu } from "./menu-validate.js";

// §7.1 canonical example.
const canonical: Menu = {
  button: [
    { type: "click", name: "今日歌曲", key: "V1001_TODAY_MUSIC" },
    {
      name: "菜单",
      sub_button: [
        { type: "view", name: "搜索", url: "http://www.soso.com/" },
        {
          type: "miniprogram",
          name: "wxa",
          url: "http://mp.weixin.qq.com",
          appid: "wx286b93c14bbf93aa",
          pagepath: "pages/lunar/index",
        },
        { type: "click", name: "赞一下我们", key: "V1001_GOOD" },
      ],
    },
  ],
};

const click = (over: Partial<MenuButton> = {}): MenuButton => ({
  type: "click",
  name: "A",
  key: "K",
  ...over,
});
const view = (url: string, over: Partial<MenuButton> = {}): MenuButton => ({
  type: "view",
  name: "V",
  url,
  ...over,
});
const parent = (sub_button: unknown[], over: Record<string, unknown> = {}) => ({
  name: "P",
  sub_button,
  ...over,
});
const summary = (menu: unknown) => validateMenu(menu).map((p) => [p.path, p.code, p.errcode]);

describe("validateMenu — valid menus", () => {
  it("accepts the §7.1 canonical example", () => {
    expect(validateMenu(canonical)).toEqual([]);
    expect(menuErrcode(validateMenu(canonical))).toBeUndefined();
  });

  it("accepts every button type with its required field", () => {
    const menu = {
      button: [
        parent([
          click({ type: "scancode_push" }),
          click({ type: "scancode_waitmsg" }),
          click({ type: "pic_sysphoto" }),
          click({ type: "pic_photo_or_album" }),
          click({ type: "pic_weixin" }),
        ]),
        parent([
          click({ type: "location_select" }),
          { type: "media_id", name: "m", media_id: "MEDIA" },
          { type: "view_limited", name: "m", media_id: "MEDIA" },
          { type: "article_id", name: "a", article_id: "ART" },
          { type: "article_view_limited", name: "a", article_id: "ART" },
        ]),
        view("https://example.com/a?b=c"),
      ],
    };
    expect(validateMenu(menu)).toEqual([]);
  });

  it("accepts exactly 16 bytes top-level and 60 bytes sub-level names", () => {
    const menu = { button: [parent([click({ name: "字".repeat(20) })], { name: "a".repeat(16) })] };
    expect(validateMenu(menu)).toEqual([]);
  });

  it("accepts the menu/get shape (empty sub_button everywhere)", () => {
    const menu = {
      button: [{ ...click(), sub_button: [] }, parent([{ ...click(), sub_button: [] }])],
    };
    expect(validateMenu(menu)).toEqual([]);
  });

  it("accepts exactly 3 link domains, counting repeats once", () => {
    const menu = {
      button: [
        view("http://a.example/1"),
        view("https://a.example/2"),
        parent([view("http://b.example"), view("http://C.example/x")]),
      ],
    };
    expect(validateMenu(menu)).toEqual([]);
  });
});

describe("validateMenu — body and counts", () => {
  it.each([
    ["null", null, "", "body_not_object", 47001],
    ["an array", [], "", "body_not_object", 47001],
    ["a string", "menu", "", "body_not_object", 47001],
    ["no button", {}, "button", "button_missing", 40016],
    ["button not a list", { button: {} }, "button", "button_missing", 40016],
    ["no buttons", { button: [] }, "button", "no_buttons", 40016],
  ])("rejects %s", (_label, menu, path, code, errcode) => {
    expect(summary(menu)).toEqual([[path, code, errcode]]);
  });

  it("rejects 4 top-level buttons with limit and actual", () => {
    const problems = validateMenu({ button: [click(), click(), click(), click()] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: "button",
      code: "too_many_buttons",
      errcode: 40016,
      limit: 3,
      actual: 4,
    });
    expect(problems[0]?.messageZh).toBe("一级菜单最多 3 个，现在 4 个");
  });

  it("rejects 6 sub-buttons with 40023", () => {
    const problems = validateMenu({
      button: [parent([click(), click(), click(), click(), click(), click()])],
    });
    expect(problems.map((p) => [p.path, p.code, p.errcode, p.limit, p.actual])).toEqual([
      ["button[0].sub_button", "too_many_sub_buttons", 40023, 5, 6],
    ]);
  });

  it("rejects an empty sub_button list on a button without action", () => {
    expect(summary({ button: [parent([])] })).toEqual([["button[0].sub_button", "no_sub_buttons", 40023]]);
  });

  it("rejects a sub_button that is not a list", () => {
    expect(summary({ button: [parent({} as unknown as unknown[])] })).toEqual([
      ["button[0].sub_button", "sub_button_not_array", 40023],
    ]);
  });

  it("rejects a button that is not an object", () => {
    expect(summary({ button: ["x", parent([42])] })).toEqual([
      ["button[0]", "button_not_object", 47001],
      ["button[1].sub_button[0]", "button_not_object", 47001],
    ]);
  });

  it("rejects a third level with 40022", () => {
    expect(summary({ button: [parent([parent([click()])])] })).toContainEqual([
      "button[0].sub_button[0].sub_button",
      "too_deep",
      40022,
    ]);
  });
});

describe("validateMenu — names", () => {
  it("counts CJK as 3 bytes: 7 characters = 21 bytes at top level", () => {
    const problems = validateMenu({ button: [click({ name: "今日歌曲推荐啊" })] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: "button[0].name",
      code: "name_too_long",
      errcode: 40018,
      limit: 16,
      actual: 21,
      messageZh: "菜单名称最多 16 个字节（约 5 个汉字），现在 21 个字节",
    });
    expect(problems[0]?.messageEn).toContain("at most 16 bytes");
  });

  it("counts emoji as 4 bytes", () => {
    const problems = validateMenu({ button: [click({ name: "😀😀😀😀A" })] }); // 17 bytes
    expect(problems[0]).toMatchObject({ code: "name_too_long", limit: 16, actual: 17 });
  });

  it("uses 40025 and 60 bytes for sub-button names", () => {
    const problems = validateMenu({
      button: [parent([click(), click(), click(), click({ name: "字".repeat(21) })])],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: "button[0].sub_button[3].name",
      code: "name_too_long",
      errcode: 40025,
      limit: 60,
      actual: 63,
    });
    expect(problems[0]?.messageZh).toBe("子菜单名称最多 60 个字节（约 20 个汉字），现在 63 个字节");
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["blank", "   "],
    ["not text", 5],
  ])("rejects a %s name (top 40018, sub 40025)", (_label, name) => {
    const menu = { button: [click({ name: name as string }), parent([click({ name: name as string })])] };
    expect(summary(menu)).toEqual([
      ["button[0].name", "name_empty", 40018],
      ["button[1].sub_button[0].name", "name_empty", 40025],
    ]);
  });
});

describe("validateMenu — types and their fields", () => {
  it("rejects a top-level button with neither action nor sub_button with 65308", () => {
    expect(summary({ button: [{ name: "X" }] })).toEqual([["button[0]", "no_action", 65308]]);
  });

  it("rejects a sub-button without a type with 65308", () => {
    expect(summary({ button: [parent([{ name: "X" }])] })).toEqual([
      ["button[0].sub_button[0].type", "type_missing", 65308],
    ]);
  });

  it("rejects unknown types with 40017 (top) and 40024 (sub)", () => {
    const menu = {
      button: [
        click({ type: "news" as MenuButton["type"] }),
        parent([click({ type: "text" as MenuButton["type"] })]),
      ],
    };
    expect(summary(menu)).toEqual([
      ["button[0].type", "unknown_type", 40017],
      ["button[1].sub_button[0].type", "unknown_type", 40024],
    ]);
  });

  it("rejects a type that is not text with 40015", () => {
    expect(summary({ button: [{ name: "X", type: 1 }] })).toEqual([
      ["button[0].type", "type_invalid", 40015],
    ]);
  });

  it.each([
    "click",
    "scancode_push",
    "scancode_waitmsg",
    "pic_sysphoto",
    "pic_photo_or_album",
    "pic_weixin",
    "location_select",
  ])("requires a key for %s", (type) => {
    const menu = { button: [{ type, name: "A" }, parent([{ type, name: "B", key: "" }])] };
    expect(summary(menu)).toEqual([
      ["button[0].key", "key_missing", 40019],
      ["button[1].sub_button[0].key", "key_missing", 40026],
    ]);
  });

  it("rejects a key over 128 bytes", () => {
    const problems = validateMenu({
      button: [click({ key: "k".repeat(128) }), parent([click({ key: "键".repeat(43) })])],
    });
    expect(problems.map((p) => [p.path, p.code, p.errcode, p.limit, p.actual])).toEqual([
      ["button[1].sub_button[0].key", "key_too_long", 40026, 128, 129],
    ]);
  });

  it.each(["view", "miniprogram"])("requires a url for %s", (type) => {
    const extra = type === "miniprogram" ? { appid: "wx286b93c14bbf93aa", pagepath: "p/i" } : {};
    const menu = { button: [{ type, name: "A", ...extra }, parent([{ type, name: "B", ...extra }])] };
    expect(summary(menu)).toEqual([
      ["button[0].url", "url_missing", 40020],
      ["button[1].sub_button[0].url", "url_missing", 40027],
    ]);
  });

  it("rejects a url over 1024 bytes", () => {
    const long = `https://example.com/${"a".repeat(1005)}`; // 1025 bytes
    const problems = validateMenu({ button: [view(long)] });
    expect(problems.map((p) => [p.path, p.code, p.errcode, p.limit, p.actual])).toEqual([
      ["button[0].url", "url_too_long", 40020, 1024, 1025],
    ]);
  });

  it.each(["www.qq.com", "ftp://qq.com/x", "javascript:alert(1)", "/relative", "http://exa mple.com"])(
    "rejects the non-absolute-http url %s",
    (url) => {
      expect(summary({ button: [view(url), parent([view(url)])] })).toEqual([
        ["button[0].url", "url_invalid", 40055],
        ["button[1].sub_button[0].url", "url_invalid", 40054],
      ]);
    },
  );

  it.each(["media_id", "view_limited"])("requires media_id for %s", (type) => {
    expect(summary({ button: [{ type, name: "A" }] })).toEqual([
      ["button[0].media_id", "media_id_missing", 65308],
    ]);
  });

  it.each(["article_id", "article_view_limited"])("requires article_id for %s", (type) => {
    expect(summary({ button: [{ type, name: "A" }] })).toEqual([
      ["button[0].article_id", "article_id_missing", 65308],
    ]);
  });

  it("requires appid and pagepath for miniprogram", () => {
    expect(summary({ button: [{ type: "miniprogram", name: "A", url: "https://a.example" }] })).toEqual([
      ["button[0].appid", "appid_missing", 40013],
      ["button[0].pagepath", "pagepath_missing", 65308],
    ]);
  });

  it("rejects a malformed miniprogram appid", () => {
    const button = {
      type: "miniprogram",
      name: "A",
      url: "https://a.example",
      appid: "wx286B93C14BBF93AA",
      pagepath: "p",
    };
    expect(summary({ button: [button] })).toEqual([["button[0].appid", "appid_invalid", 40013]]);
  });

  it("ignores the type of a top-level button that has sub-buttons", () => {
    expect(validateMenu({ button: [parent([click()], { type: "click" })] })).toEqual([]);
  });
});

describe("validateMenu — domains and many problems", () => {
  it("rejects a 4th distinct url domain with 65316", () => {
    const menu = {
      button: [
        view("http://a.example"),
        parent([view("http://b.example"), view("http://c.example")]),
        {
          type: "miniprogram",
          name: "m",
          url: "https://d.example/x",
          appid: "wx286b93c14bbf93aa",
          pagepath: "p/i",
        },
      ],
    };
    const problems = validateMenu(menu);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: "button[2].url",
      code: "too_many_domains",
      errcode: 65316,
      limit: 3,
      actual: 4,
    });
    expect(problems[0]?.messageZh).toContain("a.example, b.example, c.example, d.example");
    expect(menuErrcode(problems)).toBe(65316);
  });

  it("reports every problem in document order and the first one's errcode", () => {
    const menu = {
      button: [
        click({ name: "", key: "" }),
        parent([view("nope"), { name: "x".repeat(61), type: "bogus" }, click()]),
        { name: "C" },
        click(),
      ],
    };
    expect(summary(menu)).toEqual([
      ["button", "too_many_buttons", 40016],
      ["button[0].name", "name_empty", 40018],
      ["button[0].key", "key_missing", 40019],
      ["button[1].sub_button[0].url", "url_invalid", 40054],
      ["button[1].sub_button[1].name", "name_too_long", 40025],
      ["button[1].sub_button[1].type", "unknown_type", 40024],
      ["button[2]", "no_action", 65308],
    ]);
    expect(menuErrcode(validateMenu(menu))).toBe(40016);
  });

  it("gives a zh-CN and an English message for every problem", () => {
    const problems = validateMenu({ button: [{ name: "" }, parent([{ type: "miniprogram", name: "m" }])] });
    for (const problem of problems) {
      expect(problem.messageZh).not.toBe(problem.code);
      expect(problem.messageEn).not.toBe(problem.code);
    }
  });
});
