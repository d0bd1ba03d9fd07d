import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/cli/exit-codes.js";
import { CONFIG_KEYS, type ConfigKey, FIELD_RULES, REQUIRED_KEYS } from "../src/config/config-fields.js";
import { tempDir } from "../src/testing/test-server.js";
import { PACKAGE_DIR, REPO_DIR } from "./build-server-dist.js";
import {
  dockerEnv,
  nginxFind,
  nginxSeconds,
  parseDockerfile,
  parseEnvFile,
  parseNginx,
  parseUnit,
  readDeployGuide,
  unitEnvironment,
  unitValues,
} from "./testing/deploy-file-parsers.js";
import { requiredTool } from "./testing/machine-tools.js";
import {
  debianConfigForTest,
  mainConfigForTest,
  selfSignedCert,
  siteForTest,
} from "./testing/nginx-test-kit.js";

/**
 * These checks read the deploy files and hold them to what the server and the guide (docs/deploy.md) promise;
 * `nginx -t` and systemd-analyze check them too (both required under CI=true: .ci/run installs them). The image is
 * rehearsed in docker-image.test.ts, nginx in front of a real server in nginx-proxy.test.ts.
 */

const DEPLOY = join(PACKAGE_DIR, "deploy");
const read = (name: string) => readFileSync(join(DEPLOY, name), "utf8");

/** Settings whose values are secrets: the example must leave them empty. */
const SECRET_KEYS: readonly ConfigKey[] = [
  "WXDESK_SECRET",
  "WXDESK_ADMIN_KEY",
  "WXDESK_SUPPORT_KEY",
  "WXDESK_SERVICE_KEYS",
  "WXDESK_MSG_TOKEN",
  "WXDESK_MSG_AES_KEY",
  "WXDESK_SESSION_SECRET",
  "WXDESK_TOKEN_KEY",
];

/** Environment variables `src/server.ts` reads itself, beside the config loader's (e.g. the log level). */
function serverOnlyVariables(): string[] {
  const source = readFileSync(join(PACKAGE_DIR, "src", "server.ts"), "utf8");
  return [...new Set([...source.matchAll(/env\.(WXDESK_[A-Z_]+)/g)].map((m) => m[1] as string))].filter(
    (name) => !(CONFIG_KEYS as readonly string[]).includes(name),
  );
}

const unit = parseUnit(read("wxdesk-callback.service"));
const unitEnv = unitEnvironment(unit);
const stages = parseDockerfile(read("Dockerfile"));
const runtime = stages.at(-1) ?? [];
const imageEnv = dockerEnv(runtime);
const nginx = parseNginx(read("nginx-wxdesk.conf"));
const servers = nginxFind(nginx, "server");
const listens = (server: (typeof servers)[number]) => nginxFind(server.block, "listen").map((d) => d.args);
const httpServer = servers.find((s) => listens(s).some((args) => args[0] === "80"));
const httpsServer = servers.find((s) => listens(s).some((args) => args[0] === "443" && args.includes("ssl")));

