import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { rawRequest } from "@wxdesk/sandbox/testing";
import type { Menu } from "@wxdesk/wechat";
import { describe, expect, it } from "vitest";
import type {
  BuiltLinks,
  ConnectionTest,
  CreatedServiceKey,
  CsvExport,
  LinkVerdict,
  LiveMenu,
  MenuVersionView,
  ProfileView,
  PublishResult,
  ServiceKeyView,
  TokenCacheCleared,
  UserActionResult,
  UserDetail,
  UserPage,
} from "../desk-api.js";
import { cspAllowsImage } from "../shared/testing/csp-allows-image.js";
import { authorizeThroughSandbox, rejection, sandboxMenu } from "./testing/local-desk.js";
import { localDeskForFile } from "./testing/local-desk-for-file.js";

const d = localDeskForFile();

describe("the local sandbox profile, end to end", () => {
  it("runs the sandbox and the callback server on loopback; the local profile points at it", async () => {
    expect((await d.rec.call<{ running: boolean }>("sandbox.status")).running).toBe(true);
    expect(d.status.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(d.status.serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { profiles, activeId } = await d.rec.call<{ profiles: ProfileView[]; activeId: string }>(
      "profiles.list",
    );
    expect(activeId).toBe("local");
    expect(profiles[0]).toEqual({
      id: "local",
      name: "本地沙箱",
      serverUrl: d.status.serverUrl,
      role: "admin",
      keySet: true,
      keyStorage: "none",
      local: true,
    });
    const test = await d.rec.call<ConnectionTest>("profiles.testConnection", "local");
    expect(test).toMatchObject({ ok: true, role: "admin", appid: SANDBOX_DEFAULTS.appid });
    // The server's store, as GET info reports it: the desktop's banner reads this.
    expect(test.storage).toEqual({ kind: "sqlite", persistence: "file" });
    expect(test.latencyMs).toBeGreaterThanOrEqual(0);
    expect(d.users.map((u) => u.nickname)).toContain("王芳");
    // The activity stream is connected to the local server (status waits for the first attempt).
    expect(await d.rec.call("activity.status")).toEqual({ connected: expect.any(Boolean) });
  });

  it("publishes a menu through menu.publish; the sandbox's menu/get shows it, live() and history too", async () => {
    const menu: Menu = {
      button: [
        { type: "click", name: "签到", key: "SIGN_IN" },
        {
          name: "服务",
          sub_button: [{ type: "view", name: "搜索", url: `${d.status.serverUrl}/search` }],
        },
      ],
    };
    const result = await d.rec.call<PublishResult>("menu.publish", menu);
    expect(result.ok).toBe(true);
    expect(result.versionId).toEqual(expect.any(Number));

    const atWeChat = await sandboxMenu(d.status.sandboxUrl);
    expect(atWeChat.menu?.button).toMatchObject([
      { type: "click", name: "签到", key: "SIGN_IN" },
      { name: "服务", sub_button: [{ type: "view", name: "搜索", url: `${d.status.serverUrl}/search` }] },
    ]);

    const live = await d.rec.call<LiveMenu>("menu.live");
    expect(live.menu).not.toBeNull();
    expect(await d.rec.call("menu.diff", menu, live.menu)).toEqual([]);
    const history = await d.rec.call<MenuVersionView[]>("menu.history", 5);
    expect(history[0]).toMatchObject({ id: result.versionId, kind: "publish", by: "admin" });

    const menuEvent = await d.nextEvent((e) => e.type === "menu" && e.data.versionId === result.versionId);
    expect(menuEvent.data.kind).toBe("publish");
  });

  it("an invalid menu comes back as problems (the server's menu_invalid), nothing published", async () => {
    const tooMany: Menu = {
      button: ["一", "二", "三", "四"].map((name, i) => ({ type: "click" as const, name, key: `K${i}` })),
    };
    const result = await d.rec.call<PublishResult>("menu.publish", tooMany);
    expect(result.ok).toBe(false);
    expect(result.problems?.length).toBeGreaterThan(0);
    expect(result.problems?.[0]).toMatchObject({ errcode: 40016 });
    expect(result.problems?.[0]?.messageZh).toEqual(expect.any(String));
    expect((await sandboxMenu(d.status.sandboxUrl)).menu?.button).toHaveLength(2);
  });

  let links: BuiltLinks;
  it("builds the start link and the direct link for the local server", async () => {
    links = await d.rec.call<BuiltLinks>("links.build", { scope: "snsapi_userinfo", next: "/" });
    expect(links.startUrl.startsWith(`${d.status.serverUrl}/oauth/start?link=`)).toBe(true);
    expect(links.directUrl.startsWith(`${d.status.sandboxUrl}/connect/oauth2/authorize?`)).toBe(true);
    expect(links.checks.map((c) => c.code)).toContain("direct_link_unbound");
  });

  it("checks pasted links with the server: its own links pass, a cut one is said to be broken", async () => {
    const start = await d.rec.call<LinkVerdict>("links.check", { url: links.startUrl });
    expect(start).toEqual({
      kind: "start",
      own: true,
      scope: "snsapi_userinfo",
      next: "/",
      checks: [expect.objectContaining({ code: "userinfo_on_landing", level: "warning" })],
    });
    const direct = await d.rec.call<LinkVerdict>("links.check", { url: links.directUrl });
    expect(direct).toMatchObject({ kind: "direct", own: true, scope: "snsapi_userinfo" });
    expect(direct.checks.every((c) => c.level === "warning")).toBe(true);
    const cut = await d.rec.call<LinkVerdict>("links.check", { url: links.startUrl.slice(0, -5) });
    expect(cut.checks.map((c) => `${c.level}:${c.code}`)).toEqual(["error:link_signature"]);
    expect(await d.rec.call<LinkVerdict>("links.check", { url: "https://example.com/" })).toEqual({
      kind: "other",
      own: false,
      checks: [],
    });
  });

  it("a consent through the sandbox: the user appears in users.search and an authorization event arrives", async () => {
    const wang = d.byName("王芳");
    const arrived = d.nextEvent((e) => e.type === "authorization" && e.data.openid === wang.openid);
    await authorizeThroughSandbox(d.status.sandboxUrl, links.startUrl, wang.openid);
    const event = await arrived;
    expect(event.id).toBeGreaterThan(0);

    const page = await d.rec.call<UserPage>("users.search", { q: "王芳" });
    // The account's count comes with the page, whatever the search.
    expect(page.total).toBe(1);
    expect(page.users).toEqual([
      expect.objectContaining({
        openid: wang.openid,
        nickname: "王芳",
        scope: "snsapi_userinfo",
        tokenState: "valid",
      }),
    ]);
    const detail = await d.rec.call<UserDetail>("users.get", wang.openid);
    expect(detail.tokens.state).toBe("valid");
    expect(detail.firstAuthorizedAt).toBeLessThanOrEqual(detail.lastAuthorizedAt);
    expect(Object.keys(detail).sort()).toEqual(
      [
        "apps",
        "firstAuthorizedAt",
        "headimgurl",
        "lastAuthorizedAt",
        "nickname",
        "openid",
        "privilege",
        "scope",
        "tokenState",
        "tokens",
        "unionid",
      ].sort(),
    );
  });

  it("the sandbox avatar reaches the renderer as a data: URL its CSP allows (not the sandbox's http URL)", async () => {
    const wang = d.byName("王芳");
    const [row] = (await d.rec.call<UserPage>("users.search", { q: "王芳" })).users;
    const detail = await d.rec.call<UserDetail>("users.get", wang.openid);
    for (const shown of [row?.headimgurl, detail.headimgurl]) {
      expect(shown).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(cspAllowsImage(shown ?? "")).toBe(true);
      expect(Buffer.from((shown ?? "").split(",")[1] ?? "", "base64").toString("utf8")).toContain(
        ">王</text>",
      );
    }
    // The stored URL, as the CSV export keeps it, is the sandbox's own — which the CSP refuses.
    expect(cspAllowsImage(wang.headimgurl)).toBe(false);
  });

  it("check and refresh a user's token; re-pull the profile", async () => {
    const wang = d.byName("王芳");
    const check = await d.rec.call<UserActionResult>("users.check", wang.openid);
    expect(check).toMatchObject({ ok: true, tokens: { state: "valid" } });
    const refresh = await d.rec.call<UserActionResult>("users.refresh", wang.openid);
    expect(refresh.ok).toBe(true);
    expect(refresh.tokens?.refreshedAt).toEqual(expect.any(Number));
    const repull = await d.rec.call<UserActionResult>("users.repull", wang.openid);
    expect(repull.ok).toBe(true);
    await d.nextEvent((e) => e.type === "refresh" && e.data.openid === wang.openid);
    await d.nextEvent((e) => e.type === "check" && e.data.openid === wang.openid);
  });

  it("profiles.clearTokenCache: the server drops its WeChat token and ticket, says which, and fetches anew", async () => {
    // Earlier publishes cached the account's token on the local server.
    const first = await d.rec.call<TokenCacheCleared>("profiles.clearTokenCache", "local");
    expect(first.appid).toBe(SANDBOX_DEFAULTS.appid);
    expect(first.dropped).toContain("access_token");
    await d.nextEvent((e) => e.type === "token_cache_cleared");
    expect(await d.rec.call("profiles.clearTokenCache", "local")).toEqual({
      appid: SANDBOX_DEFAULTS.appid,
      dropped: [],
    });
    // The menu still reads: the server fetched a new token for it.
    expect(await d.rec.call<LiveMenu>("menu.live")).toHaveProperty("menu");
    expect((await rejection(d.rec.call("profiles.clearTokenCache"))).code).toBe("bad_input");
    expect((await rejection(d.rec.call("profiles.clearTokenCache", "nobody"))).code).toBe("unknown_profile");
  });

  it("serviceKeys: create (the key once), read the WeChat token with it from the local server, revoke → 401", async () => {
    const before = await d.rec.call<ServiceKeyView[]>("serviceKeys.list");
    const created = await d.rec.call<CreatedServiceKey>("serviceKeys.create", "  报表系统 ");
    expect(created).toMatchObject({ name: "报表系统", source: "admin" });
    expect(created.key).toMatch(/^wxsk_/);
    const listed = await d.rec.call<ServiceKeyView[]>("serviceKeys.list");
    expect(listed.map((k) => k.name)).toEqual([...before.map((k) => k.name), "报表系统"]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    await d.nextEvent((e) => e.type === "service_key" && e.data.kind === "created");

    const read = () =>
      fetch(`${d.status.serverUrl}/admin/api/wechat/access-token`, {
        headers: { authorization: `Bearer ${created.key}` },
      });
    const answer = await read();
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { access_token: string }).access_token.length).toBeGreaterThan(20);

    await d.rec.call("serviceKeys.revoke", created.id);
    expect((await read()).status).toBe(401);
    expect((await rejection(d.rec.call("serviceKeys.revoke", created.id))).code).toBe("unknown_service_key");
    expect((await rejection(d.rec.call("serviceKeys.create", "   "))).code).toBe("bad_input");
    expect((await rejection(d.rec.call("serviceKeys.create", "x".repeat(65)))).code).toBe("bad_input");
  });

  it("exportCsv: every user, BOM, plain-word header, formula cells defused, no token or key", async () => {
    const created = await fetch(`${d.status.sandboxUrl}/_sandbox/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ nickname: '=HYPERLINK("http://x","点我")' }),
    });
    expect(created.status).toBe(200);
    const evil = (await created.json()) as { openid: string };
    await authorizeThroughSandbox(d.status.sandboxUrl, links.startUrl, evil.openid);

    const exported = await d.rec.call<CsvExport>("users.exportCsv", {});
    const info = await d.rec.call<ConnectionTest>("profiles.testConnection", "local");
    expect(exported.rows).toBe(info.users);
    expect(exported.rows).toBeGreaterThanOrEqual(2);
    expect(exported.filename).toMatch(/^wxdesk-users-\d{8}-\d{4}\.csv$/);
    expect(exported.csv.startsWith("\uFEFF昵称,OpenID,UnionID,授权方式,")).toBe(true);
    const lines = exported.csv.slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(exported.rows + 1);
    expect(exported.csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(exported.csv).toContain("王芳");
    expect(exported.csv).not.toMatch(/access_token|refresh_token/i);

    const filtered = await d.rec.call<CsvExport>("users.exportCsv", { q: "王芳" });
    expect(filtered.rows).toBe(1);
  });

  it("replies saved through the desk answer the sandbox phone's tap on a click button", async () => {
    const saved = await d.rec.call("replies.save", {
      click: { SIGN_IN: { type: "text", content: "签到成功 ✅" } },
    });
    expect(saved).toEqual({ click: { SIGN_IN: { type: "text", content: "签到成功 ✅" } } });
    expect(await d.rec.call("replies.get")).toEqual(saved);
    const wang = d.byName("王芳");
    expect(await d.rec.call("sandbox.tapMenu", { openid: wang.openid, key: "SIGN_IN" })).toEqual({
      ok: true,
      reply: { type: "text", content: "签到成功 ✅" },
    });
    expect(await d.rec.call("sandbox.tapMenu", { openid: wang.openid, key: "NOTHING" })).toEqual({
      ok: true,
      reply: null,
    });
    await d.nextEvent((e) => e.type === "message" && e.data.eventKey === "SIGN_IN");

    // A reply the server refuses: rejected with the broken rules, in words, nothing changed.
    const refused = await rejection(
      d.rec.call("replies.save", { click: { EMPTY: { type: "text", content: " " } } }),
    );
    expect(refused.code).toBe("replies_invalid");
    expect(refused.details?.replyProblems?.[0]).toMatchObject({
      code: "content_empty",
      messageZh: "文字回复不能为空",
    });
    expect(await d.rec.call("replies.get")).toEqual(saved);
  });

  it("conditional menus: add, see live, try a match, delete", async () => {
    const vip = d.byName("张伟"); // tag 100
    const added = await d.rec.call<{ menuid: string }>("menu.addConditional", {
      button: [{ type: "click", name: "VIP 专享", key: "VIP" }],
      matchrule: { tag_id: "100" },
    });
    expect(added.menuid).toMatch(/^\d+$/);
    const live = await d.rec.call<LiveMenu>("menu.live");
    expect(live.conditional.map((c) => c.menuid)).toContain(added.menuid);
    const matched = await d.rec.call<{ button: Array<{ name: string }> }>("menu.tryMatch", vip.openid);
    expect(matched.button.map((b) => b.name)).toEqual(["VIP 专享"]);
    await d.rec.call("menu.deleteConditional", added.menuid);
    expect((await d.rec.call<LiveMenu>("menu.live")).conditional).toEqual([]);
  });

  it("rollback to an earlier version, then remove the menu", async () => {
    const first = (await d.rec.call<MenuVersionView[]>("menu.history"))[0]!;
    const second = await d.rec.call<PublishResult>("menu.publish", {
      button: [{ type: "click", name: "新", key: "NEW" }],
    });
    expect(second.ok).toBe(true);
    const back = await d.rec.call<PublishResult>("menu.rollback", first.id);
    expect(back.ok).toBe(true);
    expect((await sandboxMenu(d.status.sandboxUrl)).menu?.button).toHaveLength(2);
    const history = await d.rec.call<MenuVersionView[]>("menu.history", 1);
    expect(history[0]).toMatchObject({ kind: "rollback", rollbackOf: first.id });
    await d.rec.call("menu.remove");
    expect((await d.rec.call<LiveMenu>("menu.live")).menu).toBeNull();
    expect((await sandboxMenu(d.status.sandboxUrl)).errcode).toBe(46003);
  });

  it("no key ever appears in an answer, an error, settings.json or a draft; no raw token field either", async () => {
    await d.rec.call("menu.saveDraft", { button: [{ type: "click", name: "草稿", key: "DRAFT" }] });
    await d.rec.call("app.saveSettings", { theme: "dark" });
    const everything = [
      d.rec.serialized(),
      JSON.stringify(d.events),
      readFileSync(join(d.dataDir, "settings.json"), "utf8"),
      ...readdirSync(join(d.dataDir, "drafts")).map((f) =>
        readFileSync(join(d.dataDir, "drafts", f), "utf8"),
      ),
    ].join("\n");
    expect(everything).toContain("草稿");
    expect(everything).toContain("王芳");
    for (const key of [d.localKeys.adminKey, d.localKeys.supportKey]) expect(everything).not.toContain(key);
    expect(everything).not.toMatch(
      /"(access_token|refresh_token|accessToken|refreshToken|ticket|jsapi_ticket)"\s*:/i,
    );
  });

  it("both local servers refuse a forged Host (DNS rebinding) with 403, change nothing, and still answer loopback names", async () => {
    const sandboxPort = Number(new URL(d.status.sandboxUrl).port);
    const serverPort = Number(new URL(d.status.serverUrl).port);
    const faults = () => rawRequest(sandboxPort, { path: "/_sandbox/faults" });
    for (const host of [`evil.example:${sandboxPort}`, `evil.example:${serverPort}`, "evil.example"]) {
      const setFaults = await rawRequest(sandboxPort, {
        method: "PUT",
        path: "/_sandbox/faults",
        headers: { host, "content-type": "application/json" },
        body: JSON.stringify([{ path: "/cgi-bin/*", rate: 1, errcode: -1 }]),
      });
      expect(setFaults.status, host).toBe(403);
      expect(JSON.parse(setFaults.body).error.code).toBe("forbidden_host");
      const users = await rawRequest(serverPort, {
        path: "/admin/api/users",
        headers: { host, authorization: `Bearer ${d.localKeys.adminKey}` },
      });
      expect(users.status, host).toBe(403);
      expect(JSON.parse(users.body).error.code).toBe("forbidden_host");
      const page = await rawRequest(serverPort, {
        path: "/oauth/start?scope=snsapi_base",
        headers: { host },
      });
      expect(page.status, host).toBe(403);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
    }
    expect(JSON.parse((await faults()).body)).toEqual([]);
    for (const name of ["127.0.0.1", "localhost", "[::1]"]) {
      const sandboxAnswer = await rawRequest(sandboxPort, {
        path: "/_sandbox/faults",
        headers: { host: `${name}:${sandboxPort}` },
      });
      expect(sandboxAnswer.status, name).toBe(200);
      const serverAnswer = await rawRequest(serverPort, {
        path: "/admin/api/info",
        headers: { host: `${name}:${serverPort}`, authorization: `Bearer ${d.localKeys.adminKey}` },
      });
      expect(serverAnswer.status, name).toBe(200);
    }
  });

  it("stop: the local profile has no server, admin calls say the sandbox is stopped", async () => {
    expect(await d.rec.call("sandbox.stop")).toEqual({ running: false });
    expect((await rejection(d.rec.call("menu.live"))).code).toBe("sandbox_stopped");
    expect((await rejection(d.rec.call("sandbox.users"))).code).toBe("sandbox_stopped");
    const local = (await d.rec.call<{ profiles: ProfileView[] }>("profiles.list")).profiles[0];
    expect(local).toMatchObject({ serverUrl: "", keySet: false });
    expect(await d.rec.call("activity.status")).toMatchObject({
      connected: false,
      error: { code: "sandbox_stopped" },
    });
  });

  it("a lost local token key does not stop the local sandbox: the new key is accepted and 动态 says so", async () => {
    await d.rec.call("sandbox.stop");
    rmSync(join(d.dataDir, "local", "token-key"));
    expect((await d.rec.call<{ running: boolean }>("sandbox.start")).running).toBe(true);
    const recent = await d.rec.call<Array<{ type: string }>>("activity.recent", 500);
    expect(recent.map((e) => e.type)).toContain("token_key_replaced");
  });
});
