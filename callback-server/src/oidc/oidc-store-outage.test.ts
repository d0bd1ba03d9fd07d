import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, type OAuthHarness } from "../routes/oauth/testing/oauth-test-harness.js";
import { type OwnRedis, ownRedisUnavailable, startOwnRedis } from "../testing/own-redis.js";
import {
  APP_CALLBACK,
  authorizationUrl,
  rpConfig,
  SHOP,
  signInToApp,
  startOidcHarness,
} from "./testing/oidc-test-kit.js";

const noRedis = ownRedisUnavailable();

describe.skipIf(noRedis)(
  "OpenID Connect while the store is down (an own redis-server, stopped and started)",
  () => {
    let redis: OwnRedis;
    let h: OAuthHarness;

    beforeAll(async () => {
      redis = await startOwnRedis();
      h = await startOidcHarness({ redisUrl: redis.url });
    });
    afterAll(async () => {
      await redis?.start();
      await h?.close();
      await redis?.close();
    });

    it("the browser gets the 503 page with a retry, apps get 503 + Retry-After; back to normal when the store is", async () => {
      const person = h.users.find((u) => !u.snapshot);
      if (!person) throw new Error("no fixture person");
      await signInToApp(h, SHOP, { scope: "openid", openid: person.openid });
      const config = await rpConfig(h, SHOP);
      const authorization = await authorizationUrl(config, { scope: "openid" });
      const local = authorization.url.href.replace(h.config.publicUrl, h.url);

      await redis.stop();
      try {
        const page = await new Browser().fetch(local);
        expect(page.status).toBe(503);
        expect(page.headers.get("retry-after")).toBe("5");
        expect(page.headers.get("content-type")).toMatch(/^text\/html/);
        expect(page.headers.get("location")).toBeNull();
        const html = await page.text();
        expect(html).toContain("服务暂时不可用");
        expect(html).toContain("/oidc/auth?");

        const token = await fetch(`${h.url}/oidc/token`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            authorization: `Basic ${Buffer.from(`${SHOP.clientId}:${SHOP.clientSecret}`).toString("base64")}`,
          },
          body: new URLSearchParams({
            grant_type: "authorization_code",
            code: "c",
            redirect_uri: APP_CALLBACK,
          }),
        });
        expect(token.status).toBe(503);
        expect(token.headers.get("retry-after")).toBe("5");
        expect(((await token.json()) as { error: string }).error).toBe("temporarily_unavailable");

        // Served from memory: discovery and the public keys need no store.
        expect((await fetch(`${h.url}/.well-known/openid-configuration`)).status).toBe(200);
        expect((await fetch(`${h.url}/oidc/jwks`)).status).toBe(200);
      } finally {
        await redis.start();
      }
      const deadline = Date.now() + 5_000;
      while ((await fetch(`${h.url}/readyz`)).status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const again = await signInToApp(h, SHOP, { scope: "openid", openid: person.openid });
      expect(again.claims.sub).toBe(person.openid);
    });
  },
);
