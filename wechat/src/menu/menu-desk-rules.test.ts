import { describe, expect, it } from "vitest";
import { checkDeskRules, validateDeskMenu } from "./menu-desk-rules.js";
import { menuErrcode } from "./menu-problem.js";
import type { Menu } from "./menu-types.js";
import { validateMenu } from "./menu-validate.js";

// The first-time admin's menu: 「扫码」 with two click buttons that ended up with the same key.
const scanMenu = (wbKey: string): Menu => ({
  button: [
    {
      name: "扫码",
      sub_button: [
        { type: "click", name: "微信", key: "wx_qr_code" },
        { type: "click", name: "微博", key: wbKey },
      ],
    },
    { type: "view", name: "我的主页", url: "https://example.com/oauth/start" },
  ],
});

describe("checkDeskRules — one key per button (wxdesk's rule, not WeChat's)", () => {
  it("names both buttons that share a key, on their key field, as wxdesk's rule without an errcode", () => {
    const problems = checkDeskRules(scanMenu("wx_qr_code"));
    expect(problems.map((p) => [p.path, p.code, p.rule, p.errcode])).toEqual([
      ["button[0].sub_button[0].key", "key_duplicate", "wxdesk", undefined],
      ["button[0].sub_button[1].key", "key_duplicate", "wxdesk", undefined],
    ]);
    expect(problems[0]?.messageZh).toContain("两个按钮用了同一个标识「wx_qr_code」");
    expect(problems[0]?.messageZh).toContain("「扫码 › 微博」");
    expect(problems[1]?.messageZh).toContain("「扫码 › 微信」");
    expect(problems[0]?.messageEn).toContain('Two buttons use the same button ID "wx_qr_code"');
  });

  it("WeChat itself accepts the menu: validateMenu stays silent and the errcode is WeChat's (none)", () => {
    const menu = scanMenu("wx_qr_code");
    expect(validateMenu(menu)).toEqual([]);
    expect(menuErrcode(validateDeskMenu(menu))).toBeUndefined();
  });

  it("passes different keys", () => {
    expect(checkDeskRules(scanMenu("wb_qr_code"))).toEqual([]);
  });

  it("compares keys exactly, as WeChat pushes them", () => {
    expect(checkDeskRules(scanMenu("WX_QR_CODE"))).toEqual([]);
  });

  it("counts every type that pushes its key (a scan button and a click button with one key clash)", () => {
    const menu: Menu = {
      button: [
        { type: "scancode_push", name: "扫一扫", key: "K" },
        { type: "click", name: "签到", key: "K" },
        { type: "location_select", name: "位置", key: "K" },
      ],
    };
    const problems = checkDeskRules(menu);
    expect(problems.map((p) => p.path)).toEqual(["button[0].key", "button[1].key", "button[2].key"]);
    expect(problems[0]?.messageZh).toContain("3 个按钮用了同一个标识「K」（其他的是「签到」「位置」）");
    expect(problems[0]?.actual).toBe(3);
  });

  it("ignores keys WeChat does not send: view buttons, containers' own action, empty keys", () => {
    const menu = {
      button: [
        { type: "view", name: "网页", url: "https://a.example/", key: "K" },
        { type: "click", name: "父", key: "K", sub_button: [{ type: "click", name: "子", key: "X" }] },
        { type: "click", name: "空", key: "" },
      ],
    };
    expect(checkDeskRules(menu)).toEqual([]);
  });

  it("never throws on malformed bodies", () => {
    for (const body of [null, [], "x", {}, { button: {} }, { button: [null, 1, { sub_button: [null] }] }]) {
      expect(checkDeskRules(body)).toEqual([]);
    }
  });

  it("validateDeskMenu lists WeChat's problems first, then wxdesk's, and its errcode is WeChat's first", () => {
    const menu = {
      button: [
        { type: "click", name: "a".repeat(17), key: "K" },
        { type: "click", name: "b", key: "K" },
      ],
    };
    const problems = validateDeskMenu(menu);
    expect(problems.map((p) => p.code)).toEqual(["name_too_long", "key_duplicate", "key_duplicate"]);
    expect(menuErrcode(problems)).toBe(40018);
  });
});
