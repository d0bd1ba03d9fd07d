import { describe, expect, it } from "vitest";
import { storedSettingsSchema } from "./settings-schema.js";

describe("settings.json's localSandbox", () => {
  it("keeps remembered ports", () => {
    const parsed = storedSettingsSchema.parse({
      localSandbox: { sandboxPort: 7400, serverPort: 7401, formerPorts: [7000] },
    });
    expect(parsed.localSandbox).toEqual({ sandboxPort: 7400, serverPort: 7401, formerPorts: [7000] });
  });

  it("forgets a broken entry (new ports next start) without throwing the profiles away", () => {
    const parsed = storedSettingsSchema.parse({
      profiles: [
        {
          id: "p1",
          name: "正式号",
          serverUrl: "https://wx.example.com",
          role: "admin",
          keyStorage: "keychain",
        },
      ],
      localSandbox: { sandboxPort: 70000, serverPort: "7401" },
    });
    expect(parsed.localSandbox).toBeUndefined();
    expect(parsed.profiles.map((p) => p.id)).toEqual(["p1"]);
  });
});

describe("settings.json's localRole", () => {
  it("keeps support, and a value of the wrong kind means admin (absent) rather than a broken file", () => {
    expect(storedSettingsSchema.parse({ localRole: "support" }).localRole).toBe("support");
    const odd = storedSettingsSchema.parse({ localRole: "owner", lang: "en" });
    expect(odd.localRole).toBeUndefined();
    expect(odd.lang).toBe("en");
  });
});
