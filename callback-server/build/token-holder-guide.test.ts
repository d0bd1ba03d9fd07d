import { execFile, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../src/app-context.js";
import { createAppContext } from "../src/context/create-app-context.js";
import { globalTokenKeys } from "../src/context/global-token-keys.js";
import {
  type Listening,
  listen,
  sandboxCalls,
  TEST_SERVICE_KEY,
  tempDir,
  testConfig,
} from "../src/testing/test-server.js";
import { readDeployGuide } from "./testing/deploy-file-parsers.js";
import { requiredTool } from "./testing/machine-tools.js";

/**
 * The guide's callers (README, "One access_token for every system"), run as written — Python with
 * requests, Java with java.net.http — against the real server and the sandbox as WeChat, through
 * the 40001 → `?invalid=` → retry path.
 */

const execFileText = promisify(execFile);

/** Runs a program for its stdout; a failure names the program's own words (stderr). */
async function run(
  file: string,
  args: string[],
  env: Record<string, string>,
  timeout = 60_000,
): Promise<string> {
  try {
    const { stdout } = await execFileText(file, args, {
      env: { ...process.env, ...env },
      timeout,
      encoding: "utf8",
    });
    return stdout;
  } catch (error) {
    throw new Error(`${file} failed: ${String((error as { stderr?: unknown }).stderr ?? error)}`);
  }
}
/**
 * A python3 that has `requests` (the guide's caller imports it): the first on PATH (pyenv and the
 * like bring their own packages), else Debian's, which .ci/run gives python3-requests.
 */
function pythonWithRequests(): string | undefined {
  const candidates = [requiredTool("python3", "the guide's Python caller"), "/usr/bin/python3"];
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (spawnSync(candidate, ["-c", "import requests"]).status === 0) return candidate;
  }
  const reason = "no python3 with the requests package (apt-get install python3-requests)";
  if (process.env.CI === "true") throw new Error(`${reason}: the guide's Python caller must run in CI`);
  console.warn(`[wxdesk] ${reason}: skipping the guide's Python caller.`);
  return undefined;
}
const python = pythonWithRequests();
const java = requiredTool("java", "the guide's Java caller");

const README = readDeployGuide();
const SECTION = README.slice(README.indexOf("# 中控：让其他系统共用 access_token"));

function snippet(language: string): string {
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(SECTION)?.[1];
  if (!block) throw new Error(`no ${language} block in the guide's token-holder section`);
  return block;
}

describe("the guide's token-holder callers", () => {
  let dir: ReturnType<typeof tempDir>;
  let sandbox: StartedSandbox;
  let ctx: AppContext;
  let server: Listening;

  beforeAll(async () => {
    dir = tempDir("wxdesk-guide-callers-");
    sandbox = await startSandbox();
    // cgi-bin/token: every fetch is a new token and the one before the previous dies — how another
    // system fetching on its own voids ours.
    // A short renewal interval: each caller's refused token may be renewed (one renewal a minute otherwise).
    ctx = await createAppContext(testConfig(sandbox.url, join(dir.path, "data"), { tokenSource: "token" }), {
      renewIntervalMs: 300,
    });
    server = await listen(ctx);
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    await ctx?.close();
    await sandbox?.close();
    dir?.remove();
  });

  const localized = (code: string) =>
    code
      .replaceAll("https://wx.example.com", server.url)
      .replaceAll("https://api.weixin.qq.com", sandbox.url);

  /** The token the server holds is voided behind its back: another system fetches twice. */
  async function voidHeldToken(): Promise<void> {
    const renewal = globalTokenKeys(ctx.config.appid, "token").renewal;
    await expect.poll(() => ctx.store.get(renewal), { timeout: 5000, interval: 50 }).toBeUndefined();
    const held = await ctx.globalTokens.getAccessToken();
    const query = new URLSearchParams({
      grant_type: "client_credential",
      appid: SANDBOX_DEFAULTS.appid,
      secret: SANDBOX_DEFAULTS.secret,
    });
    for (let i = 0; i < 2; i++) await fetch(`${sandbox.url}/cgi-bin/token?${query}`);
    const check = await fetch(`${sandbox.url}/cgi-bin/menu/get?access_token=${held}`);
    expect(((await check.json()) as { errcode?: number }).errcode).toBe(40001);
  }

  async function menuCreates(): Promise<number> {
    return (await sandboxCalls(sandbox))["/cgi-bin/menu/create"] ?? 0;
  }

  it.skipIf(!python)(
    "Python: a refused token is reported with ?invalid=, renewed once, and the call retried",
    async () => {
      await voidHeldToken();
      const before = await menuCreates();
      const file = join(dir.path, "caller.py");
      writeFileSync(
        file,
        `${localized(snippet("python"))}\nimport json\nprint(json.dumps(call_wechat("/cgi-bin/menu/create", {"button": [{"type": "click", "name": "Python", "key": "PY"}]})))\n`,
      );
      const stdout = await run(python as string, [file], { WXDESK_SERVICE_KEY: TEST_SERVICE_KEY });
      expect(JSON.parse(stdout)).toMatchObject({ errcode: 0 });
      expect((await menuCreates()) - before).toBe(2);
    },
  );

  it.skipIf(!java)(
    "Java: the same path with java.net.http",
    async () => {
      await voidHeldToken();
      const before = await menuCreates();
      const source = localized(snippet("java"));
      const last = source.lastIndexOf("}");
      const main =
        '    public static void main(String[] args) throws Exception {\n        System.out.println(callWechat("/cgi-bin/menu/create", "{\\"button\\":[{\\"type\\":\\"click\\",\\"name\\":\\"Java\\",\\"key\\":\\"JAVA\\"}]}"));\n    }\n';
      const file = join(dir.path, "WxdeskToken.java");
      writeFileSync(file, `${source.slice(0, last)}${main}}\n`);
      const stdout = await run(java as string, [file], { WXDESK_SERVICE_KEY: TEST_SERVICE_KEY }, 120_000);
      expect(JSON.parse(stdout)).toMatchObject({ errcode: 0 });
      expect((await menuCreates()) - before).toBe(2);
    },
    150_000,
  );
});
