import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offsetClock } from "../../context/system-clock.js";
import { advanceSandbox, redisUrlForTests, storeBackends } from "../../testing/test-server.js";
import {
  type OAuthHarness,
  type SandboxUserRow,
  startOAuthHarness,
} from "../oauth/testing/oauth-test-harness.js";
import {
  type ApiAnswer,
  api,
  authorizeAs,
  errorCode,
  type KeyChoice,
  storedSecrets,
} from "./testing/users-test-kit.js";
import type { AdminActionOutcome, AdminUser, AdminUserDetail } from "./users-view.js";

const redisUrl = redisUrlForTests();
const backends = storeBackends(redisUrl);

type UserPageBody = { users: AdminUser[]; nextCursor?: string; total: number };
type UserinfoBody = AdminActionOutcome & { user: AdminUserDetail };

describe.each(backends)("admin API: users ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  const clock = offsetClock();
  let wang: SandboxUserRow;
  let yang: SandboxUserRow;
  /** Every answer of this suite, searched at the end for the tokens the store held at any point. */
  const answers: ApiAnswer<unknown>[] = [];
  const secrets = new Set<string>();
  async function call<T>(method: string, path: string, key: KeyChoice = "admin"): Promise<ApiAnswer<T>> {
    const answer = await api<T>(h, method, path, { key });
    answers.push(answer);
    await storedSecrets(h, secrets);
    return answer;
  }

  beforeAll(async () => {
    h = await startOAuthHarness({ redisUrl, clock });
    wang = await authorizeAs(h, "王芳", "snsapi_userinfo");
    yang = await authorizeAs(h, "杨磊", "snsapi_base");
    await storedSecrets(h, secrets);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("lists real authorizations newest first, with token state and no token", async () => {
    const { status, body } = await call<UserPageBody>("GET", "/users");
    expect(status).toBe(200);
    expect(body.users.map((u) => u.openid)).toEqual([yang.openid, wang.openid]);
    expect(body.nextCursor).toBeUndefined();
    const [base, full] = body.users;
    expect(full).toMatchObject({
      openid: wang.openid,
      unionid: wang.unionid,
      nickname: "王芳",
      headimgurl: wang.headimgurl,
      scope: "snsapi_userinfo",
      tokens: { state: "valid" },
    });
    expect(base).toMatchObject({ openid: yang.openid, scope: "snsapi_base", tokens: { state: "valid" } });
    expect(full?.tokens.accessExpiresAt).toBeGreaterThan(clock.now());
    expect(full?.tokens.refreshExpiresAt).toBeGreaterThan(full?.tokens.accessExpiresAt ?? 0);
    expect(Object.keys(full ?? {})).not.toContain("privilege");
    expect(JSON.stringify(body)).not.toMatch(/Enc"|access_token|refresh_token/);
  });

  it("searches, filters and pages", async () => {
    const byNickname = await call<UserPageBody>("GET", `/users?q=${encodeURIComponent("王")}`);
    expect(byNickname.body.users.map((u) => u.openid)).toEqual([wang.openid]);
    const byOpenid = await call<UserPageBody>(
      "GET",
      `/users?q=${encodeURIComponent(yang.openid.slice(0, 12))}`,
    );
    expect(byOpenid.body.users.map((u) => u.openid)).toContain(yang.openid);

    const base = await call<UserPageBody>("GET", "/users?scope=snsapi_base", "support");
    expect(base.body.users.map((u) => u.openid)).toEqual([yang.openid]);
    const valid = await call<UserPageBody>("GET", "/users?tokenState=valid&scope=snsapi_userinfo");
    expect(valid.body.users.map((u) => u.openid)).toEqual([wang.openid]);
    expect((await call<UserPageBody>("GET", "/users?tokenState=needs_reauth")).body.users).toEqual([]);

    const first = await call<UserPageBody>("GET", "/users?limit=1");
    expect(first.body.users.map((u) => u.openid)).toEqual([yang.openid]);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await call<UserPageBody>(
      "GET",
      `/users?limit=1&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
    );
    expect(second.body.users.map((u) => u.openid)).toEqual([wang.openid]);
    // Same cursor with a filter that the next user fails: an empty last page.
    const filtered = await call<UserPageBody>(
      "GET",
      `/users?limit=1&scope=snsapi_base&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
    );
    expect(filtered.body).toEqual({ users: [], total: 2 });
  });

  it("GET users/:openid: the detail with profile fields", async () => {
    const { status, body } = await call<AdminUserDetail>("GET", `/users/${wang.openid}`, "support");
    expect(status).toBe(200);
    expect(body).toMatchObject({ openid: wang.openid, nickname: "王芳", scope: "snsapi_userinfo" });
    expect(Array.isArray(body.privilege)).toBe(true);
    expect(body.tokens.state).toBe("valid");
    expect(body.firstAuthorizedAt).toBeLessThanOrEqual(body.lastAuthorizedAt);
  });

  it("who may call what: admin everything, support reads and check, no key nothing", async () => {
    const routes: Array<[string, string, "support" | "admin"]> = [
      ["GET", "/users", "support"],
      ["GET", `/users/${wang.openid}`, "support"],
      ["POST", `/users/${wang.openid}/check`, "support"],
      ["POST", `/users/${wang.openid}/refresh`, "admin"],
      ["POST", `/users/${wang.openid}/userinfo`, "admin"],
    ];
    for (const [method, path, role] of routes) {
      const none = await call(method, path, "none");
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(errorCode(none)).toBe("unauthorized");
      expect(none.headers.get("www-authenticate")).toBe('Bearer realm="wxdesk"');

      const support = await call(method, path, "support");
      if (role === "support") {
        expect(support.status, `${method} ${path}`).toBe(200);
      } else {
        expect(support.status, `${method} ${path}`).toBe(403);
        expect(errorCode(support)).toBe("forbidden");
      }
      expect((await call(method, path, "admin")).status, `${method} ${path}`).toBe(200);
    }
  });

  it("bad input: 400 naming the field (after the key check), unknown openid 404", async () => {
    for (const query of ["limit=0", "limit=201", "limit=abc", "limit=1&limit=2"]) {
      const answer = await call("GET", `/users?${query}`);
      expect(answer.status, query).toBe(400);
      expect(errorCode(answer)).toBe("bad_request");
      expect((answer.body as { error: { field: string } }).error.field).toMatch(/^querystring\.limit/);
    }
    for (const [query, field] of [
      ["scope=snsapi_login", "querystring.scope"],
      ["tokenState=fine", "querystring.tokenState"],
      ["cursor=nope", "querystring.cursor"],
      [`cursor=${Buffer.from('{"a":1}').toString("base64url")}`, "querystring.cursor"],
    ] as const) {
      const answer = await call("GET", `/users?${query}`, "support");
      expect(answer.status, query).toBe(400);
      expect(errorCode(answer)).toBe("bad_request");
      expect((answer.body as { error: { field: string } }).error.field).toBe(field);
    }
    // 401 first: a caller without a key learns nothing from validation.
    expect((await call("GET", "/users?limit=0", "none")).status).toBe(401);

    for (const [method, path] of [
      ["GET", "/users/oNobodyHere"],
      ["POST", "/users/oNobodyHere/check"],
      ["POST", "/users/oNobodyHere/refresh"],
      ["POST", "/users/oNobodyHere/userinfo"],
    ] as const) {
      const answer = await call(method, path);
      expect(answer.status, path).toBe(404);
      expect(errorCode(answer)).toBe("unknown_user");
    }
  });

  it("check, refresh and userinfo answer outcomes; a base user's userinfo is explained", async () => {
    const checked = await call<AdminActionOutcome>("POST", `/users/${wang.openid}/check`, "support");
    expect(checked.body).toMatchObject({ ok: true, tokens: { state: "valid" } });

    const before = await h.ctx.store.getUser(wang.openid);
    const refreshed = await call<AdminActionOutcome>("POST", `/users/${wang.openid}/refresh`);
    expect(refreshed.body).toMatchObject({ ok: true, tokens: { state: "valid" } });
    expect(refreshed.body.tokens?.refreshedAt).toBeGreaterThanOrEqual(before?.tokens.obtainedAt ?? Infinity);
    const after = await h.ctx.store.getUser(wang.openid);
    expect(after?.tokens.accessTokenEnc).not.toBe(before?.tokens.accessTokenEnc);

    const repulled = await call<UserinfoBody>("POST", `/users/${wang.openid}/userinfo`);
    expect(repulled.body).toMatchObject({ ok: true, user: { openid: wang.openid, nickname: "王芳" } });
    expect(repulled.body.user.profileUpdatedAt).toBeGreaterThan(0);

    const base = await call<UserinfoBody>("POST", `/users/${yang.openid}/userinfo`);
    expect(base.status).toBe(200);
    expect(base.body.ok).toBe(false);
    expect(base.body.error).toMatchObject({ errcode: 48001 });
    expect(base.body.error?.titleZh).toBeTruthy();
    expect(base.body.user.openid).toBe(yang.openid);
  });

  it("31 days on: refresh says the user must authorize again, in words", async () => {
    await advanceSandbox(h.sandbox, 31 * 86_400);
    clock.advance(31 * 86_400);

    const listed = await call<UserPageBody>("GET", "/users?tokenState=needs_reauth", "support");
    expect(listed.body.users.map((u) => u.openid).sort()).toEqual([wang.openid, yang.openid].sort());

    const refreshed = await call<AdminActionOutcome>("POST", `/users/${wang.openid}/refresh`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.ok).toBe(false);
    expect(refreshed.body.error).toMatchObject({ errcode: 42002, errorClass: "reauth" });
    expect(refreshed.body.error?.fixZh).toBeTruthy();
    expect(refreshed.body.tokens?.state).toBe("needs_reauth");
    expect(refreshed.body.tokens?.needsReauth?.reason).toMatch(/^42002/);

    const checked = await call<AdminActionOutcome>("POST", `/users/${wang.openid}/check`, "support");
    expect(checked.body.ok).toBe(false);
    expect(checked.body.tokens?.state).toBe("needs_reauth");
  });

  it("every page counts the account's users, whatever the search: the count follows new users", async () => {
    expect((await call<UserPageBody>("GET", "/users")).body.total).toBe(2);
    expect(
      (await call<UserPageBody>("GET", `/users?q=${encodeURIComponent("王")}`, "support")).body.total,
    ).toBe(2);
    expect((await call<UserPageBody>("GET", "/users?tokenState=needs_reauth")).body.total).toBe(2);
    const zhang = await authorizeAs(h, "张伟", "snsapi_base");
    const after = await call<UserPageBody>("GET", "/users");
    expect(after.body.total).toBe(3);
    expect(after.body.users.map((u) => u.openid)).toContain(zhang.openid);
  });

  it("no answer ever held a token the store held, in clear or sealed", async () => {
    answers.push(await api(h, "GET", "/events/recent?limit=500", { key: "support" }));
    expect(secrets.size).toBeGreaterThanOrEqual(6); // two users' pairs, then the refreshed pair
    expect(answers.length).toBeGreaterThan(30);
    for (const answer of answers) {
      for (const secret of secrets) expect(answer.text.includes(secret), secret).toBe(false);
    }
  });
});
