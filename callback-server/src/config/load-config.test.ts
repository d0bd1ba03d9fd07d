import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../testing/test-server.js";
import { loadConfig } from "./load-config.js";
import { ConfigError, describeConfig } from "./server-config.js";

const GOOD = {
  WXDESK_APPID: "wx00000000000000a1",
  WXDESK_SECRET: "0123456789abcdef0123456789abcdef",
  WXDESK_PUBLIC_URL: "https://wx.example.com",
};

const dirs: Array<{ remove(): void }> = [];
function dir() {
  const d = tempDir("wxdesk-config-");
  dirs.push(d);
  return d.path;
}
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("applies the defaults and normalizes the public URL", () => {
    const cwd = dir();
    const config = loadConfig({ env: { ...GOOD, WXDESK_PUBLIC_URL: "https://wx.example.com/" }, cwd });
    expect(config).toMatchObject({
      port: 7200,
      host: "0.0.0.0",
      publicUrl: "https://wx.example.com",
      apiBase: "https://api.weixin.qq.com",
      openBase: "https://open.weixin.qq.com",
      dbPath: join(cwd, "data", "wxdesk.db"),
      dataDir: join(cwd, "data"),
      tokenSource: "stable_token",
      nextAllow: [],
      pushMaxSkewSeconds: 300,
    });
    expect(config.redisUrl).toBeUndefined();
    expect(config.tokenKey).toMatch(/^[0-9a-f]{64}$/);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("reports every bad field at once, in both languages, without echoing values", () => {
    const cwd = dir();
    const problems = problemsOf(() =>
      loadConfig({
        env: {
          WXDESK_APPID: "wxNOTVALID",
          WXDESK_SECRET: "short-secret-value",
          WXDESK_PUBLIC_URL: "https://wx.example.com/callback",
          WXDESK_PORT: "99999",
          WXDESK_ADMIN_KEY: "too-short",
          WXDESK_MSG_AES_KEY: "abc",
          WXDESK_NEXT_ALLOW: "https://ok.example.com,ftp://bad.example.com",
          WXDESK_TOKEN_KEY: "xyz",
          WXDESK_TOKEN_SOURCE: "magic",
          REDIS_URL: "http://not-redis",
        },
        cwd,
      }),
    );
    const fields = problems.map((p) => p.field).sort();
    expect(fields).toEqual(
      [
        "REDIS_URL",
        "WXDESK_ADMIN_KEY",
        "WXDESK_APPID",
        "WXDESK_MSG_AES_KEY",
        "WXDESK_MSG_TOKEN",
        "WXDESK_NEXT_ALLOW",
        "WXDESK_PORT",
        "WXDESK_PUBLIC_URL",
        "WXDESK_SECRET",
        "WXDESK_TOKEN_KEY",
        "WXDESK_TOKEN_SOURCE",
      ].sort(),
    );
    const appid = problems.find((p) => p.field === "WXDESK_APPID");
    expect(appid?.messageZh).toBe("WXDESK_APPID 应为 wx 开头的 18 位 AppID");
    expect(appid?.messageEn).toBe("WXDESK_APPID must be an 18-character AppID starting with wx");
    const text = JSON.stringify(problems);
    expect(text).not.toContain("short-secret-value");
    expect(text).not.toContain("too-short");
  });

  it("reads the push timestamp window in whole seconds, 30 to 3600, from the environment or the file", () => {
    const cwd = dir();
    expect(loadConfig({ env: { ...GOOD, WXDESK_PUSH_MAX_SKEW_SECONDS: "60" }, cwd }).pushMaxSkewSeconds).toBe(
      60,
    );
    writeFileSync(join(cwd, "skew.json"), JSON.stringify({ WXDESK_PUSH_MAX_SKEW_SECONDS: 3600 }));
    expect(loadConfig({ argv: ["--config", "skew.json"], env: GOOD, cwd }).pushMaxSkewSeconds).toBe(3600);
    for (const bad of ["29", "3601", "0", "-5", "1.5", "5m", "300s", "1e3"]) {
      const problems = problemsOf(() =>
        loadConfig({ env: { ...GOOD, WXDESK_PUSH_MAX_SKEW_SECONDS: bad }, cwd }),
      );
      expect(problems.map((p) => p.field)).toEqual(["WXDESK_PUSH_MAX_SKEW_SECONDS"]);
      expect(problems[0]?.messageZh).toContain("30–3600");
      expect(problems[0]?.messageEn).toContain("from 30 to 3600");
    }
  });

  it("names missing required settings", () => {
    const problems = problemsOf(() => loadConfig({ env: {}, cwd: dir() }));
    expect(problems.map((p) => p.field)).toEqual(["WXDESK_APPID", "WXDESK_SECRET", "WXDESK_PUBLIC_URL"]);
    expect(problems[0]?.messageEn).toContain("(not set)");
  });

  it("generates the session secret and token key once, mode 0600, and reuses them", () => {
    const cwd = dir();
    const first = loadConfig({ env: GOOD, cwd });
    for (const file of ["session-secret", "token-key"]) {
      expect(statSync(join(cwd, "data", file)).mode & 0o777).toBe(0o600);
    }
    const second = loadConfig({ env: GOOD, cwd });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.tokenKey).toBe(first.tokenKey);
    // Configured values win over the generated files.
    const key = "ab".repeat(32);
    expect(loadConfig({ env: { ...GOOD, WXDESK_TOKEN_KEY: key }, cwd }).tokenKey).toBe(key);
  });

  it("does not generate secrets when the config is bad", () => {
    const cwd = dir();
    problemsOf(() => loadConfig({ env: { ...GOOD, WXDESK_APPID: "nope" }, cwd }));
    expect(() => statSync(join(cwd, "data", "token-key"))).toThrow();
  });

  it("reads a JSON file given with --config; the environment wins over it", () => {
    const cwd = dir();
    writeFileSync(
      join(cwd, "wxdesk.json"),
      JSON.stringify({
        ...GOOD,
        WXDESK_PORT: 8080,
        WXDESK_HOST: "127.0.0.1",
        WXDESK_NEXT_ALLOW: ["https://a.example.com", "https://b.example.com/"],
        WXDESK_DB: "db/main.db",
        WXDESK_TOKEN_SOURCE: "token",
      }),
    );
    const config = loadConfig({ argv: ["--config", "wxdesk.json"], env: { WXDESK_PORT: "9090" }, cwd });
    expect(config.port).toBe(9090);
    expect(config.host).toBe("127.0.0.1");
    expect(config.nextAllow).toEqual(["https://a.example.com", "https://b.example.com"]);
    expect(config.dbPath).toBe(join(cwd, "db", "main.db"));
    expect(config.tokenSource).toBe("token");
    expect(loadConfig({ argv: ["--config=wxdesk.json"], env: {}, cwd }).port).toBe(8080);
  });

  it("reports a missing or broken config file and unknown keys in it", () => {
    const cwd = dir();
    expect(problemsOf(() => loadConfig({ argv: ["--config", "nope.json"], env: GOOD, cwd }))[0]?.field).toBe(
      "--config",
    );
    writeFileSync(join(cwd, "bad.json"), "{not json");
    expect(problemsOf(() => loadConfig({ argv: ["--config", "bad.json"], env: GOOD, cwd }))[0]?.field).toBe(
      "--config",
    );
    writeFileSync(join(cwd, "typo.json"), JSON.stringify({ WXDESK_APPIDD: "x" }));
    expect(
      problemsOf(() => loadConfig({ argv: ["--config", "typo.json"], env: GOOD, cwd })).map((p) => p.field),
    ).toEqual(["WXDESK_APPIDD"]);
  });

  it("reads the MP verify file from a path or name:content", () => {
    const cwd = dir();
    writeFileSync(join(cwd, "MP_verify_abc123.txt"), "abc123\n");
    expect(loadConfig({ env: { ...GOOD, WXDESK_MP_VERIFY: "MP_verify_abc123.txt" }, cwd }).mpVerify).toEqual({
      name: "MP_verify_abc123.txt",
      content: "abc123",
    });
    expect(loadConfig({ env: { ...GOOD, WXDESK_MP_VERIFY: "MP_verify_x1.txt:x1" }, cwd }).mpVerify).toEqual({
      name: "MP_verify_x1.txt",
      content: "x1",
    });
    expect(
      problemsOf(() => loadConfig({ env: { ...GOOD, WXDESK_MP_VERIFY: "missing/MP_verify_q.txt" }, cwd }))[0]
        ?.field,
    ).toBe("WXDESK_MP_VERIFY");
  });

  it("WXDESK_SERVICE_KEYS: comma-separated keys, each ≥ 24 printable characters, distinct, not an admin or support key", () => {
    const cwd = dir();
    const a = "svc-a-0123456789abcdefghij";
    const b = "svc-b-0123456789abcdefghij";
    const config = loadConfig({ env: { ...GOOD, WXDESK_SERVICE_KEYS: ` ${a} , ${b},` }, cwd });
    expect(config.serviceKeys).toEqual([a, b]);
    expect(JSON.stringify(describeConfig(config))).not.toContain(a);
    expect(loadConfig({ env: GOOD, cwd }).serviceKeys).toEqual([]);
    for (const bad of ["short-key", `${a} x`, `${a},tooshort`, ",", `${a}\u0001`]) {
      const problems = problemsOf(() => loadConfig({ env: { ...GOOD, WXDESK_SERVICE_KEYS: bad }, cwd }));
      expect({ bad, fields: problems.map((p) => p.field) }).toEqual({ bad, fields: ["WXDESK_SERVICE_KEYS"] });
      expect(problems[0]?.messageZh).toContain("服务密钥");
      // Values are never echoed (they are secrets).
      expect(JSON.stringify(problems)).not.toContain("short-key");
      expect(JSON.stringify(problems)).not.toContain(a);
    }
    const twice = problemsOf(() => loadConfig({ env: { ...GOOD, WXDESK_SERVICE_KEYS: `${a},${a}` }, cwd }));
    expect(twice.map((p) => p.messageZh)).toEqual([expect.stringContaining("重复")]);
    const sameAsAdmin = problemsOf(() =>
      loadConfig({ env: { ...GOOD, WXDESK_ADMIN_KEY: a, WXDESK_SERVICE_KEYS: `${b},${a}` }, cwd }),
    );
    expect(sameAsAdmin.map((p) => p.field)).toEqual(["WXDESK_SERVICE_KEYS"]);
  });

  it("rejects the same key for both roles; the printable summary holds no secret", () => {
    const cwd = dir();
    const key = "k".repeat(30);
    const problems = problemsOf(() =>
      loadConfig({ env: { ...GOOD, WXDESK_ADMIN_KEY: key, WXDESK_SUPPORT_KEY: key }, cwd }),
    );
    expect(problems.map((p) => p.field)).toEqual(["WXDESK_SUPPORT_KEY"]);
    const config = loadConfig({ env: { ...GOOD, WXDESK_ADMIN_KEY: key }, cwd });
    const summary = JSON.stringify(describeConfig(config));
    for (const secret of [config.secret, key, config.tokenKey, config.sessionSecret]) {
      expect(summary).not.toContain(secret);
    }
  });

  describe("WXDESK_OIDC_CLIENTS", () => {
    const SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret-42";
    const shop = {
      client_id: "shop",
      client_secret: SECRET,
      redirect_uris: ["https://shop.example.com/cb", "http://127.0.0.1:3000/cb"],
      name: " 商城 ",
      sub: "unionid",
    };

    it("reads the apps from the environment (JSON) and from the file (JSON itself); defaults name, sub and scope", () => {
      const cwd = dir();
      const spa = { client_id: "spa.app", redirect_uris: ["https://spa.example.com/"], scope: "openid" };
      const env = { ...GOOD, WXDESK_OIDC_CLIENTS: JSON.stringify([shop, spa]) };
      const expected = [
        {
          clientId: "shop",
          clientSecret: SECRET,
          redirectUris: shop.redirect_uris,
          name: "商城",
          sub: "unionid",
          scopes: ["openid", "profile"],
        },
        {
          clientId: "spa.app",
          redirectUris: spa.redirect_uris,
          name: "spa.app",
          sub: "openid",
          scopes: ["openid"],
        },
      ];
      expect(loadConfig({ env, cwd }).oidcClients).toEqual(expected);
      writeFileSync(join(cwd, "wxdesk.json"), JSON.stringify({ ...GOOD, WXDESK_OIDC_CLIENTS: [shop, spa] }));
      expect(loadConfig({ argv: ["--config", "wxdesk.json"], env: {}, cwd }).oidcClients).toEqual(expected);
      expect(loadConfig({ env: GOOD, cwd }).oidcClients).toEqual([]);
      // Or a file holding the JSON (what an environment file for systemd or Docker can carry).
      writeFileSync(join(cwd, "apps.json"), JSON.stringify([shop, spa]));
      expect(loadConfig({ env: { ...GOOD, WXDESK_OIDC_CLIENTS: "apps.json" }, cwd }).oidcClients).toEqual(
        expected,
      );
      expect(
        problemsOf(() => loadConfig({ env: { ...GOOD, WXDESK_OIDC_CLIENTS: "missing.json" }, cwd }))[0]
          ?.messageEn,
      ).toContain("cannot read the apps file");
      // The printable summary names the apps, never their secrets.
      const summary = JSON.stringify(describeConfig(loadConfig({ env, cwd })));
      expect(summary).toContain("spa.app");
      expect(summary).not.toContain(SECRET);
    });

    it("lists every problem of every app at once, by position and field, zh and en, without values", () => {
      const cwd = dir();
      const apps = [
        { ...shop, client_secret: "short", extra: 1 },
        {
          client_id: "a b",
          redirect_uris: [
            "http://shop.example.com/cb",
            "https://shop.example.com/cb#frag",
            "/relative",
            "https://user:pw@shop.example.com/",
          ],
        },
        { client_id: "shop", redirect_uris: [], sub: "email", scope: "openid email" },
        "not an object",
      ];
      const problems = problemsOf(() =>
        loadConfig({ env: { ...GOOD, WXDESK_OIDC_CLIENTS: JSON.stringify(apps) }, cwd }),
      );
      const where = problems.map((p) => p.messageEn.split(":")[0]);
      expect(where).toEqual([
        "WXDESK_OIDC_CLIENTS[0].extra",
        "WXDESK_OIDC_CLIENTS[0].client_secret",
        "WXDESK_OIDC_CLIENTS[1].client_id",
        "WXDESK_OIDC_CLIENTS[1].redirect_uris[0]",
        "WXDESK_OIDC_CLIENTS[1].redirect_uris[1]",
        "WXDESK_OIDC_CLIENTS[1].redirect_uris[2]",
        "WXDESK_OIDC_CLIENTS[1].redirect_uris[3]",
        "WXDESK_OIDC_CLIENTS[2].client_id",
        "WXDESK_OIDC_CLIENTS[2].redirect_uris",
        "WXDESK_OIDC_CLIENTS[2].sub",
        "WXDESK_OIDC_CLIENTS[2].scope",
        "WXDESK_OIDC_CLIENTS[3]",
      ]);
      for (const p of problems) {
        expect(p.field).toBe("WXDESK_OIDC_CLIENTS");
        expect(p.messageZh).toMatch(/[\u4e00-\u9fff]/);
        for (const value of ["short", "shop.example.com", "email"])
          expect(`${p.messageZh} ${p.messageEn}`).not.toContain(value);
      }
      expect(
        problemsOf(() => loadConfig({ env: { ...GOOD, WXDESK_OIDC_CLIENTS: "[{" }, cwd }))[0]?.messageEn,
      ).toBe("WXDESK_OIDC_CLIENTS: is not valid JSON");
      expect(
        problemsOf(() => loadConfig({ env: { ...GOOD, WXDESK_OIDC_CLIENTS: '{"client_id":"x"}' }, cwd }))[0]
          ?.messageEn,
      ).toContain("must be a JSON array");
    });
  });
});

