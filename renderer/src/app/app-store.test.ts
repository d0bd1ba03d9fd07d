import { afterEach, describe, expect, it } from "vitest";
import { installMemoryDesk, uninstallDesk } from "../testing/install-memory-desk.js";
import { useAppStore } from "./app-store.js";

afterEach(() => {
  uninstallDesk();
});

describe("app store: settings", () => {
  it("a language change saves it and fetches the profiles again (the built-in profile's name is translated)", async () => {
    const desk = await installMemoryDesk();
    const before = desk.calls.filter((c) => c === "profiles.list").length;
    await useAppStore.getState().saveSettings({ lang: "en" });
    expect(useAppStore.getState().settings.lang).toBe("en");
    expect(desk.calls.filter((c) => c === "profiles.list").length).toBe(before + 1);
  });

  it("a theme change does not refetch the profiles", async () => {
    const desk = await installMemoryDesk();
    const before = desk.calls.filter((c) => c === "profiles.list").length;
    await useAppStore.getState().saveSettings({ theme: "dark" });
    expect(useAppStore.getState().settings.theme).toBe("dark");
    expect(desk.calls.filter((c) => c === "profiles.list").length).toBe(before);
  });
});
