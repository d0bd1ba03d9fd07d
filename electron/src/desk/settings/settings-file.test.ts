import { afterEach, describe, expect, it } from "vitest";
import { tempDataDir } from "../testing/temp-data-dir.js";
import { SettingsFile } from "./settings-file.js";

let dir: ReturnType<typeof tempDataDir>;
afterEach(() => dir.remove());

describe("SettingsFile shared by two copies of the app (npm start and npm run web use one folder)", () => {
  it("a change made by one copy is not written over by the other's older copy", async () => {
    dir = tempDataDir();
    const desktop = new SettingsFile(dir.path);
    const web = new SettingsFile(dir.path);
    await desktop.load();
    await web.load();
    await web.update((s) => {
      s.profiles.push({
        id: "p1",
        name: "正式号",
        serverUrl: "https://wx.example.com",
        role: "admin",
        keyStorage: "keychain",
      });
    });
    const saved = await desktop.update((s) => {
      s.theme = "dark";
    });
    expect(saved.theme).toBe("dark");
    expect(saved.profiles.map((p) => p.id)).toEqual(["p1"]);
    const again = new SettingsFile(dir.path);
    expect((await again.load()).profiles.map((p) => p.id)).toEqual(["p1"]);
  });
});
