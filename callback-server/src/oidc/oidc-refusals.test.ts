import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Browser,
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
  rpConfig,
  SHOP,
  SPA,
  startOidcHarness,
} from "./testing/oidc-test-kit.js";

const OPENID_ONLY = { ...SHOP, clientId: "openid-only", name: "只要身份", scopes: ["openid" as const] };

interface TokenAnswer {
  status: number;
  body: { error?: string; error_description?: string; access_token?: string; id_token?: string };
}

describe.each(storeBackends(redisUrlForTests()))("OpenID Connect refusals ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  let person: SandboxUserRow;

  beforeAll(async () => {
    h = await startOidcHarness({ redisUrl, clients: [SHOP, SPA, OPENID_ONLY] });
    const found = h.users.find((u) => !u.snapshot);
    if (!found) throw new Error("no fixture person");
    person = found;
  });
  afterAll(async () => h?.close());

  /** The token request as any app sends it (client_secret_basic when there is a secret). */
  async function tokenRequest(p: {
    app: { clientId: string; clientSecret?: string | undefined };
    code: string;
    redirectUri?: string;
    verifier?: string;
  }): Promise<TokenAnswer> {
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      code: p.code,
      redirect_uri: p.redirectUri ?? APP_CALLBACK,
      ...(p.verifier ? { code_verifier: p.verifier } : {}),
    });
    if (p.app.clientSecret) {
      const basic = `${encodeURIComponent(p.app.clientId)}:${encodeURIComponent(p.app.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString("base64")}`;
    } else {
      form.set("client_id", p.app.clientId);
    }
    const response = await fetch(`${h.url}/oidc/token`, { method: "POST", headers, body: form });
    return { status: response.status, body: (await response.json()) as TokenAnswer["body"] };
  }

  /** Through the browser to a fresh code for `app` (PKCE S256 unless told otherwise). */
  async function freshCode(
    app: typeof SHOP | typeof SPA,
    extra: { pkce?: boolean; scope?: string } = {},
  ): Promise<{ code: string; verifier: string }> {
    const config = await rpConfig(h, app);
    const authorization = await authorizationUrl(config, { scope: extra.scope ?? "openid" });
    const url = new URL(authorization.url);
    if (extra.pkce === false) {
      url.searchParams.delete("code_challenge");
      url.searchParams.delete("code_challenge_method");
    }
    const trip = await browseToApp(h, new Browser(), url, person.openid);
    const code = trip.appUrl?.searchParams.get("code");
    if (!code) throw new Error(`no code: ${JSON.stringify(appError(trip))}`);
    return { code, verifier: authorization.verifier };
  }

  async function userinfoStatus(accessToken: string): Promise<number> {
    return (await fetch(`${h.url}/oidc/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } }))
      .status;
  }

  it("a redirect_uri that is not registered exactly: a page of ours, no redirect there, no WeChat call", async () => {
    const config = await rpConfig(h, SHOP);
    const before = await h.calls();
    for (const wrong of [
      `${APP_ORIGIN}/other`,
      `${APP_CALLBACK}/`,
      `${APP_CALLBACK}?x=1`,
      "https://evil.example/callback",
    ]) {
      const authorization = await authorizationUrl(config, { scope: "openid", redirectUri: wrong });
      const answer = await new Browser().fetch(authorization.url.href.replace(h.config.publicUrl, h.url));
      expect(answer.status, wrong).toBe(400);
      expect(answer.headers.get("location"), wrong).toBeNull();
      expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await answer.text();
      expect(html).toContain("应用的返回地址不对");
      expect(html).not.toContain("evil.example");
    }
    expect(await h.calls()).toEqual(before);
    // The token request must name the same redirect_uri the code was issued for.
    const { code, verifier } = await freshCode(SHOP);
    const mismatch = await tokenRequest({ app: SHOP, code, verifier, redirectUri: `${APP_ORIGIN}/other` });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toBe("invalid_grant");
  });

  it("a public app without PKCE is refused; a code issued with PKCE needs its verifier", async () => {
    const config = await rpConfig(h, SPA);
    const authorization = await authorizationUrl(config, { scope: "openid" });
    const url = new URL(authorization.url);
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const trip = await browseToApp(h, new Browser(), url, person.openid);
    expect(appError(trip).error).toBe("invalid_request");
    expect(appError(trip).description).toMatch(/PKCE/);
    expect(trip.wechatAuthorizations).toBe(0);

    const { code, verifier } = await freshCode(SPA);
    const missing = await tokenRequest({ app: SPA, code });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe("invalid_grant");
    const wrong = await tokenRequest({ app: SPA, code: (await freshCode(SPA)).code, verifier });
    expect(wrong.body.error).toBe("invalid_grant");
    // A confidential app may go without PKCE (its secret authenticates it).
    const plain = await freshCode(SHOP, { pkce: false });
    expect((await tokenRequest({ app: SHOP, code: plain.code })).status).toBe(200);
  });

  it("a replayed code is refused, and the tokens it gave the first time stop working", async () => {
    const { code, verifier } = await freshCode(SHOP);
    const first = await tokenRequest({ app: SHOP, code, verifier });
    expect(first.status).toBe(200);
    expect(await userinfoStatus(first.body.access_token ?? "")).toBe(200);
    const replay = await tokenRequest({ app: SHOP, code, verifier });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe("invalid_grant");
    expect(await userinfoStatus(first.body.access_token ?? "")).toBe(401);
  });

  it("the same code sent several times at once: exactly one answer has tokens, and they are revoked too", async () => {
    const { code, verifier } = await freshCode(SHOP);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => tokenRequest({ app: SHOP, code, verifier })),
    );
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((a) => a.status !== 200)) {
      expect(lost.status).toBe(400);
      expect(lost.body.error).toBe("invalid_grant");
    }
    expect(await userinfoStatus(won[0]?.body.access_token ?? "")).toBe(401);
  });

  it("a wrong secret, an unknown app, a scope the app may not ask: refused with the right error", async () => {
    const { code, verifier } = await freshCode(SHOP);
    const badSecret = await tokenRequest({
      app: { ...SHOP, clientSecret: `${SHOP.clientSecret}x` },
      code,
      verifier,
    });
    expect(badSecret.status).toBe(401);
    expect(badSecret.body.error).toBe("invalid_client");
    // The code survives a failed client authentication: the right secret still gets the tokens.
    expect((await tokenRequest({ app: SHOP, code, verifier })).status).toBe(200);

    const unknown = await rpConfig(h, SHOP);
    const authorization = await authorizationUrl(unknown, { scope: "openid" });
    const url = new URL(authorization.url.href.replace(h.config.publicUrl, h.url));
    url.searchParams.set("client_id", "nobody");
    const page = await new Browser().fetch(url.href);
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
    expect(await page.text()).toContain("这个应用还没有登记");

    const narrow = await rpConfig(h, OPENID_ONLY);
    const profile = await authorizationUrl(narrow, { scope: "openid profile" });
    const trip = await browseToApp(h, new Browser(), profile.url, person.openid);
    expect(appError(trip).error).toBe("invalid_scope");
    expect(trip.wechatAuthorizations).toBe(0);
  });

  it("bad input never makes a 500: malformed requests to every endpoint, expired login steps", async () => {
    const fetch = (url: string, init: RequestInit = {}) =>
      globalThis.fetch(url, { ...init, redirect: "manual" });
    const answers = await Promise.all([
      fetch(`${h.url}/oidc/token`, { method: "POST", body: "{not a form" }),
      fetch(`${h.url}/oidc/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=authorization_code&code=%FF%FE&redirect_uri=x",
      }),
      fetch(`${h.url}/oidc/userinfo`, { headers: { authorization: "Bearer nonsense" } }),
      fetch(
        `${h.url}/oidc/auth?client_id=shop&response_type=token&redirect_uri=${encodeURIComponent(APP_CALLBACK)}`,
      ),
      fetch(`${h.url}/oidc/auth/doesnotexist`),
      fetch(`${h.url}/oidc/interaction/doesnotexist`),
      fetch(`${h.url}/oidc/interaction/doesnotexist/login`),
      fetch(`${h.url}/oidc/jwks`, { method: "POST" }),
      fetch(`${h.url}/oidc/nothing-here`),
      fetch(`${h.url}/oidc/auth?${"x=1&".repeat(2000)}`),
    ]);
    for (const answer of answers) expect(answer.status, answer.url).toBeLessThan(500);
    // An expired or foreign login step is a page in words, not JSON.
    const expired = answers[5] as Response;
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("登录已过期");
    // openid-client sees the error it expects for a bad code.
    const config = await rpConfig(h, SHOP);
    await expect(
      client.authorizationCodeGrant(
        config,
        new URL(`${APP_CALLBACK}?code=forged&iss=${encodeURIComponent(h.config.publicUrl)}`),
        {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
        },
      ),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });
});
