import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDeskHost } from "../create-desk-host.js";
import { newLocalKeys } from "../local/local-server-config.js";
import { tempDataDir } from "../testing/temp-data-dir.js";
import { createKeytarKeychain, type KeytarLike } from "./keytar-keychain.js";

/**
 * The real OS keychain through keytar. It needs a D-Bus session with an unlocked Secret Service:
 *   dbus-run-session -- sh -c 'echo -n <password> | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run electron/src/desk/keys'
 * (CI runs every test that way). Elsewhere these tests are skipped with the reason printed,
 * except under CI=true, where a missing keychain is a failure. Each run uses its own service name,
 * so it never touches the app's `wxdesk` entries.
 */
const service = `wxdesk-test-${randomUUID()}`;
const keychain = createKeytarKeychain({ service });
/** Usable = it answers AND takes a write (a locked keyring answers reads but refuses writes). */
async function usable(): Promise<{ available: boolean; reason?: string }> {
  const read = await keychain.status();
  if (!read.available) return read;
  try {
    await keychain.set("probe", "probe-value");
    await keychain.delete("probe");
    return { available: true };
  } catch (error) {
    return { available: false, reason: (error as Error).message };
  }
}
const status = await usable();
if (!status.available) {
  const why = `[wxdesk] no usable OS keychain (${status.reason}): skipping the real-keychain tests. Run them inside dbus-run-session with gnome-keyring unlocked.`;
  if (process.env.CI === "true") throw new Error(`${why} CI=true requires them.`);
  console.warn(why);
}

const keytar = async (): Promise<KeytarLike> => {
  const module = (await import("keytar")) as KeytarLike & { default?: KeytarLike };
  return module.default ?? module;
};
const written: string[] = [];
afterAll(async () => {
  if (!status.available) return;
  for (const account of written) await (await keytar()).deletePassword(service, account).catch(() => false);
});

describe.skipIf(!status.available)("the keytar keychain, for real", () => {
  it("stores, reads and deletes a key under service + profile id", async () => {
    const id = "p-roundtrip";
    written.push(id);
    expect(await keychain.get(id)).toBeNull();
    await keychain.set(id, "a-key-0123456789-abcdefghijkl");
    expect(await keychain.get(id)).toBe("a-key-0123456789-abcdefghijkl");
    expect(await (await keytar()).getPassword(service, id)).toBe("a-key-0123456789-abcdefghijkl");
    await keychain.delete(id);
    expect(await keychain.get(id)).toBeNull();
  });

  it("a profile's key goes to the keychain, comes back for the server, leaves no file, goes with the profile", async () => {
    const dir = tempDataDir();
    const localKeys = newLocalKeys();
    const host = await createDeskHost(
      { dataDir: dir.path, transport: "electron", appVersion: "1.0.0", startLocalSandbox: true },
      { keychain, localKeys },
    );
    try {
      expect((await host.api.app.info()).keychain).toEqual({ available: true });
      const { serverUrl = "" } = await host.api.sandbox.status();
      const view = await host.api.profiles.add({
        name: "客服",
        serverUrl,
        role: "support",
        key: localKeys.supportKey,
      });
      written.push(view.id);
      expect(view).toMatchObject({ keySet: true, keyStorage: "keychain" });
      expect(await (await keytar()).getPassword(service, view.id)).toBe(localKeys.supportKey);
      expect(existsSync(join(dir.path, "keys.json"))).toBe(false);
      expect(readFileSync(join(dir.path, "settings.json"), "utf8")).not.toContain(localKeys.supportKey);

      // The key read back from the keychain is the one the server accepts.
      const test = await host.api.profiles.testConnection(view.id);
      expect(test).toMatchObject({ ok: true, role: "support" });
      expect(JSON.stringify(test)).not.toContain(localKeys.supportKey);

      await host.api.profiles.remove(view.id);
      expect(await (await keytar()).getPassword(service, view.id)).toBeNull();
    } finally {
      await host.close();
      dir.remove();
    }
  });
});
