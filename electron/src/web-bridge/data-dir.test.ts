import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bridgeDataDir } from "./data-dir.js";

describe("bridgeDataDir", () => {
  it("uses WXDESK_DATA_DIR when set, made absolute", () => {
    expect(bridgeDataDir({ WXDESK_DATA_DIR: "/srv/wxdesk" }, "linux", "/home/a")).toBe("/srv/wxdesk");
    expect(bridgeDataDir({ WXDESK_DATA_DIR: "data/web" }, "linux", "/home/a")).toBe(resolve("data/web"));
  });

  it("on Linux: $XDG_DATA_HOME/wxdesk, else ~/.local/share/wxdesk", () => {
    expect(bridgeDataDir({}, "linux", "/home/a")).toBe("/home/a/.local/share/wxdesk");
    expect(bridgeDataDir({ XDG_DATA_HOME: "/xdg" }, "linux", "/home/a")).toBe("/xdg/wxdesk");
    expect(bridgeDataDir({ WXDESK_DATA_DIR: "  " }, "linux", "/home/a")).toBe("/home/a/.local/share/wxdesk");
  });

  it("on macOS and Windows: the per-user application data folders", () => {
    expect(bridgeDataDir({}, "darwin", "/Users/a")).toBe("/Users/a/Library/Application Support/wxdesk");
    expect(bridgeDataDir({ LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" }, "win32", "C:\\Users\\a")).toBe(
      join("C:\\Users\\a\\AppData\\Local", "wxdesk", "Data"),
    );
  });
});
