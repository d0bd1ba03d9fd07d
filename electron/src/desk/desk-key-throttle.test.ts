import { describe, expect, it } from "vitest";
import type { ConnectionTest, ProfileView } from "../desk-api.js";
import { localDeskForFile } from "./testing/local-desk-for-file.js";

/** Against the real callback server (the local sandbox's): its wrong-key throttle, in the desktop's words. */
const d = localDeskForFile();

describe("too many wrong keys", () => {
  it("after 10 wrong keys the server refuses this computer for a while, and the app says so in plain words", async () => {
    const wrong = await d.rec.call<ProfileView>("profiles.add", {
      name: "填错的密钥",
      serverUrl: d.status.serverUrl,
      role: "admin",
      key: "a-wrong-key-0123456789abcdefghij",
    });
    for (let i = 0; i < 10; i++) {
      const test = await d.rec.call<ConnectionTest>("profiles.testConnection", wrong.id);
      expect(test.error?.code).toBe("unauthorized");
    }
    const refused = await d.rec.call<ConnectionTest>("profiles.testConnection", wrong.id);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: "too_many_attempts",
        messageZh: "密钥错误次数太多，请 1 分钟后再试",
        message: "Too many wrong keys were tried from this computer. Try again in 1 minute.",
      },
    });
    expect(refused.error?.details?.retryAfterSeconds).toBeGreaterThan(0);
    // The right key from the same computer waits too (else the throttle would name the key).
    const local = await d.rec.call<ConnectionTest>("profiles.testConnection", "local");
    expect(local.error?.code).toBe("too_many_attempts");
  });
});
