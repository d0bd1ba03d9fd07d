import { afterAll, beforeAll, expect, it } from "vitest";
import type { OAuthHarness } from "../routes/oauth/oauth-test-harness.js";
import { SHOP, signInToApp, startOidcHarness } from "./oidc-test-kit.js";

let h: OAuthHarness;
beforeAll(async () => {
  h = await startOidcHarness();
});
afterAll(async () => h?.close());

it("smoke", async () => {
  const d = await fetch(`${h.url}/.well-known/openid-configuration`);
  console.log(d.status, await d.text());
  const user = h.users.find((u) => !u.snapshot)!;
  const r = await signInToApp(h, SHOP, { scope: "openid profile", openid: user.openid });
  console.log(r.claims, r.userinfo, r.trip);
  expect(r.claims.sub).toBe(user.openid);
});
