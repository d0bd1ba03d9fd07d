import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import type { SnsToken } from "@wxdesk/wechat";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppContext } from "../app-context.js";
import { advanceSandbox, getJson, sandboxCalls, tempDir, testConfig } from "../testing/test-server.js";
import { createAppContext } from "./create-app-context.js";
import { offsetClock } from "./system-clock.js";
import { UserTokenError } from "./user-token-errors.js";

let sandbox: StartedSandbox;
let dir: ReturnType<typeof tempDir>;
let ctx: AppContext;
let clock: ReturnType<typeof offsetClock>;

beforeEach(async () => {
  sandbox = await startSandbox();
  dir = tempDir();
  clock = offsetClock();
  ctx = await createAppContext(testConfig(sandbox.url, dir.path), { clock });
});

afterEach(async () => {
  await ctx.close();
  await sandbox.close();
  dir.remove();
});

/** Moves both clocks together: the sandbox's virtual one and the context's. */
async function advance(seconds: number): Promise<void> {
  await advanceSandbox(sandbox, seconds);
  clock.advance(seconds);
}

interface FixtureUser {
  openid: string;
  nickname: string;
  snapshot: boolean;
}

async function fixtureUsers(): Promise<FixtureUser[]> {
  return (await getJson<FixtureUser[]>(`${sandbox.url}/_sandbox/users`)).body;
}

/** Consent in the sandbox (no page), then the real code exchange. */
async function authorize(scope: "snsapi_base" | "snsapi_userinfo", openid?: string): Promise<SnsToken> {
  const { body } = await getJson<{ location: string }>(`${sandbox.url}/_sandbox/consent`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      appid: SANDBOX_DEFAULTS.appid,
      redirect_uri: "http://127.0.0.1/oauth/callback",
      scope,
      state: "teststate",
      ...(openid ? { openid } : {}),
    }),
  });
  const code = new URL(body.location).searchParams.get("code") ?? "";
  return ctx.wechat.exchangeCode({ appid: SANDBOX_DEFAULTS.appid, secret: SANDBOX_DEFAULTS.secret, code });
}

async function recordUserinfoUser(): Promise<SnsToken> {
  const token = await authorize("snsapi_userinfo");
  const userInfo = await ctx.wechat.getUserInfo({ accessToken: token.accessToken, openid: token.openid });
  await ctx.userTokens.recordAuthorization({ token, userInfo, scope: "snsapi_userinfo" });
  return token;
}

async function eventsOf(type: string) {
  return (await ctx.store.listEvents({ limit: 200 })).filter((e) => e.type === type);
}

