import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext } from "../context/create-app-context.js";
import { type OAuthHarness, startOAuthHarness } from "../routes/oauth/testing/oauth-test-harness.js";
import { SqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store-types.js";
import { type HttpAnswer, httpCall } from "../testing/http-call.js";
import {
  dropRedisPrefix,
  type Listening,
  listen,
  redisUrlForTests,
  storeBackends,
  tempDir,
  testConfig,
  testRedisPrefix,
} from "../testing/test-server.js";
import { registerAdminAuth, requireRole } from "./admin-auth.js";
import { clientBucket } from "./client-address.js";
import { registerErrorHandler } from "./error-handler.js";

/**
 * Wrong admin keys are throttled per client IP (10 a minute by default): 300 guesses in a burst
 * get 10 answers of 401 and 429 for the rest, the right key included, while other clients carry on.
 */

const redisUrl = redisUrlForTests();

/** The answer of a throttled request: 429, Retry-After within the window, the one error shape. */
function expectThrottled(answer: HttpAnswer, windowSeconds: number): void {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(answer.body).toMatchObject({
    error: {
      code: "too_many_attempts",
      message: expect.stringMatching(/try again in \d+ minute/),
      messageZh: expect.stringMatching(/^密钥错误次数太多，请 \d+ 分钟后再试$/),
      retryAfterSeconds: retryAfter,
    },
  });
}

describe.each(storeBackends(redisUrl))("admin key throttle, real server ($name)", ({ redisUrl: redis }) => {
  let h: OAuthHarness;
  const lines: Array<Record<string, unknown>> = [];
  const users = (key: string | undefined, localAddress: string): Promise<HttpAnswer> =>
    httpCall(`${h.url}/admin/api/users`, {
      headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
      localAddress,
    });

  beforeAll(async () => {
    h = await startOAuthHarness({
      redisUrl: redis,
      app: { logger: { level: "info", stream: { write: (line: string) => lines.push(JSON.parse(line)) } } },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("300 wrong keys at once: 10 answered 401, the rest 429; then the right key is refused too; other clients carry on", async () => {
    const client = "127.0.0.3";
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => users(`wrong-key-${i}-0123456789abcdef`, client)),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 401);
    expect(refused).toHaveLength(290);
    for (const answer of refused) expectThrottled(answer, 60);

    // While throttled even the right key is refused: else the one answer that is not 429 names the key.
    expectThrottled(await users(h.config.adminKey, client), 60);
    expectThrottled(await users(h.config.supportKey, client), 60);

    // Another client is not affected.
    expect((await users(h.config.adminKey, "127.0.0.4")).status).toBe(200);
    expect((await users("another-wrong-key-0123456789", "127.0.0.4")).status).toBe(401);

    // One warning names the client (never the key), when its allowance ran out.
    const warnings = lines.filter((l) => String(l.msg).includes("too many wrong keys"));
    expect(warnings).toEqual([expect.objectContaining({ level: 40, ip: client, failures: 10 })]);
    expect(JSON.stringify(lines)).not.toContain("wrong-key-");
  });

  it("counts failed attempts only: right keys never use up the allowance; a missing or unreadable key is a failure", async () => {
    const client = "127.0.0.5";
    for (let i = 0; i < 30; i++) {
      expect((await users(h.config.adminKey, client)).status).toBe(200);
      expect((await users(h.config.supportKey, client)).status).toBe(200);
    }
    for (let i = 1; i <= 8; i++) {
      expect((await users(`wrong-${i}-0123456789abcdefghij`, client)).status).toBe(401);
    }
    // A right key in between neither counts nor clears the count.
    expect((await users(h.config.adminKey, client)).status).toBe(200);
    expect((await users(undefined, client)).status).toBe(401);
    const unreadable = await httpCall(`${h.url}/admin/api/users`, {
      headers: { authorization: "Basic dXNlcjpwYXNz" },
      localAddress: client,
    });
    expect(unreadable.status).toBe(401);
    // That was the tenth failure: from now on every key waits, the right one too.
    expectThrottled(await users(h.config.adminKey, client), 60);
    expectThrottled(await users(undefined, client), 60);
  });
});

describe("admin key throttle: the window ends", () => {
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await startOAuthHarness({ app: { keyThrottle: { maxFailures: 2, windowMs: 1_500 } } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("after Retry-After the right key works again, and the client has a fresh allowance", async () => {
    const call = (key: string | undefined) =>
      httpCall(`${h.url}/admin/api/info`, { headers: { authorization: `Bearer ${key}` } });
    expect((await call("wrong-a-0123456789abcdefghij")).status).toBe(401);
    expect((await call("wrong-b-0123456789abcdefghij")).status).toBe(401);
    const refused = await call(h.config.adminKey);
    expectThrottled(refused, 2);
    const deadline = Date.now() + 1_500 + 2_000;
    let status = refused.status;
    while (status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await call(h.config.adminKey)).status;
    }
    expect(status).toBe(200);
    expect((await call("wrong-c-0123456789abcdefghij")).status).toBe(401);
  });
});

describe.skipIf(!redisUrl)("admin key throttle: shared by every instance on one Redis", () => {
  let sandbox: StartedSandbox;
  const servers: Listening[] = [];
  const prefix = testRedisPrefix();
  const dir = tempDir("wxdesk-throttle-");

  beforeAll(async () => {
    sandbox = await startSandbox({});
    for (let i = 0; i < 2; i++) {
      // One token key for both: instances of one deployment (the start-up token-key check refuses others).
      const config = testConfig(sandbox.url, dir.path, {
        redisUrl: redisUrl ?? "",
        tokenKey: "cd".repeat(32),
      });
      const ctx = await createAppContext(config, { redisKeyPrefix: prefix });
      const server = await listen(ctx);
      servers.push({
        ...server,
        close: async () => {
          await server.close();
          await ctx.close();
        },
      });
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await sandbox?.close();
    if (redisUrl) await dropRedisPrefix(redisUrl, prefix);
    dir.remove();
  });

  it("wrong keys spread over two instances count together; the second refuses the right key", async () => {
    const [a, b] = servers as [Listening, Listening];
    const key = testConfig("", "").adminKey as string;
    const call = (server: Listening, k: string) =>
      httpCall(`${server.url}/admin/api/info`, {
        headers: { authorization: `Bearer ${k}` },
        localAddress: "127.0.0.6",
      });
    for (let i = 0; i < 10; i++) {
      expect((await call(i % 2 ? a : b, `wrong-${i}-0123456789abcdefghij`)).status).toBe(401);
    }
    expectThrottled(await call(b, key), 60);
    expectThrottled(await call(a, key), 60);
  });
});

describe("admin key throttle: a burst behind a slow store is judged in arrival order", () => {
  /** A store across a network: every counter call answers 30 ms late. */
  function slow(store: Store): Pick<Store, "hitCounter" | "readCounter"> {
    const late = <T>(value: Promise<T>) =>
      value.then((v) => new Promise<T>((r) => setTimeout(() => r(v), 30)));
    return {
      hitCounter: (key, windowMs) => late(store.hitCounter(key, windowMs)),
      readCounter: (key) => late(store.readCounter(key)),
    };
  }

  const dir = tempDir("wxdesk-throttle-");
  const store = new SqliteStore({ path: `${dir.path}/t.db` });
  let app: FastifyInstance;
  let url: string;
  const KEY = "admin-key-0123456789abcdefghij";

  beforeAll(async () => {
    app = Fastify();
    registerErrorHandler(app);
    const noServiceKeys = { match: async () => undefined, markUsed: async () => {} };
    registerAdminAuth(app, { adminKey: KEY }, slow(store), noServiceKeys, {
      maxFailures: 5,
      windowMs: 60_000,
    });
    app.get("/x", { preHandler: requireRole("admin") }, async () => ({ ok: true }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/x`;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    dir.remove();
  });

  it("the right key sent after 20 wrong ones (all still being judged) is refused", async () => {
    let arrived = 0;
    app.server.on("request", () => {
      arrived += 1;
    });
    const guesses = Array.from({ length: 20 }, (_, i) =>
      httpCall(url, { headers: { authorization: `Bearer wrong-${i}-0123456789abcdefghij` } }),
    );
    const deadline = Date.now() + 5_000;
    while (arrived < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(arrived).toBe(20);
    const right = await httpCall(url, { headers: { authorization: `Bearer ${KEY}` } });
    const statuses = (await Promise.all(guesses)).map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expectThrottled(right, 60);
  });
});

describe("clientBucket", () => {
  it("counts IPv4 by address, IPv4-mapped IPv6 as IPv4, IPv6 by its /64", () => {
    expect(clientBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(clientBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientBucket("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(clientBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientBucket("2001:db8:0:0:ffff:1:2:3")).toBe("2001:db8:0:0::/64");
    expect(clientBucket("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(clientBucket("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientBucket("::1")).toBe("0:0:0:0::/64");
    expect(clientBucket("2001:db8::203.0.113.7")).toBe("2001:db8:0:0::/64");
    expect(clientBucket(undefined)).toBe("unknown");
  });
});
