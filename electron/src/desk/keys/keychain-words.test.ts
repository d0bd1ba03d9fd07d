import { describe, expect, it } from "vitest";
import { keychainReason } from "./keychain-words.js";

describe("keychainReason", () => {
  it("words in both languages; the system's own text only in `technical` (shown behind 详情)", () => {
    const raw = "Cannot autolaunch D-Bus without X11 $DISPLAY";
    const why = keychainReason(new Error(raw));
    expect(why.reasonZh).toBe("系统钥匙串服务没有运行（需要 GNOME 钥匙串、KWallet 等 Secret Service）。");
    expect(why.reason).toBe(
      "No system keychain is running (the app needs a Secret Service such as GNOME Keyring or KWallet).",
    );
    expect(why.reason).not.toContain("X11");
    expect(why.technical).toBe(raw);
  });

  it("every kind keeps the technical text apart", () => {
    for (const raw of [
      "timed out",
      "Collection is locked",
      "Cannot find module keytar.node",
      "something else",
    ]) {
      const why = keychainReason(new Error(raw));
      expect(why.technical).toBe(raw);
      expect(why.reason).not.toContain(raw);
    }
  });
});
