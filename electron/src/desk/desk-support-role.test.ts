import { describe, expect, it } from "vitest";
import type {
  BuiltLinks,
  ConnectionTest,
  CsvExport,
  ProfileView,
  PublishResult,
  UserActionResult,
  UserDetail,
  UserPage,
} from "../desk-api.js";
import { authorizeThroughSandbox, rejection } from "./testing/local-desk.js";
import { localDeskForFile } from "./testing/local-desk-for-file.js";

/** A support-role profile against the local server (its support key, known to the test). */
const d = localDeskForFile(async (d) => {
  const links = await d.rec.call<BuiltLinks>("links.build", { scope: "snsapi_userinfo", next: "/" });
  await authorizeThroughSandbox(d.status.sandboxUrl, links.startUrl, d.byName("王芳").openid);
});

describe("the support role", () => {
  it("a support-role profile: reads users, never a raw token, and gets forbidden for admin actions", async () => {
    const support = await d.rec.call<ProfileView>("profiles.add", {
      name: "客服",
      serverUrl: d.status.serverUrl,
      role: "support",
      key: d.localKeys.supportKey,
    });
    expect(await d.rec.call<ConnectionTest>("profiles.testConnection", support.id)).toMatchObject({
      ok: true,
      role: "support",
    });
    await d.rec.call("profiles.setActive", support.id);
    try {
      const wang = d.byName("王芳");
      const page = await d.rec.call<UserPage>("users.search", { q: "王芳" });
      expect(page.users.map((u) => u.openid)).toEqual([wang.openid]);
      expect((await d.rec.call<UserActionResult>("users.check", wang.openid)).ok).toBe(true);
      expect((await d.rec.call<CsvExport>("users.exportCsv", {})).rows).toBe(1);
      expect(Array.isArray(await d.rec.call("activity.recent", 10))).toBe(true);

      for (const [method, args] of [
        ["users.refresh", [wang.openid]],
        ["users.repull", [wang.openid]],
        ["menu.live", []],
        ["menu.remove", []],
        ["links.build", [{ scope: "snsapi_base", next: "/" }]],
        ["replies.get", []],
      ] as const) {
        const error = await rejection(d.rec.call(method, ...args));
        expect(error.code, method).toBe("forbidden");
        expect(error.messageZh).toContain("管理员密钥");
      }
      expect((await rejection(d.rec.call("menu.publish", { button: [] }))).code).toBe("forbidden");
      // wxdesk's own rule is checked in the desk before the server is asked: here the server would have
      // said forbidden, so the answer proves the desk refused by itself (as it does for a server too old to know the rule).
      const twins = {
        button: [
          { type: "click", name: "微信", key: "wx_qr_code" },
          { type: "click", name: "微博", key: "wx_qr_code" },
        ],
      };
      const refused = await d.rec.call<PublishResult>("menu.publish", twins);
      expect(refused.ok).toBe(false);
      expect(refused.error?.code).toBe("menu_invalid");
      expect(refused.problems?.map((p) => [p.path, p.code, p.rule])).toEqual([
        ["button[0].key", "key_duplicate", "wxdesk"],
        ["button[1].key", "key_duplicate", "wxdesk"],
      ]);
      expect(await d.rec.call<{ connected: boolean }>("activity.status")).toBeDefined();
    } finally {
      await d.rec.call("profiles.setActive", "local");
    }
  });

  it("the user detail a support profile sees holds token state and times only", async () => {
    const { profiles } = await d.rec.call<{ profiles: ProfileView[] }>("profiles.list");
    await d.rec.call("profiles.setActive", profiles.find((p) => p.role === "support")?.id);
    try {
      const detail = await d.rec.call<UserDetail>("users.get", d.byName("王芳").openid);
      expect(Object.keys(detail.tokens).sort()).toEqual([
        "accessExpiresAt",
        "obtainedAt",
        "refreshExpiresAt",
        "state",
      ]);
      const everything = d.rec.serialized();
      expect(everything).toContain("王芳");
      for (const key of [d.localKeys.adminKey, d.localKeys.supportKey]) expect(everything).not.toContain(key);
      expect(everything).not.toMatch(/"(access_token|refresh_token|accessToken|refreshToken)"\s*:/i);
    } finally {
      await d.rec.call("profiles.setActive", "local");
    }
  });

  it("the local profile tried as support staff: the desk's own support key, no key in any answer, and back to admin", async () => {
    await d.rec.call("profiles.setActive", "local");
    const before = d.rec.serialized().length;
    try {
      const tried = await d.rec.call<ProfileView>("profiles.edit", "local", { role: "support" });
      expect(tried).toMatchObject({ id: "local", role: "support", local: true, keyStorage: "none" });
      const { profiles } = await d.rec.call<{ profiles: ProfileView[] }>("profiles.list");
      expect(profiles.find((p) => p.local)?.role).toBe("support");
      // The server names the key's role: proof the support key is the one sent.
      expect(await d.rec.call<ConnectionTest>("profiles.testConnection", "local")).toMatchObject({
        ok: true,
        role: "support",
      });
      const wang = d.byName("王芳");
      const page = await d.rec.call<UserPage>("users.search", { q: "王芳" });
      expect(page.users.map((u) => u.openid)).toEqual([wang.openid]);
      const detail = await d.rec.call<UserDetail>("users.get", wang.openid);
      expect(detail.tokens.state).toBeTruthy();
      for (const [method, args] of [
        ["menu.live", []],
        ["replies.get", []],
        ["links.build", [{ scope: "snsapi_base", next: "/" }]],
      ] as const) {
        const error = await rejection(d.rec.call(method, ...args));
        expect(error.code, method).toBe("forbidden");
      }
      // Only the role can change: the name, the address and the key stay the desk's own.
      for (const patch of [{ name: "x" }, { role: "admin", key: "k".repeat(32) }]) {
        expect((await rejection(d.rec.call("profiles.edit", "local", patch))).code).toBe("local_profile");
      }
      const traffic = d.rec.serialized().slice(before);
      for (const key of [d.localKeys.adminKey, d.localKeys.supportKey]) expect(traffic).not.toContain(key);
      expect(traffic).not.toMatch(/"(access_token|refresh_token|accessToken|refreshToken)"\s*:/i);
    } finally {
      const back = await d.rec.call<ProfileView>("profiles.edit", "local", { role: "admin" });
      expect(back.role).toBe("admin");
    }
    expect(await d.rec.call<ConnectionTest>("profiles.testConnection", "local")).toMatchObject({
      ok: true,
      role: "admin",
    });
    expect(await d.rec.call("menu.live")).toBeDefined();
  });
});