describe("deploy/wxdesk-callback.service", () => {
  it("is key=value sections with the hardening keys set", () => {
    expect([...unit.keys()]).toEqual(["Unit", "Service", "Install"]);
    const one = (key: string) => unitValues(unit, "Service", key);
    for (const [key, value] of Object.entries({
      NoNewPrivileges: "yes",
      ProtectSystem: "strict",
      ProtectHome: "yes",
      PrivateTmp: "yes",
      PrivateDevices: "yes",
      ProtectKernelTunables: "yes",
      ProtectKernelModules: "yes",
      ProtectControlGroups: "yes",
      RestrictSUIDSGID: "yes",
      RestrictNamespaces: "yes",
      LockPersonality: "yes",
      CapabilityBoundingSet: "",
      EnvironmentFile: "/etc/wxdesk/callback.env",
    })) {
      expect(one(key), key).toEqual([value]);
    }
    // A dedicated user: systemd's throwaway one, or a named user that is not root.
    const user = one("User")[0];
    expect(one("DynamicUser")[0] === "yes" || (user !== undefined && !["root", "0"].includes(user))).toBe(
      true,
    );
    expect(one("RestrictAddressFamilies")[0]?.split(/\s+/)).toEqual(
      expect.arrayContaining(["AF_INET", "AF_INET6"]),
    );
    // V8 compiles JavaScript to machine code at run time: W^X memory would kill Node.
    expect(one("MemoryDenyWriteExecute").filter((v) => v !== "no")).toEqual([]);
    // 1 = a bad setting, 2 = --sandbox (src/cli/exit-codes.ts): restarting cannot fix either. 3 (a
    // failed start: port taken, Redis not up yet) must be retried, for ever (no start limit).
    expect(one("Restart")).toEqual(["on-failure"]);
    expect(one("RestartPreventExitStatus")[0]?.split(/\s+/).sort()).toEqual(
      [EXIT_CODES.badSetting, EXIT_CODES.demoNeedsSource].map(String).sort(),
    );
    expect(unitValues(unit, "Unit", "StartLimitIntervalSec")).toEqual(["0"]);
    expect(unitValues(unit, "Install", "WantedBy")).toEqual(["multi-user.target"]);
  });

  it("runs the built server.js, keeps data in StateDirectory and listens on loopback only", () => {
    const exec = unitValues(unit, "Service", "ExecStart")[0]?.split(/\s+/) ?? [];
    expect(exec.at(-1)).toMatch(/\/server\.js$/);
    expect(unitValues(unit, "Service", "WorkingDirectory")).toEqual([dirname(exec.at(-1) as string)]);
    const state = unitValues(unit, "Service", "StateDirectory")[0];
    expect(state).toBeTruthy();
    // ProtectSystem=strict makes everything else read-only: the database must live in the state folder.
    expect(unitEnv.get("WXDESK_DB")).toMatch(new RegExp(`^/var/lib/${state}/[^/]+\\.db$`));
    expect(unitEnv.get("WXDESK_HOST")).toBe("127.0.0.1");
    for (const key of unitEnv.keys()) {
      if (key.startsWith("WXDESK_")) expect(CONFIG_KEYS, key).toContain(key);
    }
  });

  // Missing outside CI: a skipped test saying why (and a console line); under CI=true a failure (.ci/run
  // installs systemd), never a test that passes without having checked anything.
  const analyze = requiredTool("systemd-analyze", "the systemd-analyze verify step of the unit file");
  it.skipIf(!analyze)(
    `passes systemd-analyze verify${analyze ? "" : " — skipped: systemd-analyze is not installed"}`,
    () => {
      expect(systemdComplaints(analyze as string, join(DEPLOY, "wxdesk-callback.service"))).toEqual([]);
    },
  );
});

