import { afterEach, describe, expect, it } from "vitest";
import { useLangStore } from "../i18n/lang-store.js";
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

  it("hands the language down to the words (i18n/), also when a failed save puts the old one back", async () => {
    const desk = await installMemoryDesk({ lang: "en" });
    expect(useLangStore.getState().lang).toBe("en");
    desk.failNext("app.saveSettings", { code: "io_failed", message: "disk full", messageZh: "磁盘已满" });
    await useAppStore.getState().saveSettings({ lang: "zh-CN" });
    expect(useLangStore.getState().lang).toBe("en");
    await useAppStore.getState().saveSettings({ lang: "zh-CN" });
    expect(useLangStore.getState().lang).toBe("zh-CN");
  });

  it("a theme change does not refetch the profiles", async () => {
    const desk = await installMemoryDesk();
    const before = desk.calls.filter((c) => c === "profiles.list").length;
    await useAppStore.getState().saveSettings({ theme: "dark" });
    expect(useAppStore.getState().settings.theme).toBe("dark");
    expect(desk.calls.filter((c) => c === "profiles.list").length).toBe(before);
  });
});
