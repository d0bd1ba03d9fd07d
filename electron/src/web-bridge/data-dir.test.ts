import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { adoptLegacyDataDir, bridgeDataDir, legacyBridgeDataDir } from "./data-dir.js";

describe("bridgeDataDir: the desktop app's folder (Electron's appData/wxdesk)", () => {
  it("uses WXDESK_DATA_DIR when set, made absolute", () => {
    expect(bridgeDataDir({ WXDESK_DATA_DIR: "/srv/wxdesk" }, "linux", "/home/a")).toBe("/srv/wxdesk");
    expect(bridgeDataDir({ WXDESK_DATA_DIR: "data/web" }, "linux", "/home/a")).toBe(resolve("data/web"));
  });

  it("on Linux: $XDG_CONFIG_HOME/wxdesk, else ~/.config/wxdesk — where npm start keeps its data", () => {
    expect(bridgeDataDir({}, "linux", "/home/a")).toBe("/home/a/.config/wxdesk");
    expect(bridgeDataDir({ XDG_CONFIG_HOME: "/xdg" }, "linux", "/home/a")).toBe("/xdg/wxdesk");
    expect(bridgeDataDir({ WXDESK_DATA_DIR: "  " }, "linux", "/home/a")).toBe("/home/a/.config/wxdesk");
  });

  it("on macOS and Windows: Application Support and %APPDATA%, as Electron's appData", () => {
    expect(bridgeDataDir({}, "darwin", "/Users/a")).toBe("/Users/a/Library/Application Support/wxdesk");
    expect(bridgeDataDir({ APPDATA: "C:\\Users\\a\\AppData\\Roaming" }, "win32", "C:\\Users\\a")).toBe(
      join("C:\\Users\\a\\AppData\\Roaming", "wxdesk"),
    );
  });

  it("names the folder the web version used before (none on macOS, none with WXDESK_DATA_DIR)", () => {
    expect(legacyBridgeDataDir({}, "linux", "/home/a")).toBe("/home/a/.local/share/wxdesk");
    expect(legacyBridgeDataDir({}, "darwin", "/Users/a")).toBeUndefined();
    expect(legacyBridgeDataDir({ WXDESK_DATA_DIR: "/srv" }, "linux", "/home/a")).toBeUndefined();
  });
});

describe("adoptLegacyDataDir", () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("moves the old web folder when the shared one does not exist yet; leaves both when it does", async () => {
    root = mkdtempSync(join(tmpdir(), "wxdesk-legacy-"));
    const legacy = join(root, "share", "wxdesk");
    const shared = join(root, "config", "wxdesk");
    mkdirSync(legacy, { recursive: true });
    writeFileSync(join(legacy, "settings.json"), '{"lang":"en"}');
    expect(await adoptLegacyDataDir(legacy, shared)).toBe("moved");
    expect(readFileSync(join(shared, "settings.json"), "utf8")).toBe('{"lang":"en"}');
    expect(existsSync(legacy)).toBe(false);

    mkdirSync(legacy, { recursive: true });
    writeFileSync(join(legacy, "settings.json"), '{"lang":"zh-CN"}');
    expect(await adoptLegacyDataDir(legacy, shared)).toBe("left");
    expect(readFileSync(join(shared, "settings.json"), "utf8")).toBe('{"lang":"en"}');
    expect(await adoptLegacyDataDir(join(root, "nothing"), shared)).toBe("none");
    expect(await adoptLegacyDataDir(undefined, shared)).toBe("none");
  });
});
