import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@wxdesk/callback-server";
import { afterEach, describe, expect, it } from "vitest";
import { createDeskHost } from "./create-desk-host.js";
import type { DeskHost } from "./desk-host.js";
import { tempDataDir } from "./testing/temp-data-dir.js";
import { memoryKeychain } from "./testing/test-keychains.js";

const opened: Array<{ host: DeskHost; remove?: () => void }> = [];
afterEach(async () => {
  for (const { host, remove } of opened.splice(0)) {
    await host.close();
    remove?.();
  }
});

async function open(dataDir: string, remove?: () => void): Promise<DeskHost> {
  const host = await createDeskHost(
    { dataDir, transport: "web", appVersion: "9.9.9" },
    { keychain: memoryKeychain() },
  );
  opened.push({ host, ...(remove ? { remove } : {}) });
  return host;
}

describe("settings.json", () => {
  it("first run: zh-CN, system theme, no plaintext keys, the local profile active", async () => {
    const dir = tempDataDir();
    const host = await open(dir.path, dir.remove);
    const info = await host.api.app.info();
    expect(info).toMatchObject({
      version: "9.9.9",
      transport: "web",
      platform: process.platform,
      settings: { lang: "zh-CN", theme: "system", allowPlaintextKeys: false },
      keychain: { available: true },
    });
    expect(info.settingsRecovery).toBeUndefined();
    const { profiles, activeId } = await host.api.profiles.list();
    expect(activeId).toBe("local");
    expect(profiles).toEqual([
      {
        id: "local",
        name: "本地沙箱",
        serverUrl: "",
        role: "admin",
        keySet: false,
        keyStorage: "none",
        local: true,
      },
    ]);
  });

  it("saved settings are written and read back by the next start", async () => {
    const dir = tempDataDir();
    const first = await open(dir.path, dir.remove);
    expect(await first.api.app.saveSettings({ lang: "en", theme: "dark" })).toEqual({
      lang: "en",
      theme: "dark",
      allowPlaintextKeys: false,
    });
    const onDisk = JSON.parse(readFileSync(join(dir.path, "settings.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(onDisk).toMatchObject({ version: 1, lang: "en", theme: "dark", activeId: "local" });
    const second = await open(dir.path);
    expect((await second.api.app.info()).settings).toEqual({
      lang: "en",
      theme: "dark",
      allowPlaintextKeys: false,
    });
    expect((await second.api.profiles.list()).profiles[0]?.name).toBe("Local sandbox");
  });

  it.each([
    ["not JSON", "{ lang: zh"],
    ["wrong kinds", JSON.stringify({ version: 1, lang: "klingon", profiles: "none" })],
  ])("a corrupt file (%s) is kept aside, defaults are used, nothing crashes", async (_name, content) => {
    const dir = tempDataDir();
    writeFileSync(join(dir.path, "settings.json"), content);
    const host = await open(dir.path, dir.remove);
    const info = await host.api.app.info();
    expect(info.settings).toEqual({ lang: "zh-CN", theme: "system", allowPlaintextKeys: false });
    const kept = readdirSync(dir.path).filter((f) => f.startsWith("settings.json.broken-"));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir.path, kept[0]!), "utf8")).toBe(content);
    expect(info.settingsRecovery?.file).toBe(kept[0]);
    expect(info.settingsRecovery?.messageZh).toContain("设置文件无法读取");
    // The app keeps working: the next save writes a good file again.
    await host.api.app.saveSettings({ theme: "light" });
    expect(JSON.parse(readFileSync(join(dir.path, "settings.json"), "utf8"))).toMatchObject({
      theme: "light",
    });
  });

  it("an active profile that no longer exists falls back to the local one", async () => {
    const dir = tempDataDir();
    writeFileSync(join(dir.path, "settings.json"), JSON.stringify({ version: 1, activeId: "p-gone" }));
    const host = await open(dir.path, dir.remove);
    expect((await host.api.profiles.list()).activeId).toBe("local");
  });
});

describe("menu drafts", () => {
  it("one file per profile, written and read back; a broken draft file reads as none", async () => {
    const dir = tempDataDir();
    const host = await open(dir.path, dir.remove);
    expect(await host.api.menu.loadDraft()).toBeNull();
    const menu = { button: [{ type: "click" as const, name: "签到", key: "SIGN_IN" }] };
    const saved = await host.api.menu.saveDraft(menu);
    expect(saved.menu).toEqual(menu);
    expect(await host.api.menu.loadDraft()).toEqual(saved);
    const file = join(dir.path, "drafts", "local.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(saved);

    const other = await host.api.profiles.add({
      name: "生产",
      serverUrl: `http://127.0.0.1:${await freePort()}`,
      role: "admin",
      key: "k".repeat(30),
    });
    await host.api.profiles.setActive(other.id);
    expect(await host.api.menu.loadDraft()).toBeNull();

    writeFileSync(file, "not json");
    await host.api.profiles.setActive("local");
    expect(await host.api.menu.loadDraft()).toBeNull();
    expect(readdirSync(join(dir.path, "drafts")).some((f) => f.startsWith("local.json.broken-"))).toBe(true);
  });
});