describe("deploy/Dockerfile", () => {
  it("builds on node:24-slim in stages; the runtime stage holds dist/ and its declared packages only", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const froms = stages.map((stage) => stage[0]?.args.split(/\s+/) ?? []);
    for (const from of froms) expect(from[0]).toBe("node:24-slim");
    const buildStage = froms[0]?.[2];
    const build = stages[0] ?? [];
    const buildScript = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")).scripts.build;
    expect(buildScript).toBeTruthy();
    expect(
      build.some((i) => i.name === "RUN" && /npm run build -w @wxdesk\/callback-server/.test(i.args)),
    ).toBe(true);
    // `npm ci` checks the lockfile against every workspace's package.json: all must be copied first.
    const workspaces: string[] = JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8")).workspaces;
    const copied = build.filter((i) => i.name === "COPY").map((i) => i.args);
    for (const workspace of workspaces)
      expect(copied, workspace).toContain(`${workspace}/package.json ${workspace}/`);

    const copies = runtime.filter((i) => i.name === "COPY");
    expect(copies.map((i) => i.args)).toEqual([`--from=${buildStage} /repo/callback-server/dist/ ./`]);
    expect(runtime.some((i) => i.name === "RUN" && i.args.includes("npm install --omit=dev"))).toBe(true);
  });

  it("runs as a non-root user with /data as the volume, the port exposed and a health check", () => {
    const users = runtime.filter((i) => i.name === "USER").map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0", "0:0"]).not.toContain(users.at(-1));
    const names = runtime.map((i) => i.name);
    expect(names.lastIndexOf("USER")).toBeLessThan(names.indexOf("CMD"));
    expect(runtime.find((i) => i.name === "VOLUME")?.args).toContain('"/data"');
    expect(imageEnv.get("WXDESK_DB")).toMatch(/^\/data\/[^/]+\.db$/);
    expect(imageEnv.get("WXDESK_HOST")).toBe("0.0.0.0");
    expect(runtime.find((i) => i.name === "EXPOSE")?.args).toBe(imageEnv.get("WXDESK_PORT"));
    expect(runtime.find((i) => i.name === "HEALTHCHECK")?.args).toContain("/healthz");
    expect(JSON.parse(runtime.find((i) => i.name === "CMD")?.args ?? "[]")).toEqual(["node", "server.js"]);
  });

  it("the build context's .dockerignore (the repository root's, which every builder reads) keeps packages, data and secrets out", () => {
    // The legacy builder ignores <Dockerfile>.dockerignore; BuildKit would prefer it to the root's.
    expect(readdirSync(DEPLOY).filter((name) => name.endsWith(".dockerignore"))).toEqual([]);
    const ignored = readFileSync(join(REPO_DIR, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    for (const pattern of [
      "**/node_modules",
      "**/data",
      "**/*.db",
      "**/*.env",
      "**/token-key",
      "**/session-secret",
      ".git",
    ]) {
      expect(ignored).toContain(pattern);
    }
  });
});

describe("deploy/callback.env.example (one file for systemd and Docker)", () => {
  const entries = parseEnvFile(read("callback.env.example"));
  const byKey = new Map(entries.map((e) => [e.key, e]));
  /** What the unit and the image set, each to its own value (127.0.0.1 vs 0.0.0.0, /var/lib/… vs /data/…). */
  const perTarget = new Set([...unitEnv.keys(), ...imageEnv.keys()]);

  it("names every other setting the config loader accepts (and those server.ts reads), nothing else, once", () => {
    const known = [...CONFIG_KEYS, ...serverOnlyVariables()].filter((key) => !perTarget.has(key));
    expect(entries.map((e) => e.key).sort()).toEqual([...known].sort());
    for (const key of REQUIRED_KEYS) expect(byKey.get(key)?.commented, key).toBe(false);
  });

  it("holds no secret, and every example value is one the server accepts", () => {
    for (const key of SECRET_KEYS) expect(byKey.get(key)?.value, key).toBe("");
    for (const { key, value } of entries) {
      if (value === "" || !(key in FIELD_RULES)) continue;
      expect(FIELD_RULES[key as ConfigKey].schema.safeParse(value).success, `${key}=${value}`).toBe(true);
    }
    // Nothing that looks like a generated key or a password in a URL, even in comments.
    expect(read("callback.env.example")).not.toMatch(/[A-Za-z0-9+/]{32,}|\/\/[^/\s]*:[^/\s]*@/);
  });

  it("names nothing the image or the unit sets, not even commented out: uncommented, a value right for one is wrong for the other", () => {
    expect([...perTarget].sort()).toEqual(
      expect.arrayContaining(["WXDESK_DB", "WXDESK_HOST", "WXDESK_PORT"]),
    );
    for (const key of perTarget) expect(byKey.has(key), key).toBe(false);
    // Loopback means the container itself under Docker: no example may point there.
    for (const { key, value } of entries) expect(value, key).not.toMatch(/\/\/(127\.0\.0\.1|localhost)\b/);
  });
});

describe("deploy/nginx-wxdesk.conf", () => {
  const proxyPass = (block: (typeof nginx)[number]["block"]) => nginxFind(block, "proxy_pass")[0]?.args[0];
  const location = (server: typeof httpsServer, ...args: string[]) =>
    nginxFind(server?.block, "location").find((l) => l.args.join(" ") === args.join(" "));

  it("terminates TLS on 443 for the domain and proxies to the server's port with X-Forwarded-*", () => {
    expect(httpsServer).toBeDefined();
    expect(nginxFind(httpsServer?.block, "ssl_certificate")).toHaveLength(1);
    expect(nginxFind(httpsServer?.block, "ssl_certificate_key")).toHaveLength(1);
    const names = (s: typeof httpsServer) => nginxFind(s?.block, "server_name")[0]?.args;
    expect(names(httpServer)).toEqual(names(httpsServer));
    const headers = nginxFind(httpsServer?.block, "proxy_set_header").map((d) => d.args[0]);
    expect(headers).toEqual(
      expect.arrayContaining(["Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP"]),
    );
    expect(proxyPass(location(httpsServer, "/")?.block)).toBe(
      `http://127.0.0.1:${unitEnv.get("WXDESK_PORT")}`,
    );
    expect(imageEnv.get("WXDESK_PORT")).toBe(unitEnv.get("WXDESK_PORT"));
  });

  it("streams /admin/api/events unbuffered with a long read timeout", () => {
    const events = location(httpsServer, "=", "/admin/api/events");
    expect(nginxFind(events?.block, "proxy_buffering")[0]?.args).toEqual(["off"]);
    const timeout = nginxFind(events?.block, "proxy_read_timeout")[0]?.args[0] ?? "60s";
    expect(nginxSeconds(timeout)).toBeGreaterThanOrEqual(3600);
    expect(proxyPass(events?.block)).toBe(proxyPass(location(httpsServer, "/")?.block));
  });

  it("redirects HTTP to HTTPS but lets the app answer MP_verify_*.txt on both", () => {
    expect(nginxFind(location(httpServer, "/")?.block, "return")[0]?.args).toEqual([
      "301",
      "https://$host$request_uri",
    ]);
    for (const server of [httpServer, httpsServer]) {
      const verify = nginxFind(server?.block, "location").find((l) =>
        l.args.join(" ").includes("MP_verify_"),
      );
      const pattern = new RegExp(verify?.args.at(-1) ?? "^$");
      expect(pattern.test("/MP_verify_AbC123xyz.txt")).toBe(true);
      expect(pattern.test("/MP_verify_x.txt/../etc")).toBe(false);
      expect(proxyPass(verify?.block)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
  });

  it("keeps query strings out of the access log: a format of its own, used by both servers", () => {
    const formats = new Map(
      nginxFind(nginx, "log_format").map((d) => [d.args[0], d.args.slice(1).join(" ")]),
    );
    for (const server of [httpServer, httpsServer]) {
      const logs = nginxFind(server?.block, "access_log");
      expect(logs.length).toBeGreaterThan(0);
      for (const log of logs) {
        const format = formats.get(log.args[1] ?? "combined");
        expect(format, `access_log ${log.args.join(" ")} must name this file's log_format`).toBeDefined();
        // $request and $request_uri hold the query (?code=…&state=…); $args and $query_string are it;
        // the referer of a callback is WeChat's authorize page, state included.
        expect(format).not.toMatch(/\$(request\b|request_uri|args|query_string|arg_|http_referer)/);
        expect(format).toContain("$uri");
      }
    }
  });

  it("hides nginx's version and sends HSTS on every HTTPS answer", () => {
    for (const server of [httpServer, httpsServer])
      expect(nginxFind(server?.block, "server_tokens")[0]?.args).toEqual(["off"]);
    const hsts = nginxFind(httpsServer?.block, "add_header").find(
      (d) => d.args[0] === "Strict-Transport-Security",
    );
    expect(Number(/max-age=(\d+)/.exec(hsts?.args[1] ?? "")?.[1])).toBeGreaterThanOrEqual(15_552_000);
    expect(hsts?.args.at(-1)).toBe("always");
    // An add_header inside a location would silently drop the server's HSTS there.
    for (const loc of nginxFind(httpsServer?.block, "location"))
      expect(nginxFind(loc.block, "add_header"), loc.args.join(" ")).toEqual([]);
  });

  it("rate-limits /oauth/start, /jssdk/config and the admin API with zones declared at http level, never WeChat's calls", () => {
    const zones = nginxFind(nginx, "limit_req_zone").map((d) => /zone=([^:]+):/.exec(d.args.join(" "))?.[1]);
    const limited = (...args: string[]) =>
      nginxFind(location(httpsServer, ...args)?.block, "limit_req").map(
        (d) => /zone=([^\s]+)/.exec(d.args.join(" "))?.[1],
      );
    for (const args of [
      ["=", "/oauth/start"],
      ["=", "/jssdk/config"],
      ["^~", "/admin/api/"],
      ["=", "/admin/api/events"],
    ]) {
      const used = limited(...args);
      expect(used, args.join(" ")).toHaveLength(1);
      expect(zones, args.join(" ")).toContain(used[0]);
    }
    // The zones are http-level directives: inside a server block nginx refuses them.
    for (const server of servers) expect(nginxFind(server.block, "limit_req_zone")).toEqual([]);
    expect(limited("/")).toEqual([]);
    expect(nginxFind(httpsServer?.block, "limit_req")).toEqual([]);
    expect(nginxFind(httpsServer?.block, "limit_req_status")[0]?.args).toEqual(["429"]);
  });

  it("serves certbot's webroot from the folder the guide's certbot command writes to (no --standalone)", () => {
    const acme = nginxFind(httpServer?.block, "location").find((l) =>
      l.args.includes("/.well-known/acme-challenge/"),
    );
    const root = nginxFind(acme?.block, "root")[0]?.args[0];
    const guide = readDeployGuide();
    const commands = [...guide.matchAll(/certbot certonly --webroot -w (\S+)/g)].map((m) => m[1]);
    expect(commands.length).toBeGreaterThanOrEqual(2); // 中文 and English
    for (const webroot of commands) expect(webroot).toBe(root);
    // --standalone stops nginx at every renewal: pushes and callbacks fail meanwhile.
    expect(guide).not.toMatch(/certbot[^\n]*--standalone/);
    expect(guide).toMatch(/--deploy-hook "systemctl reload nginx"/);
  });

  describe("nginx -t", () => {
    const nginxBinary = requiredTool("nginx", "the nginx -t checks of deploy/nginx-wxdesk.conf");
    const openssl = requiredTool("openssl", "the self-signed certificate for the nginx checks");
    let dir: ReturnType<typeof tempDir>;
    let cert: { cert: string; key: string };
    beforeAll(() => {
      dir = tempDir("wxdesk-nginx-");
      if (openssl) cert = selfSignedCert(openssl, dir.path);
      return () => dir.remove();
    });
    const test = (config: string) =>
      spawnSync(nginxBinary as string, ["-t", "-p", dir.path, "-c", config, "-e", "stderr"], {
        encoding: "utf8",
      });

    it.skipIf(!nginxBinary || !openssl)(
      "accepts it included inside http { } (self-signed certificate in place of the real one)",
      () => {
        const result = test(mainConfigForTest(dir.path, siteForTest(dir.path, cert), { foreground: false }));
        expect(result.stderr).toContain("test is successful");
        expect(result.status).toBe(0);
      },
    );

    it.skipIf(!nginxBinary || !openssl || !existsSync("/etc/nginx/nginx.conf"))(
      "accepts it as /etc/nginx/conf.d/wxdesk.conf beside Debian's nginx.conf and default site",
      () => {
        const config = debianConfigForTest(dir.path, siteForTest(dir.path, cert));
        expect(config, "this nginx.conf does not include conf.d/*.conf inside http { }").toBeDefined();
        const result = test(config as string);
        expect(result.stderr).toContain("test is successful");
        expect(result.status).toBe(0);
        // Installed twice (conf.d and sites-enabled), the zones clash: the guide installs it once.
        const twice = debianConfigForTest(
          dir.path,
          `${siteForTest(dir.path, cert)}\n${siteForTest(dir.path, cert)}`,
        );
        expect(test(twice as string).status).not.toBe(0);
      },
    );
  });
});

/** systemd-analyze's complaints about a unit (and the drop-ins beside it). */
function systemdComplaints(analyze: string, unitPath: string): string[] {
  const result = spawnSync(analyze, ["verify", "--man=no", unitPath], { encoding: "utf8" });
  return `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => /unknown|failed to parse|invalid|ignoring|bad/i.test(line));
}

describe("docs/deploy.md", () => {
  it("names every file in deploy/ and the build context's .dockerignore", () => {
    const guide = readDeployGuide();
    for (const file of [...readdirSync(DEPLOY), ".dockerignore"])
      expect(guide.includes(file), file).toBe(true);
  });

  // The server runs as systemd's dynamic user or the image's `node`: a root-only 0600 apps file in
  // /etc/wxdesk (what the guide said before) stops its start with "cannot read the apps file".
  it("hands the OIDC apps file to the server's own user: systemd's LoadCredential, Docker a read-only mount it owns", () => {
    const guide = readDeployGuide();
    const unitName = "wxdesk-callback.service";
    expect(existsSync(join(DEPLOY, unitName))).toBe(true);
    const credentials = [...guide.matchAll(/LoadCredential=([A-Za-z0-9._-]+):(\/\S+)/g)];
    expect(credentials.length, "in Chinese and in English").toBeGreaterThanOrEqual(2);
    for (const [, name] of credentials)
      expect(guide).toContain(`WXDESK_OIDC_CLIENTS=/run/credentials/${unitName}/${name}`);

    const mounts = [...guide.matchAll(/-v (\/\S+\.json):(\/\S+\.json):ro/g)];
    expect(mounts.length, "in Chinese and in English").toBeGreaterThanOrEqual(2);
    expect(unitValues(unit, "Service", "DynamicUser")).toEqual(["yes"]);
    expect(runtime.filter((i) => i.name === "USER").map((i) => i.args)).toEqual(["node"]);
    expect(read("Dockerfile")).toContain("`node` (uid 1000)");
    for (const [, hostPath, containerPath] of mounts) {
      expect(guide).toContain(`chown 1000:1000 ${hostPath}`);
      expect(guide).toContain(`WXDESK_OIDC_CLIENTS=${containerPath}`);
    }

    // What `systemctl edit` saves, next to the unit: systemd-analyze reads the drop-in too.
    const block = /```ini\n([^`]*)```/.exec(guide)?.[1] ?? "";
    const dropIn = block
      .split("\n")
      .map((line) => line.trim())
      .join("\n");
    expect(dropIn).toMatch(/^\[Service\]\nLoadCredential=\S+\n$/);
    const dir = tempDir("wxdesk-dropin-");
    try {
      writeFileSync(join(dir.path, unitName), read(unitName));
      mkdirSync(join(dir.path, `${unitName}.d`));
      writeFileSync(join(dir.path, `${unitName}.d`, "override.conf"), dropIn);
      const analyze = requiredTool("systemd-analyze", "the systemd-analyze verify step of the drop-in");
      if (analyze) expect(systemdComplaints(analyze, join(dir.path, unitName))).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});
