import { menuErrcode, validateConditionalMenu, validateMenu } from "@wxdesk/wechat/menu";
import { describe, expect, it } from "vitest";
import { conditionalMenuVerdict, menuCreateVerdict } from "./menu-rules.js";

/*
 * One corpus, two judges: wechat/'s validateMenu (what the desk tells the user before sending) and the
 * sandbox's own rules (what the stand-in answers). They are written apart on purpose; this test is
 * where they must agree, and `expected` pins what the protocol sheet (§7.1, §7.2, §7.5) says, so a
 * mistake shared by both still fails.
 */

const CJK = "菜"; // 3 UTF-8 bytes
const APPID = "wx286b93c14bbf93aa";
const click = (name: string, key = "K"): Record<string, unknown> => ({ type: "click", name, key });
const view = (url: string, name = "看"): Record<string, unknown> => ({ type: "view", name, url });
const menu = (...button: unknown[]): Record<string, unknown> => ({ button });
const group = (...sub_button: unknown[]): Record<string, unknown> => ({ name: "组", sub_button });
const repeat = (n: number, make: (i: number) => unknown): unknown[] =>
  Array.from({ length: n }, (_, i) => make(i));
const mini = (fields: Record<string, unknown>): Record<string, unknown> => ({
  type: "miniprogram",
  name: "小程序",
  url: "https://mp.weixin.qq.com/",
  appid: APPID,
  pagepath: "pages/index",
  ...fields,
});
/** An ASCII url of exactly `n` bytes. */
const urlOf = (n: number): string => {
  const head = "https://a.example/";
  return head + "p".repeat(n - head.length);
};

/** [label, body, errcode WeChat answers (undefined: accepted)]. */
const MENUS: Array<[string, unknown, number | undefined]> = [
  // accepted
  [
    "the sheet's canonical example",
    menu(
      click("今日歌曲", "V1001_TODAY_MUSIC"),
      group(view("http://www.soso.com/", "搜索"), mini({ name: "wxa" }), click("赞一下我们", "V1001_GOOD")),
    ),
    undefined,
  ],
  [
    "every key type",
    menu(
      group(
        ...["click", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_weixin"].map((type) => ({
          type,
          name: type,
          key: "K",
        })),
      ),
      group(
        { type: "pic_photo_or_album", name: "相册", key: "K" },
        { type: "location_select", name: "位置", key: "K" },
      ),
    ),
    undefined,
  ],
  [
    "media and article types",
    menu(
      group(
        { type: "media_id", name: "图", media_id: "M" },
        { type: "view_limited", name: "图文", media_id: "M" },
        { type: "article_id", name: "文", article_id: "A" },
        { type: "article_view_limited", name: "读", article_id: "A" },
      ),
    ),
    undefined,
  ],
  [
    "a menu read back from menu/get (sub_button: [] everywhere)",
    menu({ ...click("a"), sub_button: [] }, group({ ...click("b"), sub_button: [] })),
    undefined,
  ],
  [
    "3 top items, 5 sub-buttons (the limits)",
    menu(click("a"), click("b"), group(...repeat(5, (i) => click(`s${i}`)))),
    undefined,
  ],
  ["top name of 16 bytes", menu(click("a".repeat(16))), undefined],
  ["top name of 5 CJK (15 bytes)", menu(click(CJK.repeat(5))), undefined],
  ["sub name of 60 bytes", menu(group(click(CJK.repeat(20)))), undefined],
  ["key of 128 bytes", menu(click("a", "k".repeat(128))), undefined],
  ["url of 1024 bytes", menu(view(urlOf(1024))), undefined],
  [
    "3 link domains, one repeated in other case",
    menu(
      view("https://a.example/"),
      view("https://B.example/"),
      group(view("https://b.example/x"), view("http://c.example/")),
    ),
    undefined,
  ],
  // the body
  ["body is an array", [click("a")], 47001],
  ["no button list", {}, 40016],
  ["button is not a list", { button: click("a") }, 40016],
  ["0 top items", menu(), 40016],
  ["4 top items", menu(...repeat(4, (i) => click(`t${i}`))), 40016],
  ["a top item that is a string", menu("click"), 47001],
  // names
  ["top name of 17 bytes", menu(click("a".repeat(17))), 40018],
  ["top name of 6 CJK (18 bytes)", menu(click(CJK.repeat(6))), 40018],
  ["top name of 5 CJK + 2 ASCII (17 bytes)", menu(click(`${CJK.repeat(5)}ab`)), 40018],
  ["top name missing", menu({ type: "click", key: "K" }), 40018],
  ["top name blank", menu(click("  ")), 40018],
  ["top name a number", menu(click(7 as unknown as string)), 40018],
  ["sub name of 61 bytes", menu(group(click(`${CJK.repeat(20)}a`))), 40025],
  ["sub name missing", menu(group({ type: "click", key: "K" })), 40025],
  ["emoji name: 4 × 4 bytes = 16", menu(click("😀".repeat(4))), undefined],
  ["emoji name: 4 × 4 + 1 bytes", menu(click(`${"😀".repeat(4)}a`)), 40018],
  // structure
  ["0 sub-buttons", menu(group()), 40023],
  ["6 sub-buttons", menu(group(...repeat(6, (i) => click(`s${i}`)))), 40023],
  ["sub_button not a list", menu({ name: "组", sub_button: click("a") }), 40023],
  ["third level", menu(group({ ...click("s"), sub_button: [click("x")] })), 40022],
  ["top item with neither type nor sub_button", menu({ name: "空" }), 65308],
  ["top item with empty sub_button and no type", menu({ name: "空", sub_button: [] }), 40023],
  ["sub-button without type", menu(group({ name: "s" })), 65308],
  ["a sub-button that is null", menu(group(null)), 47001],
  // types
  ["unknown top type", menu({ type: "text", name: "a" }), 40017],
  ["unknown sub type", menu(group({ type: "news", name: "a" })), 40024],
  ["type not a string", menu({ type: 1, name: "a" }), 40015],
  ["type named like an Object property", menu({ type: "toString", name: "a" }), 40017],
  // keys
  ["top key missing", menu({ type: "click", name: "a" }), 40019],
  ["top key of 129 bytes", menu(click("a", "k".repeat(129))), 40019],
  ["top key of 43 CJK (129 bytes)", menu(click("a", CJK.repeat(43))), 40019],
  ["sub key missing", menu(group({ type: "scancode_push", name: "s" })), 40026],
  ["sub key of 129 bytes", menu(group(click("s", "k".repeat(129)))), 40026],
  ["key a number", menu({ type: "click", name: "a", key: 5 }), 40019],
  // urls
  ["top url missing", menu({ type: "view", name: "a" }), 40020],
  ["top url of 1025 bytes", menu(view(urlOf(1025))), 40020],
  ["sub url missing", menu(group({ type: "view", name: "s" })), 40027],
  ["sub url of 1025 bytes", menu(group(view(urlOf(1025)))), 40027],
  ["top url without a scheme", menu(view("www.example.com")), 40055],
  ["top url with ftp scheme", menu(view("ftp://example.com/")), 40055],
  ["top url javascript:", menu(view("javascript:alert(1)")), 40055],
  ["sub url with a space", menu(group(view("https://example.com/a b"))), 40054],
  ["sub url without a host", menu(group(view("https://"))), 40054],
  // other required fields
  ["media_id missing", menu({ type: "media_id", name: "a" }), 65308],
  ["view_limited media_id blank", menu({ type: "view_limited", name: "a", media_id: " " }), 65308],
  ["article_id missing", menu(group({ type: "article_id", name: "s" })), 65308],
  ["miniprogram without url", menu(mini({ url: undefined })), 40020],
  ["miniprogram without appid", menu(mini({ appid: undefined })), 40013],
  ["miniprogram appid in upper case", menu(mini({ appid: APPID.toUpperCase().replace("WX", "wx") })), 40013],
  ["miniprogram appid 1 char short", menu(mini({ appid: APPID.slice(0, -1) })), 40013],
  ["miniprogram without pagepath", menu(mini({ pagepath: "" })), 65308],
  // domains and order
  [
    "4 link domains",
    menu(
      view("https://a.example/"),
      view("https://b.example/"),
      group(view("https://c.example/"), mini({ url: "https://d.example/" })),
    ),
    65316,
  ],
  [
    "4 domains and a bad name: the name comes first",
    menu(
      view("https://a.example/"),
      view("https://b.example/"),
      group(view("https://c.example/"), view("https://d.example/"), click("")),
    ),
    40025,
  ],
  [
    "two problems: the first in document order wins",
    menu(click("a".repeat(17)), { type: "view", name: "b" }),
    40018,
  ],
  ["4 top items with bad names: the count comes first", menu(...repeat(4, () => click(""))), 40016],
  ["duplicate keys and names are WeChat's to accept", menu(click("同", "K"), click("同", "K")), undefined],
];

