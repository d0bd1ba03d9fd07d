import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../net/free-port.js";
import { type DemoProcess, startDemoProcess } from "../testing/demo-process.js";
import { getJson, tempDir } from "../testing/test-server.js";
import { EXIT_CODES } from "./exit-codes.js";

/**
 * `npm run server -- --sandbox` as a process: its friendly words (the URLs to try, the one-run
 * keys) go to stderr and stdout stays JSON lines; SANDBOX_OAUTH_DOMAINS reaches the sandbox it starts.
 */

let work: ReturnType<typeof tempDir>;
let demo: DemoProcess;
let stdout = "";
let stderr = "";
let serverUrl: string;

beforeAll(async () => {
  work = tempDir("wxdesk-demo-");
  const port = await freePort();
  demo = await startDemoProcess({
    WXDESK_PORT: String(port),
    WXDESK_DB: join(work.path, "wxdesk.db"),
    // A rehearsal of the real domain: the sandbox must accept it as the callback's domain.
    WXDESK_PUBLIC_URL: "https://wx.example.com",
    SANDBOX_OAUTH_DOMAINS: "wx.example.com",
  });
  stdout = demo.stdout();
  stderr = demo.stderr();
  serverUrl = demo.url;
}, 60_000);

afterAll(async () => {
  await demo?.stop();
  work?.remove();
});

describe("the --sandbox demo as a process", () => {
  it("prints its guide and keys on stderr; every stdout line is JSON", async () => {
    expect(stderr).toContain("沙箱演示模式 / Sandbox demo mode");
    expect(stderr).toMatch(/Admin key: {7}\S{24,}/);
    const lines = stdout.split("\n").filter((line) => line.trim() !== "");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const adminKey = /Admin key: {7}(\S+)/.exec(stderr)?.[1] as string;
    expect(stdout).not.toContain(adminKey);
  });

  it("starts a sandbox that accepts the domain in SANDBOX_OAUTH_DOMAINS (no 10003)", async () => {
    const start = await fetch(`${serverUrl}/oauth/start?scope=snsapi_base`, { redirect: "manual" });
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.searchParams.get("redirect_uri")).toBe("https://wx.example.com/oauth/callback");
    const consent = await getJson<{ location?: string; error?: { code: string } }>(
      `${authorize.origin}/_sandbox/consent`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          appid: authorize.searchParams.get("appid"),
          redirect_uri: authorize.searchParams.get("redirect_uri"),
          scope: "snsapi_base",
          state: authorize.searchParams.get("state"),
        }),
      },
    );
    expect(consent.status).toBe(200);
    expect(consent.body.location?.startsWith("https://wx.example.com/oauth/callback?code=")).toBe(true);
  });

  it("stops cleanly on SIGTERM (exit 0)", async () => {
    expect(await demo.stop()).toBe(EXIT_CODES.ok);
  });
});
