import type { UserDetail } from "@wxdesk/electron/desk-api";
import { afterEach, describe, expect, it } from "vitest";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { deskError } from "../../testing/memory-desk-api.js";
import { generatedUser } from "../../testing/memory-users-fixture.js";
import { useUserDetailStore } from "./user-detail-store.js";
import { useUsersStore } from "./users-store.js";

const NOW = Date.UTC(2025, 2, 1, 6, 0, 0);
const HOUR = 3_600_000;
const detail = () => useUserDetailStore.getState();

const EXPLANATION_42002 = {
  errcode: 42002,
  errorClass: "credential" as const,
  titleZh: "续期令牌已过期",
  titleEn: "The refresh token expired",
  detailZh: "超过 30 天",
  detailEn: "Older than 30 days",
  fixZh: "请用户重新授权",
  fixEn: "Ask the user to authorize again",
};

function user(i: number, patch: Partial<UserDetail> = {}): UserDetail {
  return { ...generatedUser(i, NOW), ...patch };
}

afterEach(() => {
  useUserDetailStore.getState().reset();
  useUsersStore.getState().reset();
  uninstallDesk();
});

describe("user detail store", () => {
  it("shows the user selected last, whatever order the answers come back in", async () => {
    const a = user(0, { nickname: "张伟" });
    const b = user(1, { nickname: "李娜" });
    const desk = await installMemoryDesk({ users: [a, b] });
    const release = desk.holdNext("users.get");
    const first = detail().select(a.openid);
    await detail().select(b.openid);
    release();
    await first;
    expect(detail().openid).toBe(b.openid);
    expect(detail().detail?.nickname).toBe("李娜");
  });

  it("says what a refresh changed and updates the row in the list", async () => {
    const expired = user(3, {
      tokenState: "access_expired",
      tokens: { ...user(3).tokens, state: "access_expired", accessExpiresAt: NOW - HOUR },
    });
    const renewed = {
      ...expired.tokens,
      state: "valid" as const,
      accessExpiresAt: NOW + 2 * HOUR,
      refreshedAt: NOW,
    };
    const desk = await installMemoryDesk({
      users: [expired],
      userAction: (action) => (action === "refresh" ? { ok: true, tokens: renewed } : undefined),
    });
    await useUsersStore.getState().search();
    await detail().select(expired.openid);
    await detail().run("refresh");
    expect(desk.calls).toContain("users.refresh");
    expect(detail().outcome).toEqual({
      action: "refresh",
      ok: true,
      explanation: undefined,
      changes: [
        { field: "state", before: "access_expired", after: "valid" },
        { field: "accessExpiresAt", after: NOW + 2 * HOUR },
      ],
    });
    expect(detail().detail?.tokens.refreshedAt).toBe(NOW);
    expect(useUsersStore.getState().rows[0]?.tokenState).toBe("valid");
  });

  it("keeps WeChat's explanation when it refuses, and the new state it reports", async () => {
    const u = user(4);
    await installMemoryDesk({
      users: [u],
      userAction: () => ({
        ok: false,
        explanation: EXPLANATION_42002,
        tokens: { ...u.tokens, state: "needs_reauth" },
      }),
    });
    await detail().select(u.openid);
    await detail().run("check");
    expect(detail().outcome?.ok).toBe(false);
    expect(detail().outcome?.explanation?.errcode).toBe(42002);
    expect(detail().outcome?.changes).toContainEqual({
      field: "state",
      before: u.tokens.state,
      after: "needs_reauth",
    });
    expect(detail().detail?.tokens.state).toBe("needs_reauth");
  });

  it("reads the profile back after a re-pull and names what changed", async () => {
    const u = user(5, { scope: "snsapi_userinfo", nickname: "旧名字", privilege: [] });
    const desk = await installMemoryDesk({
      users: [u],
      userAction: (action, stored) => {
        if (action !== "repull") return undefined;
        stored.nickname = "新名字";
        stored.privilege = ["chinaunicom"];
        return { ok: true, tokens: stored.tokens };
      },
    });
    await useUsersStore.getState().search();
    await detail().select(u.openid);
    await detail().run("repull");
    expect(desk.calls.slice(-2)).toEqual(["users.repull", "users.get"]);
    expect(detail().outcome?.changes).toEqual([
      { field: "nickname", before: "旧名字", after: "新名字" },
      { field: "privilege", after: ["chinaunicom"] },
    ]);
    expect(useUsersStore.getState().rows[0]?.nickname).toBe("新名字");
  });

  it("says so when the action could not even be asked (e.g. not allowed)", async () => {
    const u = user(6);
    const desk = await installMemoryDesk({ users: [u] });
    await detail().select(u.openid);
    desk.failNext(
      "users.refresh",
      deskError("forbidden", "Support keys cannot do this", "客服账号不能这样做"),
    );
    await detail().run("refresh");
    expect(detail().outcome).toMatchObject({ action: "refresh", ok: false, error: { code: "forbidden" } });
    expect(detail().running).toBeUndefined();
  });

  it("drops an action's answer when another user was selected meanwhile", async () => {
    const a = user(7, { nickname: "甲" });
    const b = user(8, { nickname: "乙" });
    const desk = await installMemoryDesk({ users: [a, b] });
    await detail().select(a.openid);
    const release = desk.holdNext("users.check");
    const checking = detail().run("check");
    await detail().select(b.openid);
    release();
    await checking;
    expect(detail().detail?.nickname).toBe("乙");
    expect(detail().outcome).toBeUndefined();
  });
});
