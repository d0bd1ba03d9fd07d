import { afterEach, describe, expect, it } from "vitest";
import { useAppStore } from "../../app/app-store.js";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { useSettingsStore } from "./settings-store.js";

const KEY = "wxdesk-admin-key-0123456789abcdef";
const store = () => useSettingsStore.getState();
const app = () => useAppStore.getState();

function fill(name: string, serverUrl: string, key = KEY) {
  store().setField("name", name);
  store().setField("serverUrl", serverUrl);
  store().setField("key", key);
}

afterEach(() => {
  useSettingsStore.getState().reset();
  uninstallDesk();
});

describe("settings store: connections", () => {
  it("adds a connection, hands the key to the app once, and forgets it", async () => {
    const desk = await installMemoryDesk();
    store().openAdd();
    fill("官方旗舰店", " https://wx.example.com ");
    expect(await store().submitForm()).toBe(true);
    expect(store().form).toBeUndefined();
    const added = app().profiles.find((p) => p.name === "官方旗舰店");
    expect(added).toMatchObject({
      serverUrl: "https://wx.example.com",
      keySet: true,
      keyStorage: "keychain",
    });
    expect(desk.state.keys.get(added?.id ?? "")).toBe(KEY);
    // What the renderer holds about profiles never contains the key.
    expect(JSON.stringify(app().profiles)).not.toContain(KEY);
    expect(JSON.stringify(store())).not.toContain(KEY);
  });

  it("does not send a form with problems, and shows them only after trying", async () => {
    const desk = await installMemoryDesk();
    store().openAdd();
    expect(store().form?.submitted).toBe(false);
    fill("店", "wx.example.com", "short");
    expect(await store().submitForm()).toBe(false);
    expect(store().form?.submitted).toBe(true);
    expect(desk.calls).not.toContain("profiles.add");
  });

  it("edits without touching the key unless asked to change it", async () => {
    const desk = await installMemoryDesk();
    store().openAdd();
    fill("店", "https://wx.example.com");
    await store().submitForm();
    const id = app().profiles.find((p) => p.name === "店")?.id ?? "";

    store().openEdit(id);
    expect(store().form?.values.key).toBe("");
    store().setField("role", "support");
    await store().submitForm();
    expect(app().profiles.find((p) => p.id === id)?.role).toBe("support");
    expect(desk.state.keys.get(id)).toBe(KEY);

    store().openEdit(id);
    const before = desk.calls.length;
    await store().submitForm();
    expect(desk.calls.slice(before)).not.toContain("profiles.edit");

    store().openEdit(id);
    store().setField("changeKey", true);
    store().setField("key", `${KEY}-new`);
    await store().submitForm();
    expect(desk.state.keys.get(id)).toBe(`${KEY}-new`);
  });

  it("never offers to edit or remove the built-in local sandbox", async () => {
    await installMemoryDesk();
    const local = app().profiles.find((p) => p.local);
    store().openEdit(local?.id ?? "");
    store().askRemove(local?.id ?? "");
    expect(store().form).toBeUndefined();
    expect(store().removingId).toBeUndefined();
  });

  it("removes a connection after confirmation", async () => {
    const desk = await installMemoryDesk();
    store().openAdd();
    fill("店", "https://wx.example.com");
    await store().submitForm();
    const id = app().profiles.find((p) => p.name === "店")?.id ?? "";
    store().askRemove(id);
    expect(store().removingId).toBe(id);
    await store().confirmRemove();
    expect(desk.state.profiles.map((p) => p.id)).not.toContain(id);
    expect(app().profiles.map((p) => p.id)).not.toContain(id);
  });

  it("keeps each connection's test result", async () => {
    const desk = await installMemoryDesk();
    await store().testConnection("local");
    expect(store().checks.local?.result).toMatchObject({ ok: true, latencyMs: 12, role: "admin" });
    desk.state.connectionOk = false;
    await store().testConnection("local");
    expect(store().checks.local?.result?.error?.code).toBe("network");
  });
});

describe("settings store: keys without a keychain", () => {
  const DOWN = {
    available: false,
    reasonZh: "系统钥匙串服务没有运行",
    reason: "No system keychain is running",
  };

  it("says why a key could not be saved while no consent was given", async () => {
    await installMemoryDesk({ keychain: DOWN });
    await store().loadKeychain();
    expect(store().keychain?.available).toBe(false);
    store().openAdd();
    fill("店", "https://wx.example.com");
    expect(await store().submitForm()).toBe(false);
    expect(store().form?.error?.code).toBe("keychain_unavailable");
  });

  it("keeps keys in the file only after the explicit choice, and says so on the profile", async () => {
    const desk = await installMemoryDesk({ keychain: DOWN });
    await store().setPlaintextKeys(true);
    expect(desk.state.settings.allowPlaintextKeys).toBe(true);
    expect(app().settings.allowPlaintextKeys).toBe(true);
    store().openAdd();
    fill("店", "https://wx.example.com");
    expect(await store().submitForm()).toBe(true);
    expect(app().profiles.find((p) => p.name === "店")?.keyStorage).toBe("plaintext");
  });
});
