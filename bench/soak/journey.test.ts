import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unavailablePage } from "../../callback-server/src/pages/oauth-pages.js";
import {
  type OAuthHarness,
  startOAuthHarness,
} from "../../callback-server/src/routes/oauth/testing/oauth-test-harness.js";
import { freePort } from "../lib/child-server.js";
import { runJourney, type SoakUser } from "./journey.js";
import { Site } from "./site.js";
import { findLostUsers } from "./verify-users.js";

/** A server that answers every request with `answer`: stands in for a broken site. */
async function standIn(answer: (res: http.ServerResponse) => void): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => server.close() };
}

describe("soak journey client", () => {
  let h: OAuthHarness;
  let site: Site;
  beforeAll(async () => {
    h = await startOAuthHarness();
    site = new Site(h.url, [h.url]);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function newUser(nickname: string): Promise<SoakUser> {
    const { status, body } = await h.sandboxJson<SoakUser>("/_sandbox/users", { nickname });
    expect(status).toBe(200);
    return body;
  }

  it("a journey through the real server ends completed, greeted by nickname, and its user is found again", async () => {
    const user = await newUser("浸泡 <测试> & 🍵");
    const end = await runJourney({ site, sandboxUrl: h.sandbox.url, user, requestTimeoutMs: 10_000 });
    expect(end.cause).toBe("completed");
    expect(end.jssdkStatus).toBe(200);
    expect(end.ms).toBeGreaterThan(0);
    expect(await findLostUsers(site, h.config.supportKey!, [user])).toEqual({
      missing: 0,
      unusableToken: 0,
      http500: 0,
    });
  });

  it("a user who never completed a journey counts as lost", async () => {
    const stranger = await newUser("从未登录");
    expect(await findLostUsers(site, h.config.supportKey!, [stranger])).toEqual({
      missing: 1,
      unusableToken: 0,
      http500: 0,
    });
  });

  it("a user whose token WeChat no longer accepts counts as lost (unusable token)", async () => {
    const user = await newUser("令牌过期");
    const end = await runJourney({ site, sandboxUrl: h.sandbox.url, user, requestTimeoutMs: 10_000 });
    expect(end.cause).toBe("completed");
    await h.sandboxJson("/_sandbox/faults", [{ path: "/sns/auth", rate: 1, errcode: 40001 }], "PUT");
    try {
      expect(await findLostUsers(site, h.config.supportKey!, [user])).toEqual({
        missing: 0,
        unusableToken: 1,
        http500: 0,
      });
    } finally {
      await h.sandboxJson("/_sandbox/faults", [], "PUT");
    }
  });

  it("a 500 answer ends as http_500, whatever the page says", async () => {
    const broken = await standIn((res) => {
      res.writeHead(500, { "content-type": "text/html" }).end("<title>出错了</title>");
    });
    try {
      const user = { openid: "o".repeat(28), nickname: "谁" };
      const end = await runJourney({
        site: new Site(broken.url, [broken.url]),
        sandboxUrl: h.sandbox.url,
        user,
        requestTimeoutMs: 10_000,
      });
      expect(end).toMatchObject({ cause: "http_500", at: "/oauth/start" });
    } finally {
      broken.close();
    }
  });

  it("a redirect off the site ends as left_site (an open redirect), not followed", async () => {
    const redirecting = await standIn((res) => res.writeHead(302, { location: "http://example.com/" }).end());
    try {
      const user = { openid: "o".repeat(28), nickname: "谁" };
      const end = await runJourney({
        site: new Site(redirecting.url, [redirecting.url]),
        sandboxUrl: h.sandbox.url,
        user,
        requestTimeoutMs: 10_000,
      });
      expect(end.cause).toBe("left_site");
    } finally {
      redirecting.close();
    }
  });

  it("on the store-down page the visitor taps 重试 (up to 3 times) and goes on when it works again", async () => {
    const user = await newUser("稍后重试");
    let downFor = 2;
    // The real server behind a stand-in that is "down" for its first two answers to /oauth/start.
    const flaky = await standIn((res) => {
      if (downFor-- > 0) {
        res
          .writeHead(503, { "content-type": "text/html" })
          .end(unavailablePage("/oauth/start?scope=snsapi_userinfo").html);
        return;
      }
      res.writeHead(302, { location: `${h.url}/oauth/start?scope=snsapi_userinfo` }).end();
    });
    try {
      const end = await runJourney({
        site: new Site(flaky.url, [flaky.url]),
        sandboxUrl: h.sandbox.url,
        user,
        requestTimeoutMs: 10_000,
      });
      // The stand-in's redirect leaves its own origin: what matters is that the taps happened first.
      expect(end).toMatchObject({ cause: "left_site", storeRetries: 2 });
    } finally {
      flaky.close();
    }
  });

  it("a store that stays down ends the journey as store_unavailable after 3 taps", async () => {
    const down = await standIn((res) => {
      res.writeHead(503, { "content-type": "text/html" }).end(unavailablePage("/oauth/start").html);
    });
    try {
      const user = { openid: "o".repeat(28), nickname: "谁" };
      const end = await runJourney({
        site: new Site(down.url, [down.url]),
        sandboxUrl: h.sandbox.url,
        user,
        requestTimeoutMs: 10_000,
      });
      expect(end).toMatchObject({ cause: "store_unavailable", storeRetries: 3 });
    } finally {
      down.close();
    }
  });

  it("no server listening ends as connection_error", async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const user = { openid: "o".repeat(28), nickname: "谁" };
    const end = await runJourney({
      site: new Site(nobody, [nobody]),
      sandboxUrl: h.sandbox.url,
      user,
      requestTimeoutMs: 10_000,
    });
    expect(end.cause).toBe("connection_error");
  });
});
