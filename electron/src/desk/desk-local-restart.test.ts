import { readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import type { Menu } from "@wxdesk/wechat";
import { afterEach, describe, expect, it } from "vitest";
import type {
  ActivityEvent,
  BuiltLinks,
  ConnectionTest,
  LiveMenu,
  MenuVersionView,
  PublishResult,
  SandboxStatus,
} from "../desk-api.js";
import { createDeskHost } from "./create-desk-host.js";
import { authorizeThroughSandbox, type LocalDesk, startLocalDesk } from "./testing/local-desk.js";
import { tempDataDir } from "./testing/temp-data-dir.js";
import { memoryKeychain } from "./testing/test-keychains.js";

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function desk(dataDir?: string): Promise<LocalDesk> {
  const d = await startLocalDesk(dataDir ? { dataDir } : {});
  cleanup.push(() => d.close());
  return d;
}

async function folder(): Promise<string> {
  const dir = tempDataDir();
  cleanup.push(() => dir.remove());
  return dir.path;
}

/** Holds a loopback port the way another program would. */
async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return server;
}

/** Publishes a menu whose 「我的主页」 button carries the local server's start link; adds a personalised menu. */
async function publishWithLink(d: LocalDesk): Promise<{ links: BuiltLinks; menu: Menu; versionId: number }> {
  const links = await d.rec.call<BuiltLinks>("links.build", { scope: "snsapi_userinfo", next: "/" });
  const menu: Menu = {
    button: [
      { type: "view", name: "我的主页", url: links.startUrl },
      { type: "click", name: "签到", key: "SIGN_IN" },
    ],
  };
  const published = await d.rec.call<PublishResult>("menu.publish", menu);
  expect(published.ok).toBe(true);
  await d.rec.call("menu.addConditional", {
    button: [{ type: "view", name: "会员主页", url: links.startUrl }],
    matchrule: { tag_id: "100" },
  });
  return { links, menu, versionId: published.versionId ?? -1 };
}

const names = (live: LiveMenu) => ({
  menu: live.menu?.button.map((b) => b.name),
  conditional: live.conditional.map((c) => c.button.map((b) => b.name)),
});

async function alarms(d: LocalDesk): Promise<ActivityEvent[]> {
  const recent = await d.rec.call<ActivityEvent[]>("activity.recent", 200);
  return recent.filter((e) => e.type === "token_superseded" || e.type === "failure");
}

