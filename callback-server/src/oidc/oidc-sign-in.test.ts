import http from "node:http";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../routes/admin/testing/users-test-kit.js";
import {
  Browser,
  fullJourney,
  type OAuthHarness,
  type SandboxUserRow,
} from "../routes/oauth/testing/oauth-test-harness.js";
import { redisUrlForTests, storeBackends } from "../testing/test-server.js";
import {
  APP_CALLBACK,
  APP_ORIGIN,
  appError,
  authorizationUrl,
  browseToApp,
  nextEvent,
  redeemCode,
  rpConfig,
  SHOP,
  SPA,
  signInToApp,
  startOidcHarness,
} from "./testing/oidc-test-kit.js";

const UNION = { ...SHOP, clientId: "union-app", name: "会员中心", sub: "unionid" as const };

describe.each(storeBackends(redisUrlForTests()))("OpenID Connect sign-in ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  /** Each test its own fixture people, so one test's sign-ins never help another's. */
  let people: SandboxUserRow[];
  const person = (i: number): SandboxUserRow => {
    const p = people[i];
    if (!p) throw new Error(`no fixture person ${i}`);
    return p;
  };
  const delta = async (run: () => Promise<unknown>) => {
    const before = await h.calls();
    await run();
    const after = await h.calls();
    return (path: string) => (after[path] ?? 0) - (before[path] ?? 0);
  };

  beforeAll(async () => {
    h = await startOidcHarness({ redisUrl, clients: [SHOP, SPA, UNION] });
    people = h.users.filter((u) => !u.snapshot);
    expect(people.length).toBeGreaterThanOrEqual(7);
  });
  afterAll(async () => h?.close());

  it("discovery: issuer = the public URL exactly, endpoints under /oidc/, code flow, S256, ES256", async () => {
    const response = await fetch(`${h.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(h.config.publicUrl);
    expect(h.config.publicUrl.endsWith("/")).toBe(false);
    for (const [name, path] of [
      ["authorization_endpoint", "/oidc/auth"],
      ["token_endpoint", "/oidc/token"],
      ["jwks_uri", "/oidc/jwks"],
      ["userinfo_endpoint", "/oidc/userinfo"],
    ]) {
      expect(doc[name as string]).toBe(`${h.config.publicUrl}${path}`);
    }
    expect(doc.response_types_supported).toEqual(["code"]);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.id_token_signing_alg_values_supported).toEqual(["ES256"]);
    expect(doc.scopes_supported).toEqual(["openid", "profile"]);
    // URLs come from WXDESK_PUBLIC_URL, never from what the request claims to be (fetch cannot set Host).
    const spoofed = await new Promise<string>((resolve, reject) => {
      const request = http.request(
        `${h.url}/.well-known/openid-configuration`,
        {
          headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
        },
        (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => {
            body += chunk.toString("utf8");
          });
          response.on("end", () => resolve(body));
        },
      );
      request.on("error", reject);
      request.end();
    });
    expect(JSON.parse(spoofed).issuer).toBe(h.config.publicUrl);
    expect(spoofed).not.toContain("evil.example");
  });

  it("scope openid: one silent snsapi_base round trip (no userinfo call); id_token checked against the JWKS; userinfo", async () => {
    const p = person(0);
    let result: Awaited<ReturnType<typeof signInToApp>> | undefined;
    const calls = await delta(async () => {
      result = await signInToApp(h, SHOP, { scope: "openid", openid: p.openid });
    });
    if (!result) throw new Error("no sign-in");
    expect(result.trip.wechatAuthorizations).toBe(1);
    expect(calls("/sns/oauth2/access_token")).toBe(1);
    expect(calls("/sns/userinfo")).toBe(0);
    expect(result.claims).toMatchObject({
      iss: h.config.publicUrl,
      aud: SHOP.clientId,
      sub: p.openid,
      wechat_scope: "snsapi_base",
    });
    expect(result.claims.nickname).toBeUndefined();
    expect(result.userinfo).toEqual({ sub: p.openid, wechat_scope: "snsapi_base" });
    // The signature, by hand too: the header names a key the JWKS publishes, ES256.
    const header = JSON.parse(
      Buffer.from(String(result.tokens.id_token).split(".")[0] ?? "", "base64url").toString(),
    );
    const jwks = (await (await fetch(`${h.url}/oidc/jwks`)).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(header.alg).toBe("ES256");
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    for (const key of jwks.keys) expect(key.d).toBeUndefined();
  });

  it("scope openid profile, a public app with PKCE: snsapi_userinfo; nickname, picture; the event and the user's apps", async () => {
    const p = person(1);
    const event = nextEvent(h, "app_sign_in");
    let result: Awaited<ReturnType<typeof signInToApp>> | undefined;
    const calls = await delta(async () => {
      result = await signInToApp(h, SPA, { scope: "openid profile", openid: p.openid });
    });
    if (!result) throw new Error("no sign-in");
    expect(calls("/sns/oauth2/access_token")).toBe(1);
    expect(calls("/sns/userinfo")).toBe(1);
    const expected = {
      sub: p.openid,
      wechat_scope: "snsapi_userinfo",
      nickname: p.nickname,
      picture: p.headimgurl,
    };
    expect(result.claims).toMatchObject(expected);
    expect(result.userinfo).toEqual(expected);
    expect((await event).data).toEqual({
      clientId: SPA.clientId,
      appName: SPA.name,
      openid: p.openid,
      nickname: p.nickname,
    });
    const detail = await api<{ apps: Array<{ clientId: string; name: string; lastSignInAt: number }> }>(
      h,
      "GET",
      `/users/${p.openid}`,
      { key: "support" },
    );
    expect(detail.status).toBe(200);
    expect(detail.body.apps.map((a) => [a.clientId, a.name])).toEqual([[SPA.clientId, SPA.name]]);
  });

  it("sub = unionid for an app that chose it (the openid when WeChat gave none)", async () => {
    const withUnion = people.find((u) => u.unionid);
    const without = people.find((u) => !u.unionid);
    if (!withUnion?.unionid || !without) throw new Error("fixtures need people with and without unionid");
    const a = await signInToApp(h, UNION, { scope: "openid profile", openid: withUnion.openid });
    expect(a.claims.sub).toBe(withUnion.unionid);
    expect(a.userinfo.sub).toBe(withUnion.unionid);
    const b = await signInToApp(h, UNION, { scope: "openid profile", openid: without.openid });
    expect(b.claims.sub).toBe(without.openid);
    // The same person in an openid app keeps the openid.
    expect((await signInToApp(h, SHOP, { scope: "openid", openid: withUnion.openid })).claims.sub).toBe(
      withUnion.openid,
    );
  });

  it("a browser already signed in to WeChat goes through without a WeChat call; base asked for profile takes one", async () => {
    const full = person(2);
    const browser = new Browser();
    await fullJourney(h, browser, { scope: "snsapi_userinfo", openid: full.openid });
    let signedIn: Awaited<ReturnType<typeof signInToApp>> | undefined;
    const calls = await delta(async () => {
      signedIn = await signInToApp(h, SHOP, { scope: "openid profile", openid: full.openid, browser });
    });
    expect(signedIn?.trip.wechatAuthorizations).toBe(0);
    expect(calls("/sns/oauth2/access_token") + calls("/sns/userinfo")).toBe(0);
    expect(signedIn?.claims).toMatchObject({ sub: full.openid, nickname: full.nickname });

    const base = person(3);
    const baseBrowser = new Browser();
    await fullJourney(h, baseBrowser, { scope: "snsapi_base", openid: base.openid });
    const quiet = await delta(() =>
      signInToApp(h, SHOP, { scope: "openid", openid: base.openid, browser: baseBrowser }),
    );
    expect(quiet("/sns/oauth2/access_token")).toBe(0);
    let upgraded: Awaited<ReturnType<typeof signInToApp>> | undefined;
    const more = await delta(async () => {
      upgraded = await signInToApp(h, SHOP, {
        scope: "openid profile",
        openid: base.openid,
        browser: baseBrowser,
      });
    });
    expect(upgraded?.trip.wechatAuthorizations).toBe(1);
    expect(more("/sns/userinfo")).toBe(1);
    expect(upgraded?.claims).toMatchObject({
      sub: base.openid,
      nickname: base.nickname,
      wechat_scope: "snsapi_userinfo",
    });
  });

  it("a snapshot-page visitor gets no id_token: access_denied with words in Chinese and English", async () => {
    const guest = h.users.find((u) => u.snapshot);
    if (!guest) throw new Error("the sandbox has no snapshot fixture user");
    const config = await rpConfig(h, SHOP);
    const authorization = await authorizationUrl(config, { scope: "openid profile" });
    const calls = await delta(async () => {
      const trip = await browseToApp(h, new Browser(), authorization.url, guest.openid);
      const { error, description } = appError(trip);
      expect(error).toBe("access_denied");
      expect(description).toContain("快照页");
      expect(description).toContain("snapshot page");
      expect(trip.appUrl?.searchParams.get("code")).toBeNull();
      expect(trip.appUrl?.searchParams.get("state")).toBe(authorization.state);
      // The app's library reports it as the error it is.
      await expect(
        client.authorizationCodeGrant(config, trip.appUrl as URL, {
          pkceCodeVerifier: authorization.verifier,
          expectedState: authorization.state,
        }),
      ).rejects.toMatchObject({ error: "access_denied" });
    });
    expect(calls("/sns/userinfo")).toBe(0);
  });

  it("tapping 拒绝 on WeChat's sheet: the app is told access_denied, nobody signed in", async () => {
    const config = await rpConfig(h, SHOP);
    const authorization = await authorizationUrl(config, { scope: "openid profile" });
    const trip = await browseToApp(h, new Browser(), authorization.url, person(4).openid, {
      decision: "deny",
    });
    expect(appError(trip).error).toBe("access_denied");
    expect(appError(trip).description).toContain("没有完成微信授权");
    expect(trip.appUrl?.searchParams.get("code")).toBeNull();
  });

  it("prompt=none: login_required without a sign-in; silent once this browser signed in to the app", async () => {
    const config = await rpConfig(h, SHOP);
    const silent = await authorizationUrl(config, { scope: "openid", extra: { prompt: "none" } });
    const cold = await browseToApp(h, new Browser(), silent.url, person(5).openid);
    expect(appError(cold).error).toBe("login_required");
    expect(cold.wechatAuthorizations).toBe(0);

    const browser = new Browser();
    await signInToApp(h, SHOP, { scope: "openid", openid: person(5).openid, browser });
    const again = await authorizationUrl(config, { scope: "openid", extra: { prompt: "none" } });
    const trip = await browseToApp(h, browser, again.url, person(5).openid);
    expect(trip.wechatAuthorizations).toBe(0);
    const tokens = await redeemCode(config, trip.appUrl as URL, again);
    expect(tokens.claims()?.sub).toBe(person(5).openid);
  });

  it("prompt=consent signs in without a screen (the account's own app); prompt=login asks WeChat again", async () => {
    const browser = new Browser();
    await fullJourney(h, browser, { scope: "snsapi_base", openid: person(2).openid });
    const config = await rpConfig(h, SHOP);
    const consent = await authorizationUrl(config, { scope: "openid", extra: { prompt: "consent" } });
    const quiet = await browseToApp(h, browser, consent.url, person(2).openid);
    expect(quiet.wechatAuthorizations).toBe(0);
    expect(quiet.appUrl?.searchParams.get("code")).toBeTruthy();

    const login = await authorizationUrl(config, { scope: "openid", extra: { prompt: "login" } });
    const again = await browseToApp(h, browser, login.url, person(2).openid);
    expect(again.wechatAuthorizations).toBe(1);
    const tokens = await redeemCode(config, again.appUrl as URL, login);
    expect(tokens.claims()?.sub).toBe(person(2).openid);
  });

  it("CORS: the token and userinfo endpoints answer an app's own origin, not another's", async () => {
    const preflight = (origin: string) =>
      fetch(`${h.url}/oidc/token`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST" },
      });
    // The public app's pages live on its redirect URI's origin.
    expect((await preflight(APP_ORIGIN)).headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    const other = await fetch(`${h.url}/oidc/token`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: "x",
        redirect_uri: APP_CALLBACK,
        client_id: SPA.clientId,
      }),
    });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("another WeChat user in the same browser is never taken for the first one's app session", async () => {
    const browser = new Browser();
    await signInToApp(h, SHOP, { scope: "openid", openid: person(6).openid, browser });
    // The browser signs in to WeChat as someone else (a shared phone), then opens the app again.
    await fullJourney(h, browser, { scope: "snsapi_base", openid: person(0).openid });
    const result = await signInToApp(h, SHOP, { scope: "openid", openid: person(0).openid, browser });
    expect(result.claims.sub).toBe(person(0).openid);
    expect(result.trip.wechatAuthorizations).toBe(0);
  });

  it("the redirect back carries only what the app registered: the exact redirect_uri", async () => {
    const config = await rpConfig(h, SHOP);
    const authorization = await authorizationUrl(config, { scope: "openid" });
    const trip = await browseToApp(h, new Browser(), authorization.url, person(1).openid);
    expect(`${trip.appUrl?.origin}${trip.appUrl?.pathname}`).toBe(APP_CALLBACK);
  });
});

describe("OpenID Connect behind https (the public URL is https, the proxy talks http)", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOidcHarness({ publicScheme: "https" });
  });
  afterAll(async () => h?.close());

  it("discovery names https URLs and the provider's cookies are Secure; a sign-in still completes", async () => {
    const doc = (await (await fetch(`${h.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    expect(doc.issuer).toBe(h.config.publicUrl);
    expect(doc.issuer).toMatch(/^https:\/\//);
    expect(doc.token_endpoint).toBe(`${h.config.publicUrl}/oidc/token`);
    const config = await rpConfig(h, SHOP);
    const authorization = await authorizationUrl(config, { scope: "openid" });
    const browser = new Browser();
    const first = await browser.fetch(authorization.url.href.replace(h.config.publicUrl, h.url));
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toMatch(/^\/oidc\/interaction\//);
    expect(browser.lastSetCookies.length).toBeGreaterThan(0);
    for (const cookie of browser.lastSetCookies) expect(cookie.toLowerCase()).toContain("; secure");
    const person = h.users.find((u) => !u.snapshot);
    const result = await signInToApp(h, SHOP, { scope: "openid", openid: person?.openid ?? "" });
    expect(result.claims.iss).toBe(h.config.publicUrl);
  });
});
