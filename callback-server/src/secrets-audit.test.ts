import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import type { AppContext } from "./app-context.js";
import type { ServerConfig } from "./config/server-config.js";
import { createAppContext } from "./context/create-app-context.js";
import { globalTokenKeys } from "./context/global-token-keys.js";
import { offsetClock } from "./context/system-clock.js";
import type { SealedToken } from "./crypto/sealed-token.js";
import { freePort } from "./net/free-port.js";
import {
  Browser,
  consent,
  type OAuthHarness,
  type SandboxUserRow,
  sandboxJsonCaller,
  startFlow,
} from "./routes/oauth/testing/oauth-test-harness.js";
import type { UserRecord } from "./store/store-types.js";
import {
  advanceSandbox,
  dropRedisPrefix,
  redisUrlForTests,
  tempDir,
  testConfig,
  testRedisPrefix,
} from "./testing/test-server.js";

/**
 * The secrets audit: one real server on a port against the real sandbox, request logging on
 * (captured), full journeys, a refresh, a JS-SDK config, message pushes and admin calls — then
 * every secret the run produced is looked for where it must never be: the log, the store's raw
 * bytes, and every response body this test received.
 */

const redisUrl = redisUrlForTests();

interface AuditRun {
  sandbox: StartedSandbox;
  ctx: AppContext;
  app: FastifyInstance;
  config: ServerConfig;
  dir: ReturnType<typeof tempDir>;
  redisPrefix?: string | undefined;
  /** Every log line the server wrote (level trace). */
  log: string[];
  /** Every response body this test received, from the server and from the sandbox. */
  bodies: string[];
  /** Plaintext user tokens seen during the run (before and after the refresh), with their sealed forms. */
  userTokens: Map<string, { openid: string; kind: "access" | "refresh"; sealed: string }>;
  /** Global access tokens and jsapi tickets seen during the run. */
  globalTokens: Set<string>;
  users: { userinfo: string; base: string };
  /** Sanity facts from the scenario, asserted by the first case. */
  facts: {
    refreshed: boolean;
    refreshedAccessChanged: boolean;
    jssdkVerified: string[];
    pushReplies: string[];
    landingGreets: string[];
  };
  close(): Promise<void>;
}

/** A Browser that also keeps every response body it receives. */
class RecordingBrowser extends Browser {
  constructor(private readonly bodies: string[]) {
    super();
  }

  override async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await super.fetch(url, init);
    this.bodies.push(await response.clone().text());
    return response;
  }
}

