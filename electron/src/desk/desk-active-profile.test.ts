import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActivityEvent, ProfileView, SandboxUserView } from "../desk-api.js";
import { AdminClient } from "./admin/admin-client.js";
import { versionAnswerShape } from "./admin/admin-shapes.js";
import { createDeskHost } from "./create-desk-host.js";
import type { DeskHost } from "./desk-host.js";
import { LocalSandbox } from "./local/local-sandbox.js";
import { newLocalKeys } from "./local/local-server-config.js";
import { tempDataDir } from "./testing/temp-data-dir.js";
import { memoryKeychain } from "./testing/test-keychains.js";

/** A second, independent server (its own sandbox and database) standing in for a deployed one. */
const otherDir = tempDataDir();
const otherKeys = newLocalKeys();
const other = new LocalSandbox({ dataDir: otherDir.path, keys: otherKeys });
const dir = tempDataDir();
let host: DeskHost;
const received: ActivityEvent[] = [];
let waiting: Array<[(e: ActivityEvent) => boolean, () => void]> = [];
const arrival = (match: (e: ActivityEvent) => boolean) =>
  received.some(match) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push([match, resolve]));

beforeAll(async () => {
  await other.start();
  host = await createDeskHost(
    { dataDir: dir.path, transport: "electron", appVersion: "1.0.0", startLocalSandbox: true },
    { keychain: memoryKeychain() },
  );
  host.api.activity.subscribe((event) => {
    received.push(event);
    const done = waiting.filter(([match]) => match(event));
    waiting = waiting.filter(([match]) => !match(event));
    for (const [, resolve] of done) resolve();
  });
}, 60_000);

afterAll(async () => {
  await host?.close();
  await other.stop();
  dir.remove();
  otherDir.remove();
});

describe("the activity stream follows the active profile", () => {
  it("switching to another server streams its events (its ids start low again); the old one's stop", async () => {
    const serverUrl = other.status().serverUrl ?? "";
    const profile: ProfileView = await host.api.profiles.add({
      name: "另一台服务器",
      serverUrl,
      role: "admin",
      key: otherKeys.adminKey,
    });
    const localUser = (await host.api.sandbox.users())[0] as SandboxUserView;

    // On the local server first: a tap makes a `message` event that reaches us.
    await host.api.sandbox.tapMenu({ openid: localUser.openid, key: "BEFORE" });
    await arrival((e) => e.type === "message" && e.data.eventKey === "BEFORE");

    await host.api.profiles.setActive(profile.id);
    expect((await host.api.activity.status()).error).toBeUndefined();

    // The local server still makes events, but nobody listens there any more.
    await host.api.sandbox.tapMenu({ openid: localUser.openid, key: "AFTER" });
    const published = await new AdminClient({ baseUrl: serverUrl, key: otherKeys.adminKey }).request(
      { method: "PUT", path: "menu", body: { button: [{ type: "click", name: "远程", key: "REMOTE" }] } },
      versionAnswerShape,
    );
    await arrival((e) => e.type === "menu" && e.data.versionId === published.version.id);
    expect(received.some((e) => e.data.eventKey === "AFTER")).toBe(false);
    // The other server's first event has a small id, below the local stream's last one: still delivered.
    expect(published.version.id).toBe(1);

    // Back to local: its stream starts again from its newest event.
    await host.api.profiles.setActive("local");
    await host.api.activity.status();
    await host.api.sandbox.tapMenu({ openid: localUser.openid, key: "AGAIN" });
    await arrival((e) => e.type === "message" && e.data.eventKey === "AGAIN");
    expect(received.some((e) => e.data.eventKey === "AFTER")).toBe(false);
  });
});
