import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcApp } from "../../oidc/app-registry.js";
import {
  APP_CALLBACK,
  APP_ORIGIN,
  authorizationUrl,
  nextEvent,
  rpConfig,
  SHOP,
  signInToApp,
  startOidcHarness,
} from "../../oidc/testing/oidc-test-kit.js";
import { redisUrlForTests, storeBackends } from "../../testing/test-server.js";
import { Browser, type OAuthHarness, type SandboxUserRow } from "../oauth/testing/oauth-test-harness.js";
import { api, errorCode } from "./testing/users-test-kit.js";

interface Issued {
  app: OidcApp;
  clientSecret?: string;
}

describe.each(storeBackends(redisUrlForTests()))("admin API: apps ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  let person: SandboxUserRow;

  beforeAll(async () => {
    h = await startOidcHarness({ redisUrl, clients: [SHOP] });
    const found = h.users.find((u) => !u.snapshot);
    if (!found) throw new Error("no fixture person");
    person = found;
  });
  afterAll(async () => h?.close());

  async function tokenStatus(
    clientId: string,
    clientSecret: string,
  ): Promise<{ status: number; error?: string }> {
    try {
      await signInToApp(h, { clientId, clientSecret }, { scope: "openid", openid: person.openid });
      return { status: 200 };
    } catch (error) {
      return {
        status: (error as { status?: number }).status ?? 0,
        error: (error as { error?: string }).error,
      };
    }
  }

  it("create → the secret once → sign in with it → rotate → the old secret refused → delete", async () => {
    const created = await api<Issued>(h, "POST", "/apps", {
      body: {
        name: " 商城后台 ",
        redirectUris: [APP_CALLBACK],
        sub: "openid",
        scopes: ["openid", "profile"],
      },
    });
    expect(created.status).toBe(201);
    const { app, clientSecret } = created.body;
    expect(app).toMatchObject({
      name: "商城后台",
      redirectUris: [APP_CALLBACK],
      public: false,
      source: "admin",
    });
    expect(app.clientId).toMatch(/^app_[A-Za-z0-9_-]{16}$/);
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const secret = clientSecret as string;

    // Never again: not in the app, not in the list, not at rest in plain text.
    const one = await api<OidcApp>(h, "GET", `/apps/${app.clientId}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(app);
    const list = await api<{ apps: OidcApp[] }>(h, "GET", "/apps");
    expect(list.body.apps.map((a) => [a.clientId, a.source])).toEqual([
      [SHOP.clientId, "env"],
      [app.clientId, "admin"],
    ]);
    for (const text of [one.text, list.text]) expect(text).not.toContain(secret);
    const stored = await h.ctx.store.getRecord("oidc-apps", app.clientId);
    expect(stored).toBeDefined();
    expect(stored).not.toContain(secret);

    // Nobody signed in yet: no last sign-in.
    expect(list.body.apps.find((a) => a.clientId === app.clientId)).not.toHaveProperty("lastSignInAt");
    const event = nextEvent(h, "app_sign_in");
    const before = h.ctx.clock.now();
    const signedIn = await signInToApp(
      h,
      { clientId: app.clientId, clientSecret: secret },
      { scope: "openid profile", openid: person.openid },
    );
    expect(signedIn.claims).toMatchObject({
      sub: person.openid,
      aud: app.clientId,
      nickname: person.nickname,
    });
    // The event is published after the sign-in is recorded: the list has it now, for support too.
    expect((await event).data).toMatchObject({ clientId: app.clientId });
    const afterSignIn = await api<{ apps: Array<OidcApp & { lastSignInAt?: number }> }>(h, "GET", "/apps", {
      key: "support",
    });
    expect(afterSignIn.status).toBe(200);
    expect(afterSignIn.text).not.toContain(secret);
    const listed = afterSignIn.body.apps.find((a) => a.clientId === app.clientId);
    expect(listed?.lastSignInAt).toBeGreaterThanOrEqual(before);
    expect(listed?.lastSignInAt).toBeLessThanOrEqual(h.ctx.clock.now());

    const rotated = await api<Issued>(h, "POST", `/apps/${app.clientId}/secret`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.clientSecret as string;
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(secret);
    expect(typeof rotated.body.app.secretRotatedAt).toBe("number");
    expect(await tokenStatus(app.clientId, secret)).toEqual({ status: 401, error: "invalid_client" });
    expect(await tokenStatus(app.clientId, fresh)).toEqual({ status: 200 });

    const removed = await api<{ ok: boolean }>(h, "DELETE", `/apps/${app.clientId}`);
    expect(removed.body).toEqual({ ok: true });
    expect(await h.ctx.store.getRecord("oidc-app-sign-ins", app.clientId)).toBeUndefined();
    expect(errorCode(await api(h, "GET", `/apps/${app.clientId}`))).toBe("unknown_app");
    expect(errorCode(await api(h, "DELETE", `/apps/${app.clientId}`))).toBe("unknown_app");
    // Its sign-ins stop at once: the browser gets our page, the app nothing.
    const config = await rpConfig(h, SHOP);
    const authorization = await authorizationUrl(config, { scope: "openid" });
    const url = new URL(authorization.url.href.replace(h.config.publicUrl, h.url));
    url.searchParams.set("client_id", app.clientId);
    const page = await new Browser().fetch(url.href);
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
  });

  it("a public app has no secret and signs in with PKCE; editing its redirect URIs takes effect at once", async () => {
    const created = await api<Issued>(h, "POST", "/apps", {
      body: { name: "活动页", redirectUris: [`${APP_ORIGIN}/old`], public: true },
    });
    expect(created.status).toBe(201);
    expect(created.body.clientSecret).toBeUndefined();
    expect(created.body.app).toMatchObject({ public: true, sub: "openid", scopes: ["openid", "profile"] });
    const id = created.body.app.clientId;
    expect(errorCode(await api(h, "POST", `/apps/${id}/secret`))).toBe("app_public");

    const changed = await api<OidcApp>(h, "PATCH", `/apps/${id}`, {
      body: { redirectUris: [APP_CALLBACK], name: "新活动" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "新活动", redirectUris: [APP_CALLBACK], public: true });
    const result = await signInToApp(h, { clientId: id }, { scope: "openid", openid: person.openid });
    expect(result.claims.aud).toBe(id);
    // The old address is no longer registered.
    const config = await rpConfig(h, { clientId: id });
    const old = await authorizationUrl(config, { scope: "openid", redirectUri: `${APP_ORIGIN}/old` });
    expect((await new Browser().fetch(old.url.href.replace(h.config.publicUrl, h.url))).status).toBe(400);
  });

  it("apps from WXDESK_OIDC_CLIENTS are listed but read-only: 409 app_read_only, nothing changes", async () => {
    const before = await api<OidcApp>(h, "GET", `/apps/${SHOP.clientId}`);
    expect(before.body).toEqual({
      clientId: SHOP.clientId,
      name: SHOP.name,
      redirectUris: SHOP.redirectUris,
      sub: "openid",
      scopes: ["openid", "profile"],
      public: false,
      source: "env",
    });
    for (const [method, path, body] of [
      ["PATCH", `/apps/${SHOP.clientId}`, { name: "x" }],
      ["DELETE", `/apps/${SHOP.clientId}`, undefined],
      ["POST", `/apps/${SHOP.clientId}/secret`, undefined],
    ] as const) {
      const answer = await api(h, method, path, body === undefined ? {} : { body });
      expect(answer.status).toBe(409);
      expect(errorCode(answer)).toBe("app_read_only");
      expect((answer.body as { error: { messageZh: string } }).error.messageZh).toContain(
        "WXDESK_OIDC_CLIENTS",
      );
    }
    expect((await api<OidcApp>(h, "GET", `/apps/${SHOP.clientId}`)).body).toEqual(before.body);
  });

  it("refuses what cannot work, naming the field, in both languages; support may list apps, not change them", async () => {
    const cases: Array<[unknown, string, string]> = [
      [
        { name: "x", redirectUris: ["http://shop.example.com/cb"] },
        "redirect_uri_invalid",
        "body.redirectUris[0]",
      ],
      [
        { name: "x", redirectUris: [APP_CALLBACK, "https://a.example/cb#x"] },
        "redirect_uri_invalid",
        "body.redirectUris[1]",
      ],
      [{ name: "x", redirectUris: ["not a url"] }, "redirect_uri_invalid", "body.redirectUris[0]"],
      [{ name: "x", redirectUris: [APP_CALLBACK], scopes: ["profile"] }, "bad_request", "body.scopes"],
      [{ name: "   ", redirectUris: [APP_CALLBACK] }, "bad_request", "body.name"],
      [{ name: "x", redirectUris: [] }, "bad_request", "body.redirectUris"],
      [{ name: "x", redirectUris: [APP_CALLBACK], sub: "email" }, "bad_request", "body.sub"],
    ];
    for (const [body, code, field] of cases) {
      const answer = await api<{ error: { field?: string; messageZh: string } }>(h, "POST", "/apps", {
        body,
      });
      expect({ body, status: answer.status, code: errorCode(answer) }).toEqual({ body, status: 400, code });
      expect(answer.body.error.field).toBe(field);
    }
    expect(errorCode(await api(h, "PATCH", `/apps/${SHOP.clientId}`, { body: {} }))).toBe("bad_request");
    expect((await api(h, "GET", "/apps", { key: "support" })).status).toBe(200);
    expect((await api(h, "GET", `/apps/${SHOP.clientId}`, { key: "support" })).status).toBe(403);
    expect((await api(h, "DELETE", `/apps/${SHOP.clientId}`, { key: "support" })).status).toBe(403);
    expect(
      (await api(h, "POST", "/apps", { key: "support", body: { name: "x", redirectUris: [APP_CALLBACK] } }))
        .status,
    ).toBe(403);
    expect((await api<{ apps: OidcApp[] }>(h, "GET", "/apps")).body.apps).toHaveLength(
      (await h.ctx.store.listRecords("oidc-apps")).length + 1,
    );
  });
});