/** addconditional bodies: [label, body, errcode]. */
const CONDITIONAL: Array<[string, unknown, number | undefined]> = [
  ["tag rule", { ...menu(click("a")), matchrule: { tag_id: "2" } }, undefined],
  ["platform rule", { ...menu(click("a")), matchrule: { client_platform_type: "2" } }, undefined],
  [
    "unused fields as empty strings",
    { ...menu(click("a")), matchrule: { tag_id: "2", sex: "", city: "" } },
    undefined,
  ],
  ["no matchrule", menu(click("a")), 65304],
  ["empty matchrule", { ...menu(click("a")), matchrule: {} }, 65304],
  ["only unknown fields", { ...menu(click("a")), matchrule: { group_id: "2" } }, 65304],
  ["matchrule a list", { ...menu(click("a")), matchrule: [] }, 47001],
  ["privacy field sex", { ...menu(click("a")), matchrule: { tag_id: "2", sex: "1" } }, 65320],
  ["city without province", { ...menu(click("a")), matchrule: { city: "广州" } }, 65320],
  ["platform 4", { ...menu(click("a")), matchrule: { client_platform_type: "4" } }, 47001],
  ["platform as a number", { ...menu(click("a")), matchrule: { client_platform_type: 1 } }, 47001],
  ["tag not numeric", { ...menu(click("a")), matchrule: { tag_id: "vip" } }, 47001],
  ["bad buttons and a bad rule: the buttons first", { ...menu(click("")), matchrule: {} }, 40018],
];

describe("the sandbox's menu rules and wechat/'s validator give the same verdict", () => {
  it.each(MENUS)("menu/create: %s", (_label, body, expected) => {
    expect(menuErrcode(validateMenu(body))).toBe(expected);
    expect(menuCreateVerdict(body)).toBe(expected);
  });

  it.each(CONDITIONAL)("addconditional: %s", (_label, body, expected) => {
    expect(menuErrcode(validateConditionalMenu(body))).toBe(expected);
    expect(conditionalMenuVerdict(body)).toBe(expected);
  });
});
