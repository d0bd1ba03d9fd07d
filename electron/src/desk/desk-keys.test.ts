import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@wxdesk/callback-server";
import { afterEach, describe, expect, it } from "vitest";
import type { DeskError } from "../desk-api.js";
import { createDeskHost } from "./create-desk-host.js";
import type { DeskHost } from "./desk-host.js";
import { tempDataDir } from "./testing/temp-data-dir.js";
import { memoryKeychain, unavailableKeychain } from "./testing/test-keychains.js";

const KEY = "wxdesk-test-key-0123456789-abcdefghij";
// A port nothing listens on: an active remote profile's activity stream fails fast, offline.
const SERVER = `http://127.0.0.1:${await freePort()}`;

const opened: Array<{ host: DeskHost; remove: () => void }> = [];
afterEach(async () => {
  for (const { host, remove } of opened.splice(0)) {
    await host.close();
    remove();
  }
});

async function open(keychain = unavailableKeychain()) {
  const dir = tempDataDir();
  const host = await createDeskHost(
    { dataDir: dir.path, transport: "electron", appVersion: "1.0.0" },
    { keychain },
  );
  opened.push({ host, remove: dir.remove });
  return { host, dir: dir.path };
}

async function rejection(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    return error as DeskError;
  }
  throw new Error("expected a rejection");
}

const input = { name: "正式号", serverUrl: SERVER, role: "admin" as const, key: KEY };

describe("keys when no keychain answers", () => {
  it("app.info says so, with a reason in both languages", async () => {
    const { host } = await open();
    const { keychain } = await host.api.app.info();
    expect(keychain.available).toBe(false);
    expect(keychain.reasonZh).toContain("系统钥匙串服务没有运行");
    expect(keychain.reason).toContain("No system keychain is running");
  });

  it("without consent: adding a key is refused (keychain_unavailable) and nothing is written", async () => {
    const { host, dir } = await open();
    const error = await rejection(host.call("profiles.add", [input]));
    expect(error.code).toBe("keychain_unavailable");
    expect(error.messageZh).toContain("密钥未保存");
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(existsSync(join(dir, "keys.json"))).toBe(false);
    expect((await host.api.profiles.list()).profiles).toHaveLength(1);
  });

  it("with consent: the key goes to keys.json (0600), the profile says plaintext, settings.json has no key", async () => {
    const { host, dir } = await open();
    await host.api.app.saveSettings({ allowPlaintextKeys: true });
    const view = (await host.call("profiles.add", [input])) as {
      id: string;
      keySet: boolean;
      keyStorage: string;
    };
    expect(view).toMatchObject({ keySet: true, keyStorage: "plaintext", local: false, serverUrl: SERVER });
    expect(JSON.stringify(view)).not.toContain(KEY);

    const keysFile = join(dir, "keys.json");
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keysFile, "utf8"))).toEqual({ version: 1, keys: { [view.id]: KEY } });
    const settings = readFileSync(join(dir, "settings.json"), "utf8");
    expect(settings).not.toContain(KEY);
    expect(JSON.parse(settings).profiles).toEqual([
      { id: view.id, name: "正式号", serverUrl: SERVER, role: "admin", keyStorage: "plaintext" },
    ]);
    const listed = await host.api.profiles.list();
    expect(listed.profiles[1]).toMatchObject({ id: view.id, keySet: true, keyStorage: "plaintext" });
    expect(JSON.stringify(listed)).not.toContain(KEY);

    // Taking consent back while a key lives in the file, with no keychain to move it to: refused.
    const refused = await rejection(host.api.app.saveSettings({ allowPlaintextKeys: false }));
    expect(refused.code).toBe("plaintext_keys_in_use");
    expect((await host.api.app.info()).settings.allowPlaintextKeys).toBe(true);

    // Removing the profile removes its key from the file.
    await host.api.profiles.remove(view.id);
    expect(JSON.parse(readFileSync(keysFile, "utf8"))).toEqual({ version: 1, keys: {} });
  });

  it("a locked keychain is said in words too", async () => {
    const { host } = await open(unavailableKeychain("Cannot create an item in a locked collection"));
    expect((await host.api.app.info()).keychain.reasonZh).toContain("已锁定");
  });
});

describe("keys in a keychain that answers", () => {
  it("the key is in the keychain under the profile id, never in a file or an answer; edit and remove follow", async () => {
    const keychain = memoryKeychain();
    const { host, dir } = await open(keychain);
    const view = await host.api.profiles.add(input);
    expect(view).toMatchObject({ keySet: true, keyStorage: "keychain" });
    expect(keychain.entries.get(view.id)).toBe(KEY);
    expect(existsSync(join(dir, "keys.json"))).toBe(false);
    expect(readFileSync(join(dir, "settings.json"), "utf8")).not.toContain(KEY);

    const edited = await host.api.profiles.edit(view.id, { name: "改名", key: `${KEY}-2` });
    expect(edited).toMatchObject({ name: "改名", keySet: true, keyStorage: "keychain" });
    expect(keychain.entries.get(view.id)).toBe(`${KEY}-2`);
    expect(JSON.stringify(edited)).not.toContain(KEY);

    // An entry deleted behind the app's back shows as "no key", and admin calls say so in words.
    keychain.entries.delete(view.id);
    await host.api.profiles.setActive(view.id);
    expect((await host.api.profiles.list()).profiles[1]).toMatchObject({ keySet: false, keyStorage: "none" });
    expect((await rejection(host.api.menu.live())).code).toBe("no_key");

    await host.api.profiles.remove(view.id);
    expect((await host.api.profiles.list()).activeId).toBe("local");
  });

  it("the local profile cannot be edited or removed", async () => {
    const { host } = await open(memoryKeychain());
    expect((await rejection(host.api.profiles.remove("local"))).code).toBe("local_profile");
    expect((await rejection(host.api.profiles.edit("local", { name: "x" }))).code).toBe("local_profile");
  });

  it("testConnection to a server that is not there explains it in words", async () => {
    const { host } = await open(memoryKeychain());
    const view = await host.api.profiles.add(input);
    const test = await host.api.profiles.testConnection(view.id);
    expect(test.ok).toBe(false);
    expect(test.error?.code).toBe("network");
    expect(test.error?.messageZh).toContain("连接被拒绝");
    expect(test.error?.message).toContain("refused");
    expect(JSON.stringify(test)).not.toContain(KEY);
  });
});