describe("user tokens", () => {
  it("records an authorization encrypted; the SQLite files never hold the plaintext tokens", async () => {
    const token = await recordUserinfoUser();
    const user = await ctx.store.getUser(token.openid);
    expect(user?.nickname).toBeTruthy();
    expect(user?.tokens.refreshExpiresAt).toBe(user!.tokens.obtainedAt + 30 * 86_400_000);
    expect(String(user?.tokens.accessTokenEnc)).not.toContain(token.accessToken);
    expect(ctx.cipher.decrypt(user!.tokens.accessTokenEnc)).toBe(token.accessToken);

    const [authorization] = await eventsOf("authorization");
    expect(authorization?.data).toMatchObject({ openid: token.openid, scope: "snsapi_userinfo" });

    const config = ctx.config;
    await ctx.close(); // every wxdesk.db* file is read below, the WAL included if one is left
    const files = readdirSync(dir.path).filter((f) => f.startsWith("wxdesk.db"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(join(dir.path, file)).toString("latin1");
      expect(bytes).not.toContain(token.accessToken);
      expect(bytes).not.toContain(token.refreshToken);
    }
    // Reopen for afterEach (close() closes the store it opened), with the same token key.
    ctx = await createAppContext(config, { clock });
  });

  it("refuses snapshot users: never stored", async () => {
    const snapshotUser = (await fixtureUsers()).find((u) => u.snapshot);
    expect(snapshotUser).toBeDefined();
    const token = await authorize("snsapi_userinfo", snapshotUser?.openid);
    expect(token.isSnapshotUser).toBe(true);
    const refused = ctx.userTokens.recordAuthorization({ token, scope: "snsapi_userinfo" });
    await expect(refused).rejects.toBeInstanceOf(UserTokenError);
    await expect(refused).rejects.toMatchObject({ code: "snapshot_user" });
    expect(await ctx.store.getUser(token.openid)).toBeUndefined();
    expect(await ctx.store.countUsers()).toBe(0);
  });

  it("hands out the stored token, and refreshes it past 1h55m (refresh-token lifetime not extended)", async () => {
    const token = await recordUserinfoUser();
    expect(await ctx.userTokens.freshAccessToken(token.openid)).toBe(token.accessToken);
    expect((await ctx.userTokens.status(token.openid))?.state).toBe("valid");
    expect((await sandboxCalls(sandbox))["/sns/oauth2/refresh_token"]).toBeUndefined();

    const before = await ctx.store.getUser(token.openid);
    await advance(6900); // 1h55m: 5 minutes left, inside the 10-minute margin
    expect((await ctx.userTokens.status(token.openid))?.state).toBe("expiring");
    const [a, b] = await Promise.all([
      ctx.userTokens.freshAccessToken(token.openid),
      ctx.userTokens.freshAccessToken(token.openid),
    ]);
    expect(a).toBe(b);
    expect((await sandboxCalls(sandbox))["/sns/oauth2/refresh_token"]).toBe(1);
    await ctx.wechat.checkUserToken({ accessToken: a, openid: token.openid });

    const after = await ctx.store.getUser(token.openid);
    expect(after?.tokens.refreshExpiresAt).toBe(before?.tokens.refreshExpiresAt);
    expect(after?.tokens.refreshedAt).toBeGreaterThanOrEqual((before?.tokens.obtainedAt ?? 0) + 6900_000);
    expect(after?.tokens.obtainedAt).toBe(before?.tokens.obtainedAt);
    const status = await ctx.userTokens.status(token.openid);
    expect(status?.state).toBe("valid");
    expect(status?.refreshedAt).toBeDefined();
    expect((await eventsOf("refresh")).map((e) => e.data.trigger)).toEqual(["auto"]);
  });

  it("after 30 days the refresh token is dead: needs_reauth plus a failure event", async () => {
    const token = await recordUserinfoUser();
    await advance(30 * 86_400 + 60);
    await expect(ctx.userTokens.freshAccessToken(token.openid)).rejects.toMatchObject({
      code: "needs_reauth",
      errcode: 42002,
    });
    const status = await ctx.userTokens.status(token.openid);
    expect(status?.state).toBe("needs_reauth");
    expect(status?.needsReauth?.reason).toContain("42002");
    const [failure] = await eventsOf("failure");
    expect(failure?.data).toMatchObject({ openid: token.openid, errcode: 42002, needsReauth: true });
    expect(failure?.data.explanation).toMatchObject({ errcode: 42002 });

    const outcome = await ctx.userTokens.refresh(token.openid);
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.errcode).toBe(42002);
    expect(outcome.error?.titleZh).toBeTruthy();
    expect(outcome.status?.state).toBe("needs_reauth");
  });

  it("WeChat ending the grant on refresh (42007) marks the user for re-authorization", async () => {
    const token = await recordUserinfoUser();
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ path: "/sns/oauth2/refresh_token", rate: 1, errcode: 42007 }]),
    });
    const outcome = await ctx.userTokens.refresh(token.openid);
    expect(outcome).toMatchObject({
      ok: false,
      error: { errcode: 42007 },
      status: { state: "needs_reauth" },
    });
    expect((await eventsOf("failure"))[0]?.data).toMatchObject({ errcode: 42007, action: "refresh" });
  });

  it("check / refresh / re-pull answer outcomes with explanations", async () => {
    const token = await recordUserinfoUser();
    const checked = await ctx.userTokens.check(token.openid);
    expect(checked).toMatchObject({ ok: true, status: { state: "valid" } });

    const refreshed = await ctx.userTokens.refresh(token.openid);
    expect(refreshed).toMatchObject({ ok: true, status: { state: "valid" } });
    expect((await eventsOf("refresh")).map((e) => e.data.trigger)).toEqual(["manual"]);

    const repulled = await ctx.userTokens.repullUserInfo(token.openid);
    expect(repulled.ok).toBe(true);

    await advance(7300); // the access token is now expired at WeChat
    const stale = await ctx.userTokens.check(token.openid);
    expect(stale.ok).toBe(false);
    expect(stale.error).toMatchObject({ errcode: 42001 });
    expect(stale.error?.titleEn).toBeTruthy();
    expect(stale.status?.state).toBe("access_expired");
    const checks = await eventsOf("check");
    expect(checks.map((e) => e.data.ok)).toEqual([true, false]);

    // Re-pull refreshes first when needed, then works.
    expect((await ctx.userTokens.repullUserInfo(token.openid)).ok).toBe(true);
    expect((await ctx.userTokens.status(token.openid))?.state).toBe("valid");
  });

  it("a snsapi_base user cannot re-pull a profile: 48001 explained", async () => {
    const token = await authorize("snsapi_base");
    await ctx.userTokens.recordAuthorization({ token, scope: "snsapi_base" });
    const outcome = await ctx.userTokens.repullUserInfo(token.openid);
    expect(outcome).toMatchObject({ ok: false, error: { errcode: 48001 } });
    expect(outcome.error?.fixZh).toBeTruthy();
  });

  it("unknown users are a typed error", async () => {
    await expect(ctx.userTokens.check("oUnknown")).rejects.toMatchObject({ code: "unknown_user" });
    expect(await ctx.userTokens.status("oUnknown")).toBeUndefined();
  });
});
