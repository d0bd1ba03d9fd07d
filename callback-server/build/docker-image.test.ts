import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir, networkInterfaces } from "node:os";
import { delimiter, isAbsolute, join } from "node:path";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../src/net/free-port.js";
import { getJson, tempDir } from "../src/testing/test-server.js";
import { PACKAGE_DIR, REPO_DIR } from "./build-server-dist.js";
import { startBuiltServer } from "./testing/built-server-process.js";
import { parseEnvFile } from "./testing/deploy-file-parsers.js";
import { type RehearsedStage, rehearseDockerfile } from "./testing/dockerfile-rehearsal.js";

/**
 * No Docker engine runs here, so the image is rehearsed (testing/dockerfile-rehearsal.ts): every stage of
 * deploy/Dockerfile, its COPY and RUN steps as written, on a PATH holding only node, npm and
 * coreutils like node:24-slim. A step that needs python3/make/g++ (better-sqlite3's implicit
 * node-gyp rebuild without --ignore-scripts) fails here as it did in `docker build`.
 */

const DOCKERFILE = join(PACKAGE_DIR, "deploy", "Dockerfile");

/** RUN parts the rehearsal leaves out, and why (it throws on any other part naming a system path). */
const SKIPPED = new Map([
  ["npm cache clean --force", "only makes the image smaller; here it would empty this machine's npm cache"],
  ["mkdir -p /data", "the volume's folder: made below inside the runtime stage's folder"],
  ["chown node:node /data", "the base image's user; this machine has none of that name"],
  ["chmod 0700 /data", "made below with that mode"],
]);

/** The machine's way to the npm registry: not part of the image, but a build needs the registry. */
function hostNetworkEnv(): Record<string, string> {
  const env: Record<string, string> = {
    npm_config_cache: process.env.npm_config_cache ?? join(homedir(), ".npm"),
    // Same packages (the lockfile pins them); from this machine's cache when it has them.
    npm_config_prefer_offline: "true",
  };
  for (const name of [
    "NODE_EXTRA_CA_CERTS",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
  ]) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/** An address of this machine other than loopback: `docker run -p` forwards to the container's. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && !entry.internal && entry.family === "IPv4")?.address;
}

let work: ReturnType<typeof tempDir>;
let stages: Map<string, RehearsedStage>;
let bare: string;

beforeAll(async () => {
  work = tempDir("wxdesk-docker-");
  stages = await rehearseDockerfile({
    dockerfile: DOCKERFILE,
    context: REPO_DIR,
    workDir: work.path,
    steps: { skipped: SKIPPED },
    hostEnv: hostNetworkEnv(),
  });
  bare = join(work.path, "bare-bin");
}, 600_000);

afterAll(() => work?.remove(), 180_000);

describe("deploy/Dockerfile, rehearsed stage by stage without Docker", () => {
  it("runs on a PATH like node:24-slim's: node and npm, no python3, make or C++ compiler", () => {
    const onPath = (name: string) => existsSync(join(bare, name));
    for (const tool of ["node", "npm", "sh", "cp"]) expect(onPath(tool), tool).toBe(true);
    for (const tool of ["python3", "python", "make", "g++", "gcc", "cc", "c++"])
      expect(onPath(tool), tool).toBe(false);
    expect(bare.split(delimiter)).toHaveLength(1);
  });

  it("the build stage installs without install scripts and bundles the server", () => {
    const build = stages.get("build");
    expect(build?.ran.some((part) => part.startsWith("npm ci"))).toBe(true);
    expect(build?.ran).toContain("npm run build -w @wxdesk/callback-server");
    expect(existsSync(join(build?.root ?? "", "repo/callback-server/dist/server.js"))).toBe(true);
    // The context came through the .dockerignore: no host packages, no local data.
    expect(existsSync(join(build?.root ?? "", "repo/callback-server/data"))).toBe(false);
    expect(existsSync(join(build?.root ?? "", "repo/.git"))).toBe(false);
  });

  it("the runtime stage starts with the image's ENV and the env example, answers its HEALTHCHECK and is reachable through -p", async () => {
    const runtime = stages.get("runtime") as RehearsedStage;
    const app = join(runtime.root, runtime.workdir);
    // The stage's own paths (/data/…) live inside its folder here.
    const imageEnv = Object.fromEntries(
      [...runtime.env].map(([key, value]) => [key, isAbsolute(value) ? join(runtime.root, value) : value]),
    );
    mkdirSync(join(runtime.root, "data"), { mode: 0o700 });
    // `docker run --env-file callback.env`: every KEY=value line of the example, then what step 2 fills in.
    const envFile = Object.fromEntries(
      parseEnvFile(readFileSync(join(PACKAGE_DIR, "deploy", "callback.env.example"), "utf8"))
        .filter((entry) => !entry.commented)
        .map((entry) => [entry.key, entry.value]),
    );
    const port = String(await freePort());
    const env: Record<string, string> = {
      ...imageEnv,
      ...envFile,
      WXDESK_APPID: SANDBOX_DEFAULTS.appid,
      WXDESK_SECRET: SANDBOX_DEFAULTS.secret,
      WXDESK_PUBLIC_URL: "https://wx.example.com",
      // `-p 127.0.0.1:<port>:7200` maps a host port; here the process takes a free one itself.
      WXDESK_PORT: port,
      PATH: bare,
    };
    const server = await startBuiltServer(app, env, 60_000);
    try {
      const healthcheck = runtime.instructions.find((i) => i.name === "HEALTHCHECK")?.args ?? "";
      const command = JSON.parse(healthcheck.slice(healthcheck.indexOf("CMD") + 3)) as string[];
      const probe = spawnSync(command[0] as string, command.slice(1), { env, cwd: app, encoding: "utf8" });
      expect(probe.status, probe.stderr).toBe(0);

      const address = outsideAddress();
      expect(address, "this machine needs a non-loopback IPv4 address for this check").toBeDefined();
      expect(await getJson(`http://${address}:${port}/healthz`)).toEqual({ status: 200, body: { ok: true } });
      expect(existsSync(join(runtime.root, "data", "token-key"))).toBe(true);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const cmd = JSON.parse(runtime.instructions.find((i) => i.name === "CMD")?.args ?? "[]");
    expect(cmd).toEqual(["node", "server.js"]);
  });
});
