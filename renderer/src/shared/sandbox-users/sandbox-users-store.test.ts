import { afterEach, describe, expect, it } from "vitest";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { useSandboxUsersStore } from "./sandbox-users-store.js";

const user = (openid: string, nickname: string) => ({ openid, nickname, headimgurl: "", snapshot: false });
const store = () => useSandboxUsersStore.getState();

afterEach(uninstallDesk);

describe("the one store of sandbox test users", () => {
  it("chooses the first user, keeps a choice that is still listed, and falls back when it is gone", async () => {
    const desk = await installMemoryDesk({ sandboxUsers: [user("o_a", "甲"), user("o_b", "乙")] });
    await store().load();
    expect(store().chosen).toBe("o_a");
    store().choose("o_b");
    await store().load();
    expect(store().chosen).toBe("o_b");
    desk.state.sandboxUsers = [user("o_c", "丙")];
    await store().load();
    expect(store().chosen).toBe("o_c");
  });

  it("keeps why the list could not be read, and no choice", async () => {
    const desk = await installMemoryDesk({ sandboxUsers: [user("o_a", "甲")] });
    desk.failNext("sandbox.users", { code: "sandbox_stopped", message: "stopped", messageZh: "已停止" });
    await store().load();
    expect(store()).toMatchObject({ users: [], chosen: "", error: { code: "sandbox_stopped" } });
  });
});
