import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
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
  unitEnvironment,
  unitValues,
} from "./deploy-file-parsers.js";

/**
 * Docker, systemd and nginx do not run here: these checks read the deploy files and hold them to
 * what the server and the README promise. systemd-analyze and nginx are used when installed.
 */

const DEPLOY = join(PACKAGE_DIR, "deploy");
const read = (name: string) => readFileSync(join(DEPLOY, name), "utf8");

/** Settings whose values are secrets: the example must leave them empty. */
const SECRET_KEYS: readonly ConfigKey[] = [
  "WXDESK_SECRET",
  "WXDESK_ADMIN_KEY",
  "WXDESK_SUPPORT_KEY",
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

function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin"];
  return dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
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
    // 1 = bad configuration, 2 = --sandbox (src/server.ts): restarting cannot fix either.
    expect(one("RestartPreventExitStatus")[0]?.split(/\s+/)).toEqual(expect.arrayContaining(["1", "2"]));
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

  it("passes systemd-analyze verify (when installed)", () => {
    const analyze = which("systemd-analyze");
    if (!analyze) {
      console.warn("[wxdesk] systemd-analyze not installed: skipping the systemd verify step.");
      return;
    }
    const result = spawnSync(analyze, ["verify", "--man=no", join(DEPLOY, "wxdesk-callback.service")], {
      encoding: "utf8",
    });
    const complaints = `${result.stdout}${result.stderr}`
      .split("\n")
      .filter((line) => /unknown|failed to parse|invalid|ignoring|bad/i.test(line));
    expect(complaints).toEqual([]);
  });
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

  it("its .dockerignore keeps installed packages, data and secrets out of the build context", () => {
    const ignored = read("Dockerfile.dockerignore")
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

describe("deploy/callback.env.example", () => {
  const entries = parseEnvFile(read("callback.env.example"));
  const byKey = new Map(entries.map((e) => [e.key, e]));

  it("names every setting the config loader accepts (and those server.ts reads), nothing else, once", () => {
    const known = [...CONFIG_KEYS, ...serverOnlyVariables()];
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

  it("leaves what the image and the unit set commented out: an empty line would override them", () => {
    for (const key of new Set([...unitEnv.keys(), ...imageEnv.keys()])) {
      const entry = byKey.get(key);
      if (entry) expect(entry.commented, key).toBe(true);
    }
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

  describe("with nginx installed", () => {
    let dir: ReturnType<typeof tempDir> | undefined;
    beforeAll(() => {
      dir = tempDir("wxdesk-nginx-");
      return () => dir?.remove();
    });

    it("nginx -t accepts it (self-signed certificate in place of the real one)", () => {
      const binary = which("nginx");
      const openssl = which("openssl");
      if (!binary || !openssl || !dir) {
        console.warn(
          "[wxdesk] nginx or openssl not installed: skipping `nginx -t` (static checks above still ran).",
        );
        return;
      }
      const d = dir.path;
      execFileSync(
        openssl,
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=wx.example.com",
          "-keyout",
          join(d, "key.pem"),
          "-out",
          join(d, "cert.pem"),
        ],
        { stdio: "ignore" },
      );
      const site = read("nginx-wxdesk.conf")
        .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${join(d, "cert.pem")};`)
        .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${join(d, "key.pem")};`);
      writeFileSync(join(d, "site.conf"), site);
      for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"])
        mkdirSync(join(d, "tmp", t), { recursive: true });
      writeFileSync(
        join(d, "nginx.conf"),
        [
          `pid ${join(d, "nginx.pid")};`,
          "events {}",
          "http {",
          "access_log off;",
          ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
            (t) => `${t}_temp_path ${join(d, "tmp", t === "client_body" ? "body" : t)};`,
          ),
          `include ${join(d, "site.conf")};`,
          "}",
        ].join("\n"),
      );
      const result = spawnSync(binary, ["-t", "-p", d, "-c", join(d, "nginx.conf"), "-e", "stderr"], {
        encoding: "utf8",
      });
      expect(result.stderr).toContain("test is successful");
      expect(result.status).toBe(0);
    });
  });
});

describe("callback-server/README.md", () => {
  it("names every file in deploy/", () => {
    const readme = readFileSync(join(PACKAGE_DIR, "README.md"), "utf8");
    for (const file of readdirSync(DEPLOY)) expect(readme.includes(file), file).toBe(true);
  });
});
