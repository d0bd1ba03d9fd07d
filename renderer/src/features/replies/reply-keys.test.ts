import type { Menu } from "@wxdesk/wechat/menu";
import { describe, expect, it } from "vitest";
import { collectClickKeys, replyRows } from "./reply-keys.js";

const draft: Menu = {
  button: [
    { type: "click", name: "签到", key: "SIGN_IN" },
    {
      name: "服务",
      sub_button: [
        { type: "view", name: "官网", url: "https://example.com" },
        { type: "click", name: "联系我们", key: "CONTACT" },
        { type: "scancode_push", name: "扫一扫", key: "SCAN" },
      ],
    },
    // menu/get puts sub_button: [] on every button (§7.3): still a button with an action.
    { type: "click", name: "今日", key: "TODAY", sub_button: [] },
  ],
};
const live: Menu = {
  button: [
    { type: "click", name: "旧签到", key: "SIGN_IN" },
    { type: "click", name: "活动", key: "EVENT" },
  ],
};

describe("collectClickKeys", () => {
  it("walks top buttons and sub-buttons, keeps only click buttons, names sub-buttons with their parent", () => {
    const keys = collectClickKeys({
      draft,
      live,
      conditional: [{ button: [{ type: "click", name: "会员", key: "VIP" }] }],
    });
    expect(keys).toEqual([
      {
        key: "SIGN_IN",
        buttons: [
          { name: "签到", source: "draft" },
          { name: "旧签到", source: "live" },
        ],
      },
      { key: "CONTACT", buttons: [{ name: "服务 › 联系我们", source: "draft" }] },
      { key: "TODAY", buttons: [{ name: "今日", source: "draft" }] },
      { key: "EVENT", buttons: [{ name: "活动", source: "live" }] },
      { key: "VIP", buttons: [{ name: "会员", source: "conditional" }] },
    ]);
  });

  it("gives nothing for no menus", () => {
    expect(collectClickKeys({ draft: null, live: null })).toEqual([]);
  });
});

describe("replyRows", () => {
  it("puts menu keys first with their replies, then replies whose key no button carries, flagged", () => {
    const keys = collectClickKeys({ draft });
    const rows = replyRows(keys, {
      ZZZ_OLD: { type: "text", content: "old" },
      CONTACT: { type: "text", content: "电话 123" },
      AAA_OLD: { type: "image", mediaId: "m1" },
    });
    expect(rows.map((r) => [r.key, r.reply?.type ?? "-", r.orphan])).toEqual([
      ["SIGN_IN", "-", false],
      ["CONTACT", "text", false],
      ["TODAY", "-", false],
      ["AAA_OLD", "image", true],
      ["ZZZ_OLD", "text", true],
    ]);
  });

  it("does not take a key like __proto__ or constructor from Object.prototype", () => {
    const rows = replyRows([{ key: "constructor", buttons: [{ name: "x", source: "draft" }] }], {});
    expect(rows[0]?.reply).toBeUndefined();
  });
});