async function startAudit(redis: string | undefined): Promise<AuditRun> {
  const dir = tempDir("wxdesk-audit-");
  const sandbox = await startSandbox({});
  const redisPrefix = redis ? testRedisPrefix() : undefined;
  const port = await freePort();
  const clock = offsetClock();
  const config = testConfig(sandbox.url, dir.path, {
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    // Random keys: a hit in the log or a file is then certainly the key, not a coincidence.
    adminKey: `admin-${randomBytes(24).toString("base64url")}`,
    supportKey: `support-${randomBytes(24).toString("base64url")}`,
    msgToken: SANDBOX_DEFAULTS.token,
    msgAesKey: SANDBOX_DEFAULTS.encodingAesKey,
    ...(redis ? { redisUrl: redis } : {}),
  });
  const log: string[] = [];
  const ctx = await createAppContext(config, {
    clock,
    ...(redisPrefix ? { redisKeyPrefix: redisPrefix } : {}),
  });
  const app = await buildApp(ctx, {
    logger: { level: "trace", stream: { write: (line: string) => log.push(line) } },
    oauth: { retryBaseDelayMs: 5 },
  });
  await app.listen({ port, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${port}`;
  const bodies: string[] = [];

  const sandboxJson = sandboxJsonCaller(sandbox.url, (text) => bodies.push(text));

  async function serverFetch(
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; text: string }> {
    const response = await fetch(`${url}${path}`, { ...init, redirect: "manual" });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, text };
  }

  const fixtureUsers = (await sandboxJson<SandboxUserRow[]>("/_sandbox/users")).body;
  const h: OAuthHarness = {
    sandbox,
    app,
    ctx,
    url,
    config,
    users: fixtureUsers,
    sandboxJson,
    calls: async () => (await sandboxJson<{ calls: Record<string, number> }>("/_sandbox/stats")).body.calls,
    close: async () => {},
  };
  const fixture = (nickname: string) => {
    const user = fixtureUsers.find((u) => u.nickname === nickname && !u.snapshot);
    if (!user) throw new Error(`no sandbox fixture user ${nickname}`);
    return user.openid;
  };
  const users = { userinfo: fixture("王芳"), base: fixture("杨磊") };
  const facts: AuditRun["facts"] = {
    refreshed: false,
    refreshedAccessChanged: false,
    jssdkVerified: [],
    pushReplies: [],
    landingGreets: [],
  };
  const userTokens: AuditRun["userTokens"] = new Map();
  const globalTokens = new Set<string>();

  /** start → WeChat consent (sandbox) → callback → landing → /api/me, one browser. */
  async function journey(scope: "snsapi_userinfo" | "snsapi_base", openid: string): Promise<void> {
    const browser = new RecordingBrowser(bodies);
    const flow = await startFlow(h, browser, `?scope=${scope}`);
    const callbackUrl = await consent(h, flow, openid);
    const callback = await browser.fetch(callbackUrl);
    if (callback.status !== 302) throw new Error(`callback answered ${callback.status}`);
    const landing = await browser.fetch(new URL(callback.headers.get("location") ?? "/", url).href);
    const greeting = /你好，[^<]*/.exec(await landing.text())?.[0];
    if (greeting) facts.landingGreets.push(greeting);
    await browser.fetch(`${url}/api/me`);
  }

  async function jssdk(): Promise<void> {
    const page = `${config.publicUrl}/shop?id=1`;
    const { status, text } = await serverFetch(`/jssdk/config?url=${encodeURIComponent(page)}`);
    if (status !== 200) throw new Error(`jssdk config answered ${status}`);
    const verified = await sandboxJson<{ ok: boolean; errmsg: string }>("/_sandbox/jssdk/verify", {
      ...(JSON.parse(text) as object),
      url: page,
    });
    facts.jssdkVerified.push(verified.body.errmsg);
  }

  /** Every stored user's real tokens and the cached global token + ticket, as of now. */
  async function collectSecrets(): Promise<void> {
    const stored: UserRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.store.searchUsers({ limit: 200, ...(cursor ? { cursor } : {}) });
      stored.push(...page.users);
      cursor = page.nextCursor;
    } while (cursor);
    for (const user of stored) {
      const access = ctx.cipher.decrypt(user.tokens.accessTokenEnc);
      const refresh = ctx.cipher.decrypt(user.tokens.refreshTokenEnc);
      userTokens.set(access, { openid: user.openid, kind: "access", sealed: user.tokens.accessTokenEnc });
      userTokens.set(refresh, { openid: user.openid, kind: "refresh", sealed: user.tokens.refreshTokenEnc });
    }
    const keys = globalTokenKeys(ctx.config.appid, ctx.config.tokenSource);
    for (const key of [keys.accessToken, keys.jsapiTicket]) {
      const raw = await ctx.store.get(key);
      if (raw)
        globalTokens.add((JSON.parse(ctx.cipher.decrypt(raw as SealedToken)) as { token: string }).token);
    }
  }

  try {
    await journey("snsapi_userinfo", users.userinfo);
    await journey("snsapi_base", users.base);
    await jssdk();

    await ctx.store.putReplies({ click: { HELLO: { type: "text", content: "你好，审计 🔐" } } });
    // Two users: pushes are de-duplicated by user + CreateTime (seconds) + event.
    for (const [mode, openid] of [
      ["plain", users.userinfo],
      ["aes", users.base],
    ] as const) {
      const answer = await sandboxJson<{ ok: boolean; reply: { content?: string } | null }>(
        "/_sandbox/phone/click",
        { openid, key: "HELLO", url: `${url}/wechat`, mode },
      );
      facts.pushReplies.push(answer.body.ok ? (answer.body.reply?.content ?? "") : "failed");
    }

    const admin = { authorization: `Bearer ${config.adminKey}` };
    const support = { authorization: `Bearer ${config.supportKey}` };
    await serverFetch("/admin/api/info", { headers: admin });
    await serverFetch("/admin/api/events/recent?limit=500", { headers: support });
    // The users routes show token state and times: their answers join the audited bodies.
    await serverFetch("/admin/api/users?limit=200", { headers: support });
    for (const openid of [users.userinfo, users.base]) {
      await serverFetch(`/admin/api/users/${openid}`, { headers: support });
      await serverFetch(`/admin/api/users/${openid}/check`, { method: "POST", headers: support });
    }
    await serverFetch("/admin/api/info", {
      headers: { authorization: "Bearer wrong-key-0123456789abcdefgh" },
    });

    await collectSecrets();
    const before = await ctx.store.getUser(users.userinfo);

    // Past the 7200 s lifetime (both clocks): a refresh now brings a new access token (§3 keeps a
    // live one unchanged), and the global token and ticket are fetched again.
    await advanceSandbox(sandbox, 7300);
    clock.advance(7300);
    const outcome = await ctx.userTokens.refresh(users.userinfo);
    facts.refreshed = outcome.ok;
    await ctx.userTokens.freshAccessToken(users.base); // the automatic refresh of an expired token
    const after = await ctx.store.getUser(users.userinfo);
    facts.refreshedAccessChanged =
      before !== undefined &&
      after !== undefined &&
      ctx.cipher.decrypt(before.tokens.accessTokenEnc) !== ctx.cipher.decrypt(after.tokens.accessTokenEnc);
    await jssdk(); // refetches the global token and the ticket
    await serverFetch("/admin/api/events/recent?limit=500", { headers: support });
    await collectSecrets();
  } catch (error) {
    await app.close();
    await ctx.close();
    await sandbox.close();
    if (redis && redisPrefix) await dropRedisPrefix(redis, redisPrefix);
    dir.remove();
    throw error;
  }

  return {
    sandbox,
    ctx,
    app,
    config,
    dir,
    redisPrefix,
    log,
    bodies,
    userTokens,
    globalTokens,
    users,
    facts,
    async close() {
      await app.close();
      await ctx.close();
      await sandbox.close();
      if (redis && redisPrefix) await dropRedisPrefix(redis, redisPrefix);
      dir.remove();
    },
  };
}

/** Named secrets, so a failure says which one leaked. */
function secretsOf(run: AuditRun): Array<[string, string]> {
  const named: Array<[string, string]> = [
    ["AppSecret", run.config.secret],
    ["admin key", run.config.adminKey ?? ""],
    ["support key", run.config.supportKey ?? ""],
    ["session secret", run.config.sessionSecret],
    ["token key", run.config.tokenKey],
    ["EncodingAESKey", run.config.msgAesKey ?? ""],
  ];
  for (const [token, { openid, kind }] of run.userTokens) named.push([`${kind} token of ${openid}`, token]);
  for (const token of run.globalTokens) named.push(["global token or ticket", token]);
  return named;
}

function leaks(haystack: string, secrets: Array<[string, string]>): string[] {
  return secrets.filter(([, value]) => haystack.includes(value)).map(([name]) => name);
}

/** The SQLite file and its -wal / -shm companions, raw bytes as latin1 text (tokens are ASCII). */
function sqliteBytes(run: AuditRun): { files: string[]; text: string } {
  const files = readdirSync(run.dir.path).filter((f) => f.startsWith("wxdesk.db"));
  const text = files.map((f) => readFileSync(join(run.dir.path, f)).toString("latin1")).join("\n");
  return { files, text };
}

/** Every key under the prefix with its value, whatever the type, as one text. */
async function dumpRedis(url: string, prefix: string): Promise<{ keys: string[]; text: string }> {
  const redis = new Redis(url);
  const keys: string[] = [];
  const parts: string[] = [];
  try {
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      keys.push(...found);
    } while (cursor !== "0");
    for (const key of keys) {
      const type = await redis.type(key);
      let value: unknown;
      if (type === "string") value = await redis.get(key);
      else if (type === "hash") value = await redis.hgetall(key);
      else if (type === "set") value = await redis.smembers(key);
      else if (type === "zset") value = await redis.zrange(key, "0", "-1", "WITHSCORES");
      else if (type === "list") value = await redis.lrange(key, 0, -1);
      else if (type === "stream") value = await redis.xrange(key, "-", "+");
      else throw new Error(`key ${key} has a type the audit does not read: ${type}`);
      parts.push(`${key}\n${JSON.stringify(value)}`);
    }
  } finally {
    await redis.quit();
  }
  return { keys, text: parts.join("\n") };
}

function commonCases(get: () => AuditRun): void {
  it("the scenario really ran: two users with live tokens, a refresh, JS-SDK, pushes", () => {
    const run = get();
    expect(run.facts.landingGreets).toEqual([
      "你好，王芳",
      `你好，${run.users.base.slice(0, 6)}…${run.users.base.slice(-4)}`,
    ]);
    expect(run.facts.refreshed).toBe(true);
    expect(run.facts.refreshedAccessChanged).toBe(true);
    expect(run.facts.jssdkVerified).toEqual(["config:ok", "config:ok"]);
    expect(run.facts.pushReplies).toEqual(["你好，审计 🔐", "你好，审计 🔐"]);
    const owners = new Set([...run.userTokens.values()].map((t) => t.openid));
    expect(owners).toEqual(new Set([run.users.userinfo, run.users.base]));
    // Two users × (access + refresh) before the refresh, and new access tokens after it.
    expect(run.userTokens.size).toBeGreaterThanOrEqual(6);
    // A token and a ticket before the clock moved, and fresh ones after.
    expect(run.globalTokens.size).toBeGreaterThanOrEqual(3);
  });

  it("the captured request log holds no token, ticket, AppSecret or key", () => {
    const run = get();
    const log = run.log.join("");
    // The log is real: it names the requests this run made.
    for (const path of ["/oauth/start", "/oauth/callback", "/jssdk/config", "/wechat", "/admin/api/info"]) {
      expect(log).toContain(`"path":"${path}"`);
    }
    expect(leaks(log, secretsOf(run))).toEqual([]);
  });

  it("no response body this test received holds a token, ticket, AppSecret or key", () => {
    const run = get();
    const bodies = run.bodies.join("\n");
    expect(run.bodies.length).toBeGreaterThan(20);
    expect(bodies).toContain(run.users.userinfo); // /api/me, events: the bodies are real
    expect(leaks(bodies, secretsOf(run))).toEqual([]);
  });
}

describe("secrets audit (SQLite)", () => {
  let run: AuditRun;
  let open: { files: string[]; text: string };
  let closed: { files: string[]; text: string };
  beforeAll(async () => {
    run = await startAudit(undefined);
    open = sqliteBytes(run); // while the server runs: the WAL holds the recent writes
    await run.app.close();
    await run.ctx.close();
    closed = sqliteBytes(run); // after close: checkpointed into the main file
  }, 120_000);
  afterAll(async () => {
    await run?.close();
  });

  commonCases(() => run);

  it("the SQLite file, its -wal and -shm hold user tokens only encrypted, no global token or ticket, no AppSecret or key", () => {
    expect(open.files).toEqual(expect.arrayContaining(["wxdesk.db", "wxdesk.db-wal", "wxdesk.db-shm"]));
    expect(existsSync(join(run.dir.path, "wxdesk.db"))).toBe(true);
    for (const bytes of [open, closed]) {
      expect(bytes.text).toContain(run.users.userinfo); // the bytes are the real data
      expect(leaks(bytes.text, secretsOf(run))).toEqual([]);
    }
    // The current tokens are there, sealed.
    const current = [...run.userTokens.values()].filter((t) => closed.text.includes(t.sealed));
    expect(current.length).toBeGreaterThanOrEqual(4);
  });
});

describe.skipIf(!redisUrl)("secrets audit (Redis)", () => {
  let run: AuditRun;
  let dump: { keys: string[]; text: string };
  beforeAll(async () => {
    run = await startAudit(redisUrl);
    dump = await dumpRedis(redisUrl ?? "", run.redisPrefix ?? "");
  }, 120_000);
  afterAll(async () => {
    await run?.close();
  });

  commonCases(() => run);

  it("every key under the prefix: user tokens only in encrypted form, no AppSecret or key", async () => {
    expect(dump.keys).toContain(`${run.redisPrefix}user:${run.users.userinfo}`);
    expect(leaks(dump.text, secretsOf(run))).toEqual([]);
    // Each stored user's current tokens are present, sealed, and the seal opens to the real token.
    for (const openid of [run.users.userinfo, run.users.base]) {
      const user = await run.ctx.store.getUser(openid);
      expect(user).toBeDefined();
      for (const sealed of [user?.tokens.accessTokenEnc, user?.tokens.refreshTokenEnc]) {
        expect(dump.text).toContain(String(sealed));
        expect(run.userTokens.has(run.ctx.cipher.decrypt(sealed as NonNullable<typeof sealed>))).toBe(true);
      }
    }
  });
});
