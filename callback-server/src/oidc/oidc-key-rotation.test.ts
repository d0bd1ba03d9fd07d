import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { api } from "../routes/admin/testing/users-test-kit.js";
import type { OAuthHarness } from "../routes/oauth/testing/oauth-test-harness.js";
import { redisUrlForTests, storeBackends } from "../testing/test-server.js";
import type { SigningKeyView } from "./signing-keys.js";
import { SHOP, signInToApp, startOidcHarness } from "./testing/oidc-test-kit.js";

const MINUTE = 60_000;
const TIMES = {
  publishAheadMs: 10 * MINUTE,
  keepRetiredMs: 24 * 60 * MINUTE,
  keyRefreshMs: 30_000,
  rotateAfterMs: 90 * 24 * 60 * MINUTE,
};

describe.each(storeBackends(redisUrlForTests()))("signing key rotation ($name)", ({ redisUrl }) => {
  let h: OAuthHarness;
  /** Our clock runs ahead of the wall clock by this much (key times, sessions); WeChat's does not care. */
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  let openid: string;

  beforeAll(async () => {
    h = await startOidcHarness({ redisUrl, clock, app: { oidc: TIMES } });
    openid = h.users.find((u) => !u.snapshot)?.openid ?? "";
  });
  afterAll(async () => h?.close());

  async function jwks(url = h.url): Promise<JSONWebKeySet> {
    return (await (await fetch(`${url}/oidc/jwks`)).json()) as JSONWebKeySet;
  }
  const kids = (set: JSONWebKeySet) => set.keys.map((k) => k.kid);
  async function signIn(): Promise<{ token: string; kid: string }> {
    const { tokens } = await signInToApp(h, SHOP, { scope: "openid", openid });
    const token = String(tokens.id_token);
    return { token, kid: String(decodeProtectedHeader(token).kid) };
  }
  async function verifies(token: string): Promise<boolean> {
    try {
      await jwtVerify(token, createLocalJWKSet(await jwks()), {
        issuer: h.config.publicUrl,
        audience: SHOP.clientId,
      });
      return true;
    } catch {
      return false;
    }
  }
  async function keyList(): Promise<SigningKeyView[]> {
    return (await api<{ keys: SigningKeyView[] }>(h, "GET", "/signing-keys")).body.keys;
  }

  it("a new key is published at once, signs from activeFrom; tokens of the old key still verify; it leaves a day later", async () => {
    const first = await signIn();
    expect(kids(await jwks())).toEqual([first.kid]);

    const rotated = await api<{ key: SigningKeyView }>(h, "POST", "/signing-keys/rotate");
    expect(rotated.status).toBe(200);
    const next = rotated.body.key;
    expect(next).toMatchObject({ alg: "ES256", state: "next" });
    expect(next.activeFrom - clock.now()).toBeGreaterThan(TIMES.publishAheadMs - MINUTE);
    // Published before it signs: every app can know it before it sees a token with it.
    expect(kids(await jwks())).toEqual([first.kid, next.kid]);
    expect((await keyList()).map((k) => [k.kid, k.state])).toEqual([
      [next.kid, "next"],
      [first.kid, "active"],
    ]);
    const stillOld = await signIn();
    expect(stillOld.kid).toBe(first.kid);

    offset += TIMES.publishAheadMs + 1000;
    const fresh = await signIn();
    expect(fresh.kid).toBe(next.kid);
    expect(kids(await jwks())).toEqual([next.kid, first.kid]);
    for (const token of [first.token, stillOld.token, fresh.token]) expect(await verifies(token)).toBe(true);
    const listed = await keyList();
    expect(listed.map((k) => [k.kid, k.state])).toEqual([
      [next.kid, "active"],
      [first.kid, "retired"],
    ]);
    expect(listed[1]?.unpublishAt).toBe((listed[1]?.retiredAt ?? 0) + TIMES.keepRetiredMs);

    offset += TIMES.keepRetiredMs + 1000;
    expect(kids(await jwks())).toEqual([next.kid]);
    expect(await verifies(fresh.token)).toBe(true);
    expect(await verifies(first.token)).toBe(false);
  });

  it("another instance on the same store publishes the new key within its refresh, before it signs", async () => {
    const other = await buildApp(h.ctx, { oidc: TIMES });
    await other.listen({ port: 0, host: "127.0.0.1" });
    try {
      const address = other.server.address();
      const otherUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      const before = kids(await jwks(otherUrl));
      expect(before).toEqual(kids(await jwks()));
      const { key } = (await api<{ key: SigningKeyView }>(h, "POST", "/signing-keys/rotate")).body;
      expect(kids(await jwks(otherUrl))).toEqual(before);
      offset += TIMES.keyRefreshMs + 1000;
      expect(kids(await jwks(otherUrl))).toEqual([...before, key.kid]);
      expect(key.activeFrom).toBeGreaterThan(clock.now());
    } finally {
      await other.close();
    }
  });

  it("private keys are sealed at rest with the token key; the JWKS holds public parts only", async () => {
    const stored = await h.ctx.store.listRecords("oidc-signing-keys");
    expect(stored.length).toBeGreaterThan(0);
    for (const record of stored) {
      const { sealed } = JSON.parse(record.value) as { sealed: string };
      const jwk = JSON.parse(h.ctx.cipher.decrypt(sealed as never)) as { d: string; kid: string };
      expect(jwk.kid).toBe(record.id);
      expect(record.value).not.toContain(jwk.d);
    }
    for (const key of (await jwks()).keys) expect(key).not.toHaveProperty("d");
  });

  it("the signer is replaced by itself after 90 days (published first, like any rotation)", async () => {
    const active = (await keyList()).find((k) => k.state === "active");
    if (!active) throw new Error("no active key");
    offset += TIMES.rotateAfterMs + TIMES.publishAheadMs;
    const keys = await keyList();
    const next = keys.find((k) => k.state === "next");
    expect(next).toBeDefined();
    expect(keys.find((k) => k.state === "active")?.kid).not.toBe(next?.kid);
    expect(kids(await jwks())).toContain(next?.kid);
  });
});