describe("WXDESK_TRUST_PROXY", () => {
  it("is off by default; takes addresses, CIDR networks and loopback/linklocal/uniquelocal, canonical", () => {
    const cwd = dir();
    expect(loadConfig({ env: GOOD, cwd }).trustProxy).toEqual([]);
    const config = loadConfig({
      env: { ...GOOD, WXDESK_TRUST_PROXY: " Loopback, 10.0.0.0/8 ,fd00::/8, ::1, 172.17.0.1, 10.0.0.0/8" },
      cwd,
    });
    expect(config.trustProxy).toEqual(["loopback", "10.0.0.0/8", "fd00::/8", "::1", "172.17.0.1"]);
    expect(describeConfig(config).trustProxy).toEqual(config.trustProxy);
    writeFileSync(
      join(cwd, "proxy.json"),
      JSON.stringify({ ...GOOD, WXDESK_TRUST_PROXY: ["127.0.0.1", "linklocal"] }),
    );
    expect(loadConfig({ argv: ["--config", "proxy.json"], env: {}, cwd }).trustProxy).toEqual([
      "127.0.0.1",
      "linklocal",
    ]);
  });

  it("refuses true, *, hop counts, every-address networks and anything that is not an address, in both languages", () => {
    const cwd = dir();
    for (const value of [
      "true",
      "*",
      "1",
      "0.0.0.0/0",
      "::/0",
      "10.0.0.0/33",
      "fd00::/129",
      "10.0.0.0/8x",
      "proxy.example.com",
      "127.0.0.1, nope",
      "10.0.0.0/-1",
    ]) {
      const problems = problemsOf(() => loadConfig({ env: { ...GOOD, WXDESK_TRUST_PROXY: value }, cwd }));
      expect({ value, fields: problems.map((p) => p.field) }).toEqual({
        value,
        fields: ["WXDESK_TRUST_PROXY"],
      });
      expect(problems[0]?.messageZh).toContain("伪造");
      expect(problems[0]?.messageEn).toContain("true");
    }
    writeFileSync(join(cwd, "true.json"), JSON.stringify({ ...GOOD, WXDESK_TRUST_PROXY: true }));
    expect(problemsOf(() => loadConfig({ argv: ["--config", "true.json"], env: {}, cwd }))[0]?.field).toBe(
      "WXDESK_TRUST_PROXY",
    );
  });

  it("every form it accepts is one Fastify understands: the forwarded client becomes request.ip", async () => {
    const cwd = dir();
    for (const value of [
      "127.0.0.1",
      "loopback",
      "127.0.0.0/8",
      "::ffff:127.0.0.1",
      "10.0.0.0/8, 127.0.0.1",
    ]) {
      const { trustProxy } = loadConfig({ env: { ...GOOD, WXDESK_TRUST_PROXY: value }, cwd });
      const app = Fastify({ trustProxy });
      app.get("/ip", async (request) => request.ip);
      const answer = await app.inject({ url: "/ip", headers: { "x-forwarded-for": "203.0.113.7" } });
      expect({ value, ip: answer.body }).toEqual({ value, ip: "203.0.113.7" });
      await app.close();
    }
  });
});

