import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { createWeChatClient, type MenuProblem } from "@wxdesk/wechat";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redisUrlForTests, storeBackends } from "../../testing/test-server.js";
import { type OAuthHarness, startOAuthHarness } from "../oauth/testing/oauth-test-harness.js";
import type { MenuVersionView } from "./menu-change.js";
import type { LiveMenu } from "./menu-live.js";
import {
  adminApi,
  asShown,
  type ErrorAnswer,
  sampleMenu,
  sandboxMenu,
  setFaults,
} from "./testing/menu-test-client.js";

const redisUrl = redisUrlForTests();
const backends = storeBackends(redisUrl);

interface VersionAnswer {
  ok: boolean;
  version: MenuVersionView;
}

describe.each(backends)("menu routes ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ redisUrl });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });
  afterEach(async () => {
    await setFaults(h, []);
  });

  const history = async (limit?: number) =>
    (
      await adminApi<{ versions: MenuVersionView[] }>(
        h,
        "GET",
        `/menu/history${limit === undefined ? "" : `?limit=${limit}`}`,
      )
    ).body.versions;
  const publish = (menu: unknown) => adminApi<VersionAnswer>(h, "PUT", "/menu", { body: menu });
  const menuEvents = async () =>
    (await h.ctx.store.listEvents({ afterId: 0, limit: 500 })).filter((e) => e.type === "menu");

  it("publishes a valid menu, records it, announces it, and reads it back live and from the sandbox", async () => {
    const menu = sampleMenu("春季活动");
    const before = Date.now();
    const { status, body } = await publish(menu);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.version).toMatchObject({ kind: "publish", by: "admin", menu });
    expect(body.version.at).toBeGreaterThanOrEqual(before);
    expect(body.version).not.toHaveProperty("rollbackOf");

    const live = await adminApi<LiveMenu>(h, "GET", "/menu");
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ menu: { button: asShown(menu.button) }, conditional: [] });
    expect((await sandboxMenu(h)).menu?.button).toEqual(asShown(menu.button));

    expect((await history(1))[0]).toEqual(body.version);
    const event = (await menuEvents()).find((e) => e.data.versionId === body.version.id);
    expect(event?.data).toEqual({ kind: "publish", versionId: body.version.id, by: "admin", buttons: 2 });
  });

  it("refuses a menu with mistakes: 400 menu_invalid with every problem, and WeChat keeps the old menu", async () => {
    const good = sampleMenu("旧菜单");
    expect((await publish(good)).status).toBe(200);
    const versionsBefore = await history(100);
    const bad = {
      button: [
        { type: "click", name: "这个名字实在是太长了超过十六字节", key: "K1" },
        {
          name: "更多",
          sub_button: [
            { type: "view", name: "a", url: "https://example.com/a" },
            { type: "view", name: "b", url: "https://example.com/b" },
            { type: "click", name: "c", key: "KC" },
            { type: "view", name: "", url: "ftp://example.com/" },
          ],
        },
        { type: "teleport", name: "传送" },
      ],
    };
    const { status, body } = await adminApi<ErrorAnswer>(h, "PUT", "/menu", { body: bad });
    expect(status).toBe(400);
    expect(body.error.code).toBe("menu_invalid");
    expect(body.error.messageZh).toContain("没有提交给微信");
    const problems = body.error.problems as MenuProblem[];
    expect(problems.map((p) => p.path)).toEqual([
      "button[0].name",
      "button[1].sub_button[3].name",
      "button[1].sub_button[3].url",
      "button[2].type",
    ]);
    for (const problem of problems) {
      expect(problem.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.messageEn).toMatch(/[a-z]{3,}/);
      expect(problem.errcode).toBeGreaterThan(0);
    }
    expect(body.error.errcode).toBe(problems[0]?.errcode);

    expect((await sandboxMenu(h)).menu?.button).toEqual(asShown(good.button));
    expect(await history(100)).toEqual(versionsBefore);
  });

  it("refuses two buttons with one key (wxdesk's rule: WeChat would take it), nothing sent to WeChat", async () => {
    const good = sampleMenu("旧菜单");
    expect((await publish(good)).status).toBe(200);
    const twins = {
      button: [
        {
          name: "扫码",
          sub_button: [
            { type: "click", name: "微信", key: "wx_qr_code" },
            { type: "click", name: "微博", key: "wx_qr_code" },
          ],
        },
      ],
    };
    const { status, body } = await adminApi<ErrorAnswer>(h, "PUT", "/menu", { body: twins });
    expect(status).toBe(400);
    expect(body.error.code).toBe("menu_invalid");
    // Not WeChat's rule, so the message does not blame WeChat, and there is no errcode of WeChat's.
    expect(body.error.messageZh).toBe("菜单有 2 处需要修改，没有提交给微信");
    expect(body.error.errcode).toBeUndefined();
    const problems = body.error.problems as MenuProblem[];
    expect(problems.map((p) => [p.path, p.code, p.rule])).toEqual([
      ["button[0].sub_button[0].key", "key_duplicate", "wxdesk"],
      ["button[0].sub_button[1].key", "key_duplicate", "wxdesk"],
    ]);
    expect((await sandboxMenu(h)).menu?.button).toEqual(asShown(good.button));
  });

  it("lists the history newest first, bounded by limit", async () => {
    const a = (await publish(sampleMenu("甲"))).body.version;
    const b = (await publish(sampleMenu("乙"))).body.version;
    const c = (await publish(sampleMenu("丙"))).body.version;
    expect(a.id).toBeLessThan(b.id);
    expect(b.id).toBeLessThan(c.id);
    expect((await history(3)).map((v) => v.id)).toEqual([c.id, b.id, a.id]);
    expect(await history(2)).toEqual([c, b]);
    const all = await history();
    expect(all.length).toBeLessThanOrEqual(20);
    expect(all.map((v) => v.id)).toEqual([...all.map((v) => v.id)].sort((x, y) => y - x));
  });

  it("deletes the menu: recorded as a delete version, GET menu answers menu null (46003)", async () => {
    expect((await publish(sampleMenu("将删除"))).status).toBe(200);
    const { status, body } = await adminApi<VersionAnswer>(h, "DELETE", "/menu");
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, version: { kind: "delete", menu: null, by: "admin" } });
    expect((await sandboxMenu(h)).errcode).toBe(46003);
    expect((await adminApi<LiveMenu>(h, "GET", "/menu")).body).toEqual({ menu: null, conditional: [] });
    expect((await history(1))[0]).toEqual(body.version);
  });

  it("rolls back to an earlier publish, and to a delete (no menu)", async () => {
    const spring = (await publish(sampleMenu("春"))).body.version;
    const deleted = (await adminApi<VersionAnswer>(h, "DELETE", "/menu")).body.version;
    expect((await publish(sampleMenu("夏"))).status).toBe(200);

    const back = await adminApi<VersionAnswer>(h, "POST", `/menu/rollback/${spring.id}`);
    expect(back.status).toBe(200);
    expect(back.body.version).toMatchObject({ kind: "rollback", rollbackOf: spring.id, menu: spring.menu });
    expect((await sandboxMenu(h)).menu?.button).toEqual(asShown(sampleMenu("春").button));

    const none = await adminApi<VersionAnswer>(h, "POST", `/menu/rollback/${deleted.id}`);
    expect(none.status).toBe(200);
    expect(none.body.version).toMatchObject({ kind: "rollback", rollbackOf: deleted.id, menu: null });
    expect((await sandboxMenu(h)).errcode).toBe(46003);

    // Rolling back to a rollback publishes what that rollback published.
    const again = await adminApi<VersionAnswer>(h, "POST", `/menu/rollback/${back.body.version.id}`);
    expect(again.body.version).toMatchObject({ kind: "rollback", rollbackOf: back.body.version.id });
    expect((await sandboxMenu(h)).menu?.button).toEqual(asShown(sampleMenu("春").button));

    expect((await history(3)).map((v) => [v.kind, v.rollbackOf])).toEqual([
      ["rollback", back.body.version.id],
      ["rollback", deleted.id],
      ["rollback", spring.id],
    ]);
    const events = (await menuEvents()).filter((e) => e.data.kind === "rollback");
    expect(events.find((e) => e.data.versionId === none.body.version.id)?.data).toMatchObject({
      rollbackOf: deleted.id,
      buttons: 0,
    });
  });

  it("answers 404 unknown_version for a version that does not exist, and changes nothing", async () => {
    const versionsBefore = await history(100);
    const { status, body } = await adminApi<ErrorAnswer>(h, "POST", "/menu/rollback/987654321");
    expect(status).toBe(404);
    expect(body.error.code).toBe("unknown_version");
    expect(body.error.messageZh).toContain("987654321");
    expect(await history(100)).toEqual(versionsBefore);
  });

  it("a WeChat refusal (40164 IP whitelist) → 502 wechat_error naming the IP to whitelist; nothing recorded", async () => {
    const current = sampleMenu("现行");
    expect((await publish(current)).status).toBe(200);
    const versionsBefore = await history(100);
    await setFaults(h, [{ path: "/cgi-bin/menu/create", rate: 1, errcode: 40164 }]);

    const { status, body } = await adminApi<ErrorAnswer>(h, "PUT", "/menu", { body: sampleMenu("不会发布") });
    expect(status).toBe(502);
    expect(body.error.code).toBe("wechat_error");
    expect(body.error.errcode).toBe(40164);
    expect(body.error.messageZh).toContain("IP 白名单");
    const explanation = body.error.explanation as Record<string, string>;
    expect(explanation.fixZh).toContain("127.0.0.1");
    expect(explanation.fixZh).toContain("IP 白名单");
    expect(explanation.fixEn).toContain("Add the server's outgoing IP 127.0.0.1");
    expect(explanation.callerIp).toBe("127.0.0.1");
    expect(await history(100)).toEqual(versionsBefore);

    // The same for delete and rollback: WeChat said no, so the history says nothing happened.
    await setFaults(h, [{ path: "/cgi-bin/menu/*", rate: 1, errcode: -1 }]);
    expect((await adminApi<ErrorAnswer>(h, "DELETE", "/menu")).status).toBe(502);
    const rollback = await adminApi<ErrorAnswer>(h, "POST", `/menu/rollback/${versionsBefore[0]?.id}`);
    expect(rollback.status).toBe(502);
    expect(rollback.body.error.errcode).toBe(-1);
    expect(await history(100)).toEqual(versionsBefore);
    await setFaults(h, []);
    expect((await sandboxMenu(h)).menu?.button).toEqual(asShown(current.button));
  });

  it("publishes after another system superseded the global token: one refetch, then success", async () => {
    expect((await publish(sampleMenu("之前"))).status).toBe(200); // our token is cached and in use
    const other = createWeChatClient({ apiBase: h.sandbox.url });
    const theirs = await other.getStableAccessToken({
      appid: SANDBOX_DEFAULTS.appid,
      secret: SANDBOX_DEFAULTS.secret,
      forceRefresh: true,
    });
    const callsBefore = await h.calls();

    const menu = sampleMenu("之后");
    const { status, body } = await publish(menu);
    expect(status).toBe(200);
    expect(body.version.menu).toEqual(menu);
    const callsAfter = await h.calls();
    // First create answered 40001, one stable_token refetch, the second create went through.
    expect((callsAfter["/cgi-bin/stable_token"] ?? 0) - (callsBefore["/cgi-bin/stable_token"] ?? 0)).toBe(1);
    expect((callsAfter["/cgi-bin/menu/create"] ?? 0) - (callsBefore["/cgi-bin/menu/create"] ?? 0)).toBe(2);
    expect(await h.ctx.globalTokens.getAccessToken()).toBe(theirs.accessToken);
    expect((await sandboxMenu(h)).menu?.button).toEqual(asShown(menu.button));
    const superseded = (await h.ctx.store.listEvents({ afterId: 0, limit: 500 })).filter(
      (e) => e.type === "token_superseded",
    );
    expect(superseded.length).toBeGreaterThanOrEqual(1);
  });

  it("never puts the global token, the AppSecret or a key into an answer or a menu event", async () => {
    const texts: string[] = [];
    const keep = async (answer: Promise<{ body: unknown }>) =>
      texts.push(JSON.stringify((await answer).body));
    await keep(publish(sampleMenu("秘密")));
    const tokens = [await h.ctx.globalTokens.getAccessToken()];
    await keep(adminApi(h, "GET", "/menu"));
    await keep(adminApi(h, "GET", "/menu/history?limit=100"));
    await setFaults(h, [{ path: "/cgi-bin/menu/create", rate: 1, errcode: 40001 }]);
    await keep(publish(sampleMenu("失败"))); // 40001 twice: the token's own error, explained
    await setFaults(h, []);
    texts.push(JSON.stringify(await h.ctx.store.listEvents({ afterId: 0, limit: 500 })));
    tokens.push(await h.ctx.globalTokens.getAccessToken()); // refetched (stable_token may hand back the same)
    expect(texts[3]).toContain("wechat_error");
    for (const text of texts) {
      for (const token of tokens) expect(text).not.toContain(token);
      expect(text).not.toContain(h.config.secret);
      expect(text).not.toContain(h.config.adminKey);
      expect(text).not.toContain(h.config.supportKey);
    }
  });
});
