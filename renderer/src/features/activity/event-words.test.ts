import type { ActivityEvent } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import { eventMessages } from "./event-messages.js";
import { asExplanation, describeEvent, nicknamesOf, shortOpenid } from "./event-words.js";

const zh = eventMessages["zh-CN"];
const en = eventMessages.en;
const OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";
const EXPLANATION = {
  errcode: 40030,
  errorClass: "credential",
  titleZh: "续期令牌无效",
  titleEn: "Invalid refresh token",
  detailZh: "这个续期令牌已经不能用了",
  detailEn: "This refresh token no longer works",
  fixZh: "请用户重新授权",
  fixEn: "Ask the user to authorize again",
};

let nextId = 1;
function event(type: string, data: Record<string, unknown>): ActivityEvent {
  return { id: nextId++, type, at: Date.UTC(2025, 2, 1, 6), data };
}
const inZh = (e: ActivityEvent, names?: Map<string, string>) => describeEvent(e, zh, true, names);
const inEn = (e: ActivityEvent, names?: Map<string, string>) => describeEvent(e, en, false, names);

describe("describeEvent", () => {
  it("says who authorized and how", () => {
    const e = event("authorization", {
      openid: OPENID,
      scope: "snsapi_userinfo",
      nickname: "张伟",
      firstTime: false,
    });
    expect(inZh(e)).toMatchObject({
      category: "authorization",
      failed: false,
      text: "张伟 授权登录（需用户确认）",
    });
    expect(inEn(e).text).toBe("张伟 authorized (asked first)");
    const first = event("authorization", { openid: OPENID, scope: "snsapi_base", firstTime: true });
    expect(inZh(first).text).toBe("用户 oLVPpj…3GLc 第一次授权登录（静默授权）");
  });

  it("says who signed in to which of the account's apps", () => {
    const e = event("app_sign_in", { clientId: "shop", appName: "商城", openid: OPENID, nickname: "李娜" });
    expect(inZh(e)).toMatchObject({
      category: "authorization",
      failed: false,
      text: "商城：李娜 登录",
      openid: OPENID,
    });
    expect(inEn(e).text).toBe("商城: 李娜 signed in");
    expect(inZh(event("app_sign_in", { clientId: "shop", openid: OPENID })).text).toBe(
      "shop：用户 oLVPpj…3GLc 登录",
    );
  });

  it("names a user by the nickname an earlier event carried", () => {
    const names = nicknamesOf([event("authorization", { openid: OPENID, nickname: "张伟" })]);
    const refresh = event("refresh", { openid: OPENID, trigger: "auto", accessExpiresAt: 1 });
    expect(inZh(refresh, names)).toMatchObject({ category: "refresh", text: "张伟 的访问令牌已自动续期" });
    expect(inEn(event("refresh", { openid: OPENID, trigger: "manual" }), names).text).toBe(
      "张伟's access token renewed by hand",
    );
    expect(inZh(event("refresh", { openid: OPENID, kind: "userinfo", nickname: "张小伟" })).text).toBe(
      "重新拉取了 张小伟 的资料",
    );
  });

  it("marks a failed check as a failure with its explanation, a good one not", () => {
    expect(inZh(event("check", { openid: OPENID, ok: true }))).toMatchObject({
      category: "check",
      failed: false,
    });
    const bad = inZh(event("check", { openid: OPENID, ok: false, errcode: 40030, explanation: EXPLANATION }));
    expect(bad).toMatchObject({
      category: "check",
      failed: true,
      text: "检查了 用户 oLVPpj…3GLc 的令牌：不能用了（续期令牌无效）",
    });
    expect(bad.explanation?.fixZh).toBe("请用户重新授权");
  });

  it("says what failed, in each known action, with WeChat's reason", () => {
    const failure = (action: string, extra: Record<string, unknown> = {}) =>
      inZh(event("failure", { action, errcode: 40030, explanation: EXPLANATION, ...extra }));
    expect(failure("refresh", { openid: OPENID, needsReauth: true })).toMatchObject({
      category: "failure",
      failed: true,
      text: "用户 oLVPpj…3GLc 的令牌续期失败：续期令牌无效，需要用户重新授权",
    });
    expect(failure("userinfo", { openid: OPENID }).text).toBe(
      "用户 oLVPpj…3GLc 的资料拉取失败：续期令牌无效",
    );
    expect(failure("oauth_exchange").text).toBe("有人授权登录失败：续期令牌无效");
    expect(failure("oauth_userinfo").text).toBe("授权登录后没拿到用户资料：续期令牌无效");
    expect(failure("fetch_access_token").text).toBe("获取公众号全局令牌失败：续期令牌无效");
    expect(failure("fetch_jsapi_ticket").text).toBe("获取网页分享功能的凭证失败：续期令牌无效");
    expect(failure("access_token_refused").text).toBe("刚重新获取的公众号全局令牌仍被微信拒绝：续期令牌无效");
    expect(failure("something_new").text).toBe("操作失败：续期令牌无效");
    expect(
      inEn(event("failure", { action: "refresh", openid: OPENID, errcode: 40030, explanation: EXPLANATION }))
        .text,
    ).toBe("Renewing User oLVPpj…3GLc's token failed: Invalid refresh token");
  });

  it("falls back to the errcode, then to 'unknown', when no explanation came", () => {
    expect(inZh(event("failure", { action: "refresh", openid: OPENID, errcode: 45011 })).text).toBe(
      "用户 oLVPpj…3GLc 的令牌续期失败：微信错误码 45011",
    );
    const bare = inEn(event("failure", {}));
    expect(bare).toMatchObject({ failed: true, text: "Something failed: reason unknown" });
    expect(bare.explanation).toBeUndefined();
  });

  it("says what happened to the menu, with its version", () => {
    expect(inZh(event("menu", { kind: "publish", versionId: 12, by: "admin", buttons: 3 }))).toMatchObject({
      category: "menu",
      text: "菜单已发布（第 12 版）",
    });
    expect(inZh(event("menu", { kind: "delete", versionId: 13 })).text).toBe("菜单已删除（第 13 版）");
    expect(inZh(event("menu", { kind: "rollback", versionId: 14, rollbackOf: 10 })).text).toBe(
      "菜单已回退到第 10 版（第 14 版）",
    );
    expect(inEn(event("menu", { kind: "rollback", versionId: 14 })).text).toBe(
      "Menu rolled back (version 14)",
    );
    expect(inZh(event("menu", { kind: "conditional_add", menuid: "208379533", matchrule: {} })).text).toBe(
      "新增了一个个性化菜单（编号 208379533）",
    );
    expect(inEn(event("menu", { kind: "conditional_delete", menuid: "208379533" })).text).toBe(
      "A conditional menu was deleted (ID 208379533)",
    );
    expect(inZh(event("menu", { kind: "future_kind" })).text).toBe("菜单有变动");
  });

  it("says what a user did on the account, never what they wrote", () => {
    const names = new Map([[OPENID, "张伟"]]);
    const msg = (data: Record<string, unknown>) => inZh(event("message", { openid: OPENID, ...data }), names);
    expect(msg({ msgType: "event", event: "subscribe", replied: true })).toMatchObject({
      category: "message",
      text: "张伟 关注了公众号，已自动回复",
    });
    expect(msg({ msgType: "event", event: "unsubscribe" }).text).toBe("张伟 取消了关注");
    expect(msg({ msgType: "event", event: "CLICK", eventKey: "V1001_GOOD" }).text).toBe(
      "张伟 点了菜单按钮（按钮标识「V1001_GOOD」）",
    );
    expect(msg({ msgType: "event", event: "VIEW", eventKey: "https://shop.example.com/" }).text).toBe(
      "张伟 点了菜单链接 https://shop.example.com/",
    );
    expect(msg({ msgType: "event", event: "SCAN" }).text).toBe("张伟 扫了二维码");
    expect(msg({ msgType: "event", event: "LOCATION" }).text).toBe("张伟 上报了位置");
    expect(msg({ msgType: "event", event: "scancode_push" }).text).toBe("张伟 触发了事件 scancode_push");
    expect(msg({ msgType: "text", replied: false }).text).toBe("张伟 发来一条文字消息");
    expect(msg({ msgType: "image" }).text).toBe("张伟 发来一张图片");
    expect(msg({ msgType: "miniprogrampage" }).text).toBe("张伟 发来一条消息（miniprogrampage）");
    expect(inEn(event("message", { openid: OPENID, msgType: "voice", replied: true }), names).text).toBe(
      "张伟 sent a voice message, auto-replied",
    );
  });

  it("explains a superseded global token as a failure with what is probably going on", () => {
    const line = inZh(
      event("token_superseded", {
        errcode: 40001,
        freshTokenAlsoFailed: true,
        explanation: { ...EXPLANATION, errcode: 40001 },
      }),
    );
    expect(line.failed).toBe(true);
    expect(line.text).toContain("AppSecret");
    expect(line.notes[0]).toContain("另一个系统可能在用同一个 AppSecret 获取令牌");
    expect(line.notes).toHaveLength(2);
    // Plain words in the note; the API names are for a developer and wait under 「详情」.
    expect(line.notes.join("")).not.toMatch(/stable_token|force_refresh/);
    expect(line.technical?.join("")).toContain("stable_token");
    expect(line.explanation?.errcode).toBe(40001);
    expect(inEn(event("token_superseded", {})).notes).toHaveLength(1);
  });

  it("says a cleared token cache and a replaced token key in words (the latter as a failure)", () => {
    const cleared = inZh(
      event("token_cache_cleared", { appid: "wx00000000000000a1", dropped: ["access_token"] }),
    );
    expect(cleared).toMatchObject({
      category: "other",
      failed: false,
      text: "已清除服务器保存的微信令牌，下次用到时重新获取",
    });
    const replaced = inZh(event("token_key_replaced", { fingerprint: "0123456789ab" }));
    expect(replaced.failed).toBe(true);
    expect(replaced.text).toContain("需要重新授权");
    expect(inEn(event("token_key_replaced", {})).text).toContain("must authorize again");
  });

  it("says a service key created or revoked, by its name, never a key", () => {
    expect(inZh(event("service_key", { kind: "created", id: "sk-1", name: "商城", by: "admin" })).text).toBe(
      "新建了「商城」的服务密钥",
    );
    expect(
      inZh(event("service_key", { kind: "revoked", id: "sk-1", name: "商城", by: "admin" })).text,
    ).toContain("撤销了「商城」的服务密钥");
    expect(inEn(event("service_key", { kind: "created", name: "Shop" })).text).toBe(
      'Created the service key of "Shop"',
    );
  });

  it("still gives a readable line for a type this app does not know", () => {
    expect(inZh(event("replay_truncated", { afterId: 3 }))).toMatchObject({
      category: "other",
      failed: false,
      text: "其他动态（replay_truncated）",
    });
    expect(inEn(event("quota_warning", {})).text).toBe("Other activity (quota_warning)");
  });

  it("survives data of the wrong shape", () => {
    const odd = event("authorization", { openid: 42, nickname: ["x"], scope: null });
    expect(inZh(odd).text).toBe("用户 ? 授权登录（需用户确认）");
    expect(inZh(event("check", { ok: false, explanation: { titleZh: "半个" } })).explanation).toBeUndefined();
  });
});

describe("helpers", () => {
  it("accepts only complete explanations", () => {
    expect(asExplanation(EXPLANATION)).toBe(EXPLANATION);
    expect(asExplanation({ ...EXPLANATION, fixEn: undefined })).toBeUndefined();
    expect(asExplanation("40030")).toBeUndefined();
  });

  it("shortens long openids only", () => {
    expect(shortOpenid(OPENID)).toBe("oLVPpj…3GLc");
    expect(shortOpenid("o123")).toBe("o123");
  });
});