describe("HTTP timeouts", () => {
  it("default to 10 s headers, 30 s request, 65 s keep-alive, 120 s idle; settings are seconds", () => {
    const cwd = dir();
    expect(loadConfig({ env: GOOD, cwd }).httpTimeouts).toEqual({
      headersMs: 10_000,
      requestMs: 30_000,
      keepAliveMs: 65_000,
      idleMs: 120_000,
    });
    const config = loadConfig({
      env: {
        ...GOOD,
        WXDESK_HEADERS_TIMEOUT: "5",
        WXDESK_REQUEST_TIMEOUT: "20",
        WXDESK_KEEPALIVE_TIMEOUT: "3",
        WXDESK_IDLE_TIMEOUT: "90",
      },
      cwd,
    });
    expect(config.httpTimeouts).toEqual({
      headersMs: 5_000,
      requestMs: 20_000,
      keepAliveMs: 3_000,
      idleMs: 90_000,
    });
    expect(describeConfig(config).httpTimeoutsSeconds).toEqual({
      headers: 5,
      request: 20,
      keepAlive: 3,
      idle: 90,
    });
  });

  it("refuses zero, fractions, words, too large and an idle bound shorter than the slowest handler", () => {
    const cwd = dir();
    for (const [key, value] of [
      ["WXDESK_HEADERS_TIMEOUT", "0"],
      ["WXDESK_HEADERS_TIMEOUT", "1.5"],
      ["WXDESK_HEADERS_TIMEOUT", "601"],
      ["WXDESK_REQUEST_TIMEOUT", "ten"],
      ["WXDESK_REQUEST_TIMEOUT", "3601"],
      ["WXDESK_KEEPALIVE_TIMEOUT", "-1"],
      ["WXDESK_IDLE_TIMEOUT", "59"],
    ] as const) {
      const problems = problemsOf(() => loadConfig({ env: { ...GOOD, [key]: value }, cwd }));
      expect({ key, value, fields: problems.map((p) => p.field) }).toEqual({ key, value, fields: [key] });
      expect(problems[0]?.messageZh).toMatch(/秒/);
    }
  });

  it("refuses a header bound longer than the whole request's", () => {
    const cwd = dir();
    const problems = problemsOf(() =>
      loadConfig({ env: { ...GOOD, WXDESK_HEADERS_TIMEOUT: "40", WXDESK_REQUEST_TIMEOUT: "30" }, cwd }),
    );
    expect(problems.map((p) => p.field)).toEqual(["WXDESK_HEADERS_TIMEOUT"]);
    expect(problems[0]?.messageZh).toContain("WXDESK_REQUEST_TIMEOUT");
    expect(() =>
      loadConfig({ env: { ...GOOD, WXDESK_HEADERS_TIMEOUT: "30", WXDESK_REQUEST_TIMEOUT: "30" }, cwd }),
    ).not.toThrow();
  });
});