describe("the local sandbox keeps its addresses and what it knows", () => {
  it("stop → start: same addresses, the menu and its personalised menu still live, the link still works, no alarm", async () => {
    const d = await desk();
    const { links, versionId } = await publishWithLink(d);
    const before = names(await d.rec.call<LiveMenu>("menu.live"));

    expect(await d.rec.call("sandbox.stop")).toEqual({ running: false });
    const again = await d.rec.call<SandboxStatus>("sandbox.start");
    expect(again).toEqual({ running: true, sandboxUrl: d.status.sandboxUrl, serverUrl: d.status.serverUrl });

    expect(names(await d.rec.call<LiveMenu>("menu.live"))).toEqual(before);
    expect(before.menu).toEqual(["我的主页", "签到"]);
    expect(before.conditional).toEqual([["会员主页"]]);
    const history = await d.rec.call<MenuVersionView[]>("menu.history", 5);
    expect(history[0]).toMatchObject({ id: versionId, kind: "publish" });
    // The published start link (its address, its signature) still leads to a consent and a user.
    await authorizeThroughSandbox(d.status.sandboxUrl, links.startUrl, d.byName("王芳").openid);
    expect(await alarms(d)).toEqual([]);
  });

  it("the whole app restarts on the same data folder (npm run web again): same addresses, same menu, ports in settings.json", async () => {
    const dataDir = await folder();
    const first = await desk(dataDir);
    const { links } = await publishWithLink(first);
    const firstStatus = first.status;
    await first.close();

    const second = await desk(dataDir);
    expect(second.status).toEqual(firstStatus);
    expect(names(await second.rec.call<LiveMenu>("menu.live"))).toEqual({
      menu: ["我的主页", "签到"],
      conditional: [["会员主页"]],
    });
    await authorizeThroughSandbox(second.status.sandboxUrl, links.startUrl, second.byName("张伟").openid);
    const settings = JSON.parse(readFileSync(join(dataDir, "settings.json"), "utf8"));
    expect(settings.localSandbox).toEqual({
      sandboxPort: Number(new URL(firstStatus.sandboxUrl).port),
      serverPort: Number(new URL(firstStatus.serverUrl).port),
    });
    expect(await alarms(second)).toEqual([]);
  });

  it("the local profile tried as support staff stays so after a restart, with that run's own support key", async () => {
    const dataDir = await folder();
    const first = await desk(dataDir);
    await first.rec.call("profiles.edit", "local", { role: "support" });
    await first.close();
    const second = await desk(dataDir);
    const { profiles } = await second.rec.call<{ profiles: Array<{ id: string; role: string }> }>(
      "profiles.list",
    );
    expect(profiles.find((p) => p.id === "local")?.role).toBe("support");
    expect(await second.rec.call<ConnectionTest>("profiles.testConnection", "local")).toMatchObject({
      ok: true,
      role: "support",
    });
    expect(JSON.parse(readFileSync(join(dataDir, "settings.json"), "utf8")).localRole).toBe("support");
    await second.rec.call("profiles.edit", "local", { role: "admin" });
    expect(JSON.parse(readFileSync(join(dataDir, "settings.json"), "utf8")).localRole).toBeUndefined();
  });

  it("one local sandbox per data folder: a second copy of the app says so, in words, and starts once the first is gone", async () => {
    const dataDir = await folder();
    const first = await desk(dataDir);
    await publishWithLink(first);
    const second = await createDeskHost(
      { dataDir, transport: "web", appVersion: "0.1.0", startLocalSandbox: true },
      { keychain: memoryKeychain() },
    );
    cleanup.push(() => second.close());
    const refused = (await second.call("sandbox.status", [])) as SandboxStatus;
    expect(refused).toMatchObject({ running: false, error: { code: "sandbox_in_use" } });
    expect(refused.error?.messageZh).toContain("另一个副本");
    // The first one is untouched: same address, same menu.
    expect(names(await first.rec.call<LiveMenu>("menu.live")).menu).toEqual(["我的主页", "签到"]);

    await first.close();
    const started = (await second.call("sandbox.start", [])) as SandboxStatus;
    expect(started).toMatchObject({ running: true, serverUrl: first.status.serverUrl });
  });

  it("a remembered port another program holds: starts elsewhere, says where it was, names the links to publish again", async () => {
    const d = await desk();
    await publishWithLink(d);
    const oldServer = d.status.serverUrl;
    await d.rec.call("sandbox.stop");
    await occupy(Number(new URL(oldServer).port));

    const moved = await d.rec.call<SandboxStatus>("sandbox.start");
    expect(moved.running).toBe(true);
    expect(moved.sandboxUrl).toBe(d.status.sandboxUrl);
    expect(moved.serverUrl).not.toBe(oldServer);
    expect(moved.moved).toEqual({ serverFrom: oldServer });
    expect(moved.staleLinks).toEqual([
      { name: "我的主页", url: expect.stringMatching(new RegExp(`^${oldServer}/oauth/start\\?`)) },
      {
        name: "会员主页",
        url: expect.stringMatching(/\/oauth\/start\?/),
        conditionalMenuid: expect.any(String),
      },
    ]);
    expect(await d.rec.call("sandbox.status")).toEqual(moved);

    // Published again with a link of the new address: nothing stale any more; the next start stays here.
    const links = await d.rec.call<BuiltLinks>("links.build", { scope: "snsapi_userinfo", next: "/" });
    expect(links.startUrl.startsWith(`${moved.serverUrl}/`)).toBe(true);
    await d.rec.call("menu.publish", { button: [{ type: "view", name: "我的主页", url: links.startUrl }] });
    const live = await d.rec.call<LiveMenu>("menu.live");
    for (const c of live.conditional) await d.rec.call("menu.deleteConditional", c.menuid);
    expect((await d.rec.call<SandboxStatus>("sandbox.status")).staleLinks).toEqual([]);
    await d.rec.call("sandbox.stop");
    const next = await d.rec.call<SandboxStatus>("sandbox.start");
    expect(next).toMatchObject({ serverUrl: moved.serverUrl, staleLinks: [] });
    expect(next.moved).toBeUndefined();
  });

  it("a sandbox that lost its memory (state file gone): the server's cached global token is dropped, so no false alarm", async () => {
    const d = await desk();
    await publishWithLink(d);
    await d.rec.call("sandbox.stop");
    rmSync(join(d.dataDir, "local", "sandbox-state.json"));

    await d.rec.call("sandbox.start");
    // WeChat (the sandbox) forgot the menu; the server fetches a new token instead of using a dead one.
    expect((await d.rec.call<LiveMenu>("menu.live")).menu).toBeNull();
    const published = await d.rec.call<PublishResult>("menu.publish", {
      button: [{ type: "click", name: "签到", key: "SIGN_IN" }],
    });
    expect(published.ok).toBe(true);
    expect(await alarms(d)).toEqual([]);
  });
});
