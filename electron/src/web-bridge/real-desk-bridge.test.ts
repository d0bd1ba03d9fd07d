import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rawRequest } from "@wxdesk/sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeskHost } from "../desk/create-desk-host.js";
import type { DeskHost } from "../desk/desk-host.js";
import { memoryKeychain } from "../desk/testing/test-keychains.js";
import type { ActivityEvent, DeskApi, DeskError, ProfileView, SandboxStatus } from "../desk-api.js";
import { REQUEST_HEADER } from "./bridge-protocol.js";
import { bridgeCookieName } from "./bridge-token.js";
import { startWebBridge, type WebBridge } from "./start-web-bridge.js";
import { openBridgePage } from "./testing/bridge-page.js";

/** The real DeskApi behind the bridge, started the way `npm run web` starts it (local sandbox on). */
const ADMIN_KEY = "wxdesk-admin-key-that-must-never-leave-node-0123456789";

let root: string;
let host: DeskHost;
let bridge: WebBridge;
let wxdesk: DeskApi;
/** Every byte the bridge sent to the page, for the secret check at the end. */
const wire: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "wxdesk-real-bridge-"));
  await writeFile(join(root, "index.html"), "<!doctype html><head></head>");
  host = await createDeskHost(
    { dataDir: join(root, "data"), transport: "web", appVersion: "0.1.0-test", startLocalSandbox: true },
    { keychain: memoryKeychain() },
  );
  bridge = await startWebBridge({ host, rendererDir: root });
  ({ wxdesk } = await openBridgePage(bridge));
}, 120_000);

afterAll(async () => {
  await bridge?.close();
  await host?.close();
  await rm(root, { recursive: true, force: true });
});

const cookie = () => `${bridgeCookieName(bridge.port)}=${bridge.token}`;
const post = async (body: unknown) => {
  const response = await rawRequest(bridge.port, {
    method: "POST",
    path: "/api/call",
    headers: { cookie: cookie(), "content-type": "application/json", [REQUEST_HEADER]: "1" },
    body: JSON.stringify(body),
  });
  wire.push(response.body);
  return response;
};

describe("the web bridge in front of the real createDeskHost", () => {
  it("reports the web transport and a running local sandbox on loopback", async () => {
    const info = await wxdesk.app.info();
    expect(info).toMatchObject({ transport: "web", version: "0.1.0-test" });
    const status: SandboxStatus = await wxdesk.sandbox.status();
    expect(status.running).toBe(true);
    expect(status.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    wire.push(JSON.stringify(info), JSON.stringify(status));
  });

  it("answers bad arguments with 400 bad_input in zh + en, from the real validation", async () => {
    const response = await post({ method: "menu.history", args: ["ten"] });
    expect(response.status).toBe(400);
    const { error } = JSON.parse(response.body) as { error: DeskError };
    expect(error).toMatchObject({ code: "bad_input", message: expect.stringContaining("menu.history") });
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it("takes an admin key in and never sends it back (responses or events)", async () => {
    const events: ActivityEvent[] = [];
    const stop = wxdesk.activity.subscribe((event) => events.push(event));
    const added = await post({
      method: "profiles.add",
      args: [{ name: "正式号", serverUrl: "https://wx.example.com", role: "admin", key: ADMIN_KEY }],
    });
    expect(added.status).toBe(200);
    const profile = (JSON.parse(added.body) as { result: ProfileView }).result;
    expect(profile).toMatchObject({ name: "正式号", keySet: true });
    const list = await post({ method: "profiles.list", args: [] });
    expect(JSON.parse(list.body).result.profiles).toContainEqual(
      expect.objectContaining({ id: profile.id, keySet: true }),
    );
    stop();
    wire.push(JSON.stringify(events));
    expect(wire.join("\n")).not.toContain(ADMIN_KEY);
  });

  // What the renderer's app shell reads (app-store.ts: info, profiles, the sandbox, switching to a profile and
  // testing it), through the page's real bridge.js and the real DeskApi: the key added above never comes
  // back, not in a result and not in an error — the renderer's own tests run on a memory fake, which
  // cannot prove this.
  it("everything the app shell reads about a profile with a key holds no key, failures included", async () => {
    const key = `${ADMIN_KEY}-shell`;
    const seen: unknown[] = [];
    const { activeId: before } = await wxdesk.profiles.list();
    const added = await wxdesk.profiles.add({
      name: "连不上的号",
      serverUrl: "http://127.0.0.1:9",
      role: "admin",
      key,
    });
    seen.push(added, await wxdesk.app.info(), await wxdesk.profiles.list(), await wxdesk.sandbox.status());
    await wxdesk.profiles.setActive(added.id);
    seen.push(await wxdesk.profiles.list());
    const tested = await wxdesk.profiles.testConnection(added.id).catch((error: unknown) => error);
    seen.push(tested);
    seen.push(await wxdesk.menu.history().catch((error: unknown) => error));
    await wxdesk.profiles.setActive(before);
    // The calls really happened: the profile is listed, the test really failed (nothing listens on :9).
    expect(JSON.stringify(seen)).toContain("连不上的号");
    expect(JSON.stringify(tested)).not.toMatch(/"ok":true/);
    expect(JSON.stringify(seen)).not.toContain(key);
    expect(JSON.stringify(seen)).not.toContain(ADMIN_KEY);
  }, 60_000);

  it("streams the real activity: publishing a menu in the local sandbox arrives as a `menu` event", async () => {
    const frames = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: bridge.port, path: "/api/events", headers: { cookie: cookie() } },
        (res) => {
          let text = "";
          let published = false;
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
            if (!published && text.includes(": connected")) {
              published = true;
              post({
                method: "menu.publish",
                args: [{ button: [{ type: "click", name: "签到", key: "SIGN_IN" }] }],
              }).catch(reject);
            }
            const at = text.indexOf("event: activity");
            if (at !== -1 && text.includes('"type":"menu"', at)) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on("error", (error) => {
        if (!("code" in error && error.code === "ECONNRESET")) reject(error);
      });
      req.end();
    });
    const data = frames
      .split("\n")
      .find((line) => line.startsWith("data: ") && line.includes('"type":"menu"'));
    expect(JSON.parse(data?.slice("data: ".length) ?? "{}")).toMatchObject({
      type: "menu",
      data: { kind: "publish" },
    });
    wire.push(frames);
    expect(wire.join("\n")).not.toContain(ADMIN_KEY);
  }, 60_000);
});