describe("WeChat through a forward proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)", () => {
  it("is off by default; reads the variables in either case, upper case first", () => {
    expect(loadConfig({ env: GOOD, cwd: dir() }).wechatProxy).toBeUndefined();
    const config = loadConfig({
      env: {
        ...GOOD,
        HTTPS_PROXY: "http://user:pa55@proxy.internal:3128",
        https_proxy: "http://other:3128",
        http_proxy: "http://proxy.internal:3128",
        no_proxy: "localhost,127.0.0.1",
      },
      cwd: dir(),
    });
    expect(config.wechatProxy).toEqual({
      httpsProxy: "http://user:pa55@proxy.internal:3128",
      httpProxy: "http://proxy.internal:3128",
      noProxy: "localhost,127.0.0.1",
    });
    // The printable summary names the proxy's host, never its password.
    expect(JSON.stringify(describeConfig(config))).toContain("proxy.internal:3128");
    expect(JSON.stringify(describeConfig(config))).not.toContain("pa55");
  });

  it("refuses a proxy that is not an http(s) URL, in both languages, without echoing it", () => {
    const problems = problemsOf(() =>
      loadConfig({ env: { ...GOOD, HTTPS_PROXY: "socks5://secret-host:1080" }, cwd: dir() }),
    );
    expect(problems).toEqual([
      {
        field: "HTTPS_PROXY",
        messageZh: "HTTPS_PROXY 应为 http:// 或 https:// 代理地址",
        messageEn: "HTTPS_PROXY must be an http:// or https:// proxy URL",
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain("secret-host");
  });
});
