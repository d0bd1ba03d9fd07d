import type { MenuProblem } from "@wxdesk/wechat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthHarness, startOAuthHarness } from "../oauth/testing/oauth-test-harness.js";
import type { LiveMenu } from "./menu-live.js";
import { adminApi, asShown, type ErrorAnswer, sampleMenu, sandboxMenu } from "./testing/menu-test-client.js";

const VIP_BUTTONS = [
  { type: "click" as const, name: "会员专享", key: "VIP_DEAL" },
  { type: "view" as const, name: "会员中心", url: "https://example.com/vip" },
];

describe("conditional menu routes", () => {
  let h: OAuthHarness;
  /** Fixture users: 张伟 has tag 100 (iOS), 刘洋🚀 has no tag (Android). */
  let tagged: string;
  let untagged: string;
  beforeAll(async () => {
    h = await startOAuthHarness();
    tagged = h.users.find((u) => u.nickname === "张伟")!.openid;
    untagged = h.users.find((u) => u.nickname === "刘洋🚀")!.openid;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const menuEvents = async () =>
    (await h.ctx.store.listEvents({ afterId: 0, limit: 500 })).filter((e) => e.type === "menu");

  it("without a default menu: 502 wechat_error 65303 explaining that a default menu comes first", async () => {
    expect((await adminApi(h, "DELETE", "/menu")).status).toBe(200);
    const { status, body } = await adminApi<ErrorAnswer>(h, "POST", "/menu/conditional", {
      body: { button: VIP_BUTTONS, matchrule: { tag_id: "100" } },
    });
    expect(status).toBe(502);
    expect(body.error).toMatchObject({ code: "wechat_error", errcode: 65303 });
    const explanation = body.error.explanation as Record<string, string>;
    expect(explanation.titleZh).toContain("默认菜单");
    expect(explanation.fixZh).toContain("先发布一个默认菜单");
    expect(explanation.fixEn).toContain("Publish a default menu before adding personalised menus");
    expect((await menuEvents()).some((e) => e.data.kind === "conditional_add")).toBe(false);
  });

  it("adds, shows (menuid string, tag_id), matches, and deletes a personalised menu", async () => {
    const base = sampleMenu("默认");
    expect((await adminApi(h, "PUT", "/menu", { body: base })).status).toBe(200);

    // A number for tag_id is accepted and sent as the string WeChat expects (§7.5).
    const added = await adminApi<{ menuid: string }>(h, "POST", "/menu/conditional", {
      body: { button: VIP_BUTTONS, matchrule: { tag_id: 100, client_platform_type: "" } },
    });
    expect(added.status).toBe(200);
    expect(added.body.menuid).toMatch(/^\d+$/);
    const { menuid } = added.body;

    // WeChat's menu/get says group_id: 100 and menuid as a number; the API says tag_id "100" and a string.
    const raw = await sandboxMenu(h);
    expect(raw.conditionalmenu).toEqual([
      expect.objectContaining({ matchrule: { group_id: 100 }, menuid: Number(menuid) }),
    ]);
    const live = await adminApi<LiveMenu>(h, "GET", "/menu");
    expect(live.body).toEqual({
      menu: { button: asShown(base.button) },
      conditional: [{ menuid, button: asShown(VIP_BUTTONS), matchrule: { tag_id: "100" } }],
    });

    const vip = await adminApi<{ button: unknown[] }>(h, "POST", "/menu/trymatch", {
      body: { user_id: tagged },
    });
    expect(vip.status).toBe(200);
    expect(vip.body.button).toEqual(asShown(VIP_BUTTONS));
    const plain = await adminApi<{ button: unknown[] }>(h, "POST", "/menu/trymatch", {
      body: { user_id: untagged },
    });
    expect(plain.body.button).toEqual(asShown(base.button));

    const removed = await adminApi(h, "DELETE", `/menu/conditional/${menuid}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ ok: true });
    expect((await adminApi<LiveMenu>(h, "GET", "/menu")).body.conditional).toEqual([]);
    const after = await adminApi<{ button: unknown[] }>(h, "POST", "/menu/trymatch", {
      body: { user_id: tagged },
    });
    expect(after.body.button).toEqual(asShown(base.button));

    const events = await menuEvents();
    expect(events.find((e) => e.data.kind === "conditional_add")?.data).toEqual({
      kind: "conditional_add",
      menuid,
      matchrule: { tag_id: "100" },
      by: "admin",
    });
    expect(events.find((e) => e.data.kind === "conditional_delete")?.data).toEqual({
      kind: "conditional_delete",
      menuid,
      by: "admin",
    });
  });

  it("refuses a rule with privacy fields and broken buttons: 400 menu_invalid, nothing sent", async () => {
    expect((await adminApi(h, "PUT", "/menu", { body: sampleMenu("默认") })).status).toBe(200);
    const callsBefore = await h.calls();
    const { status, body } = await adminApi<ErrorAnswer>(h, "POST", "/menu/conditional", {
      body: {
        button: [{ type: "click", name: "没有 key" }],
        matchrule: { sex: "1", city: "广州", client_platform_type: "4" },
      },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("menu_invalid");
    expect(body.error.messageZh).toContain("个性化菜单");
    const problems = body.error.problems as MenuProblem[];
    expect(problems.map((p) => [p.path, p.errcode])).toEqual([
      ["button[0].key", 40019],
      ["matchrule.sex", 65320],
      ["matchrule.city", 65320],
      ["matchrule.city", 65311],
      ["matchrule.client_platform_type", 47001],
    ]);
    const empty = await adminApi<ErrorAnswer>(h, "POST", "/menu/conditional", {
      body: { button: VIP_BUTTONS, matchrule: {} },
    });
    expect(empty.status).toBe(400);
    expect((empty.body.error.problems as MenuProblem[])[0]).toMatchObject({
      path: "matchrule",
      errcode: 65304,
    });
    expect((await h.calls())["/cgi-bin/menu/addconditional"]).toBe(
      callsBefore["/cgi-bin/menu/addconditional"],
    );
  });

  it("explains WeChat's refusals: unknown menuid (65301), unknown user (65302)", async () => {
    const gone = await adminApi<ErrorAnswer>(h, "DELETE", "/menu/conditional/1");
    expect(gone.status).toBe(502);
    expect(gone.body.error).toMatchObject({ code: "wechat_error", errcode: 65301 });
    expect((gone.body.error.explanation as Record<string, string>).fixZh).toContain("刷新菜单列表");

    const nobody = await adminApi<ErrorAnswer>(h, "POST", "/menu/trymatch", {
      body: { user_id: "oNobodyAtAll" },
    });
    expect(nobody.status).toBe(502);
    expect(nobody.body.error).toMatchObject({ code: "wechat_error", errcode: 65302 });
    expect((nobody.body.error.explanation as Record<string, string>).fixZh).toContain("openid");
  });
});
