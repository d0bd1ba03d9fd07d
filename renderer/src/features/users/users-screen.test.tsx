// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { UserDetail } from "@wxdesk/electron/desk-api";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useNavStore } from "../../app/nav-store.js";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { dropLayoutSize, giveLayoutSize } from "../../testing/layout-size.js";
import { generatedUser } from "../../testing/memory-users-fixture.js";
import { useUserDetailStore } from "./user-detail-store.js";
import { UsersScreen } from "./users-screen.js";
import { useUsersStore } from "./users-store.js";

const NOW = Date.UTC(2025, 2, 1, 6, 0, 0);
const HOUR = 3_600_000;

function user(i: number, patch: Partial<UserDetail> = {}): UserDetail {
  return { ...generatedUser(i, NOW), ...patch };
}

/** A fresh user: access token obtained now, 2 hours left. */
function freshUser(i: number, nickname: string): UserDetail {
  const tokens = {
    state: "valid" as const,
    obtainedAt: NOW,
    accessExpiresAt: NOW + 2 * HOUR,
    refreshExpiresAt: NOW + 720 * HOUR,
  };
  return user(i, { nickname, scope: "snsapi_userinfo", lastAuthorizedAt: NOW, tokenState: "valid", tokens });
}

// The virtualized list needs a scroll box with a size to show rows.
beforeEach(() => giveLayoutSize());
afterEach(() => {
  // Unmount before the stores go back to their first state (hooks run last-registered first).
  cleanup();
  dropLayoutSize();
  vi.useRealTimers();
  useUsersStore.getState().reset();
  useUserDetailStore.getState().reset();
});

describe("users screen", () => {
  it("counts from the list's own answer, and follows a live sign-in without a reload", async () => {
    const desk = await installMemoryDesk({ users: [freshUser(0, "张伟")] });
    // The connection check at start-up counted one user; a second signs in before the screen opens.
    desk.state.users.unshift(freshUser(1, "李娜"));
    render(<UsersScreen />);
    const table = await screen.findByRole("table", { name: "用户列表" });
    await within(table).findByRole("button", { name: "李娜" });
    expect(screen.getByText("共 2 位授权用户")).toBeTruthy();

    // A third signs in while the screen is open: the list and the count follow the live event.
    desk.state.users.unshift(freshUser(2, "王芳"));
    act(() =>
      desk.emit({ type: "authorization", at: NOW, data: { openid: user(2).openid, firstTime: true } }),
    );
    await within(table).findByRole("button", { name: "王芳" });
    expect(screen.getByText("共 3 位授权用户")).toBeTruthy();

    // A search says what it found beside the account's total.
    fireEvent.change(screen.getByRole("searchbox", { name: "搜索用户" }), { target: { value: "王" } });
    expect(await screen.findByText("找到 1 位（共 3 位授权用户）")).toBeTruthy();
  });

  it("says when the open user is no longer in the search results", async () => {
    await installMemoryDesk({ users: [freshUser(0, "张伟"), freshUser(1, "李娜")] });
    render(<UsersScreen />);
    const table = await screen.findByRole("table", { name: "用户列表" });
    fireEvent.click(await within(table).findByRole("button", { name: "张伟" }));
    const panel = await screen.findByRole("complementary", { name: "用户详情" });
    expect(within(panel).queryByText("这位用户不在当前的搜索结果里")).toBeNull();

    fireEvent.change(screen.getByRole("searchbox", { name: "搜索用户" }), { target: { value: "李" } });
    await waitFor(() => expect(within(table).queryByRole("button", { name: "张伟" })).toBeNull());
    expect(within(panel).getByText("这位用户不在当前的搜索结果里")).toBeTruthy();

    fireEvent.change(screen.getByRole("searchbox", { name: "搜索用户" }), { target: { value: "" } });
    await within(table).findByRole("button", { name: "张伟" });
    expect(within(panel).queryByText("这位用户不在当前的搜索结果里")).toBeNull();
  });

  it("opens the user asked for from another screen: found by openid, details open", async () => {
    const li = freshUser(1, "李娜");
    await installMemoryDesk({ users: [freshUser(0, "张伟"), li] });
    act(() => useNavStore.getState().openUser(li.openid));
    render(<UsersScreen />);
    const panel = await screen.findByRole("complementary", { name: "用户详情" });
    expect(await within(panel).findByRole("heading", { name: "李娜" })).toBeTruthy();
    const search = screen.getByRole("searchbox", { name: "搜索用户" }) as HTMLInputElement;
    expect(search.value).toBe(li.openid);
    const table = await screen.findByRole("table", { name: "用户列表" });
    await waitFor(() => expect(within(table).queryByRole("button", { name: "张伟" })).toBeNull());
    expect(within(table).getByRole("button", { name: "李娜" })).toBeTruthy();
    expect(useNavStore.getState().userToOpen).toBeUndefined();
  });

  it("the details say through which of the account's apps the user signed in, most recent first", async () => {
    const li = user(1, {
      ...freshUser(1, "李娜"),
      apps: [
        { clientId: "shop", name: "商城", lastSignInAt: NOW - HOUR },
        { clientId: "members", name: "会员中心", lastSignInAt: NOW - 2 * HOUR },
      ],
    });
    await installMemoryDesk({ users: [freshUser(0, "张伟"), li] });
    act(() => useNavStore.getState().openUser(li.openid));
    render(<UsersScreen />);
    const panel = await screen.findByRole("complementary", { name: "用户详情" });
    const section = await within(panel).findByRole("region", { name: "通过哪些应用登录过" });
    expect(
      within(section)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([expect.stringMatching(/^商城最近登录 /), expect.stringMatching(/^会员中心最近登录 /)]);
  });

  it("a user who signed in to no app: said so", async () => {
    const zhang = freshUser(0, "张伟");
    await installMemoryDesk({ users: [zhang] });
    act(() => useNavStore.getState().openUser(zhang.openid));
    render(<UsersScreen />);
    const panel = await screen.findByRole("complementary", { name: "用户详情" });
    expect(await within(panel).findByText("还没有通过公众号的其他应用登录过")).toBeTruthy();
  });

  it("lists users and narrows the list to what is typed in the search box", async () => {
    await installMemoryDesk({ users: [freshUser(0, "张伟"), freshUser(1, "李娜"), freshUser(2, "张敏")] });
    render(<UsersScreen />);
    const table = await screen.findByRole("table", { name: "用户列表" });
    await within(table).findByRole("button", { name: "张伟" });
    expect(within(table).getByRole("button", { name: "李娜" })).toBeTruthy();
    expect(within(table).getAllByRole("button", { name: "复制用户编号" })).toHaveLength(3);

    fireEvent.change(screen.getByRole("searchbox", { name: "搜索用户" }), { target: { value: "张" } });
    await waitFor(() => expect(within(table).queryByRole("button", { name: "李娜" })).toBeNull());
    expect(within(table).getByRole("button", { name: "张伟" })).toBeTruthy();
    expect(within(table).getByRole("button", { name: "张敏" })).toBeTruthy();
  });

  it("renders only the rows in view of 100,000 users, and loads the next page near the end", async () => {
    const desk = await installMemoryDesk({ userCount: 100_000, now: () => NOW });
    render(<UsersScreen />);
    const table = await screen.findByRole("table", { name: "用户列表" });
    await waitFor(() =>
      expect(within(table).getAllByRole("button", { name: "复制用户编号" }).length).toBeGreaterThan(0),
    );
    // 600 px of 52 px rows plus overscan: a few dozen rows in the DOM, not a page of 100, let alone 100,000.
    expect(within(table).getAllByRole("button", { name: "复制用户编号" }).length).toBeLessThan(40);
    expect(desk.calls.filter((c) => c === "users.search")).toHaveLength(1);

    const scroller = table.parentElement as HTMLElement;
    await act(async () => {
      scroller.scrollTop = 52 * 80;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(useUsersStore.getState().rows).toHaveLength(200));
    expect(desk.calls.filter((c) => c === "users.search")).toHaveLength(2);

    // A new filter's list starts at its top, with one page, not as deep as the old one was scrolled.
    fireEvent.change(screen.getByRole("combobox", { name: "授权方式" }), {
      target: { value: "snsapi_base" },
    });
    await waitFor(() =>
      expect(useUsersStore.getState().rows.every((r) => r.scope === "snsapi_base")).toBe(true),
    );
    expect(scroller.scrollTop).toBe(0);
    expect(useUsersStore.getState().rows).toHaveLength(100);
  });

  it("keeps asking while the server says there is more, even through pages with nobody on them", async () => {
    // The server looks at ≤ N users per request: a rare filter gives empty pages that still carry a cursor.
    const desk = await installMemoryDesk({
      users: [
        ...Array.from({ length: 120 }, (_, i) => freshUser(i, `用户${i}`)),
        freshUser(120, "王五"),
        freshUser(121, "赵六"),
      ],
      userScanLimit: 30,
    });
    render(<UsersScreen />);
    await screen.findByRole("button", { name: "用户0" });
    fireEvent.change(screen.getByRole("searchbox", { name: "搜索用户" }), { target: { value: "王五" } });
    const table = screen.getByRole("table", { name: "用户列表" });
    expect(await within(table).findByRole("button", { name: "王五" })).toBeTruthy();
    await waitFor(() => expect(useUsersStore.getState().nextCursor).toBeUndefined());
    expect(desk.calls.filter((c) => c === "users.search").length).toBeGreaterThan(4);

    fireEvent.change(screen.getByRole("searchbox", { name: "搜索用户" }), {
      target: { value: "没有这个人" },
    });
    expect(await screen.findByRole("heading", { name: "没有找到匹配的用户" })).toBeTruthy();
  });

  it("opens a user's details with an access-token countdown that ticks every second", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    vi.setSystemTime(NOW);
    await installMemoryDesk({ users: [freshUser(0, "张伟")] });
    render(<UsersScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "张伟" }));
    const panel = await screen.findByRole("complementary", { name: "用户详情" });
    const timer = await within(panel).findByRole("timer");
    expect(timer.textContent).toBe("2 小时 0 分 0 秒");
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(timer.textContent).toBe("1 小时 59 分 59 秒");
    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(timer.textContent).toBe("1 小时 58 分 58 秒");
    expect(within(panel).getByText("还没有续期过")).toBeTruthy();
    expect(panel.textContent).not.toMatch(/access_token|refresh_token/);
  });

  it("lets a support account check but not refresh or re-pull, and says why", async () => {
    await installMemoryDesk({ role: "support", users: [freshUser(0, "张伟")] });
    render(<UsersScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "张伟" }));
    const panel = await screen.findByRole("complementary", { name: "用户详情" });
    const refresh = await within(panel).findByRole("button", { name: /^续期/ });
    const repull = within(panel).getByRole("button", { name: /^重新拉取资料/ });
    const check = within(panel).getByRole("button", { name: "检查" });
    const reason = "客服账号只能查看和检查，不能给令牌续期或重新拉取资料";
    expect((refresh as HTMLButtonElement).disabled).toBe(true);
    expect(refresh.getAttribute("title")).toBe(reason);
    expect((repull as HTMLButtonElement).disabled).toBe(true);
    expect((check as HTMLButtonElement).disabled).toBe(false);
    expect(within(panel).getAllByText(reason).length).toBeGreaterThan(0);
  });

  it("says a user's tokens cannot be opened (server key changed) and offers no action that would fail", async () => {
    const lost = freshUser(0, "张伟");
    lost.tokenState = "undecryptable";
    lost.tokens = { ...lost.tokens, state: "undecryptable" };
    const desk = await installMemoryDesk({ users: [lost] });
    render(<UsersScreen />);
    const table = await screen.findByRole("table", { name: "用户列表" });
    expect(await within(table).findByText("令牌打不开")).toBeTruthy();
    fireEvent.click(within(table).getByRole("button", { name: "张伟" }));
    const panel = await screen.findByRole("complementary", { name: "用户详情" });
    expect(panel.textContent).toContain("服务器用来加密令牌的密钥换了");
    const reason =
      "服务器的令牌密钥换了，这个用户的令牌打不开：请服务器管理员恢复原来的密钥，或等用户重新授权";
    for (const name of [/^检查/, /^续期/, /^重新拉取资料/]) {
      const button = within(panel).getByRole("button", { name }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(button.getAttribute("title")).toBe(reason);
    }
    expect(desk.calls).not.toContain("users.check");
  });

  it("explains in words why a check failed", async () => {
    await installMemoryDesk({
      users: [freshUser(0, "张伟")],
      userAction: () => ({
        ok: false,
        explanation: {
          errcode: 40001,
          errorClass: "credential",
          titleZh: "访问令牌无效",
          titleEn: "The access token is invalid",
          detailZh: "这个令牌已经失效",
          detailEn: "This token no longer works",
          fixZh: "点「刷新」换一个新的",
          fixEn: "Press Refresh to get a new one",
        },
      }),
    });
    render(<UsersScreen />);
    fireEvent.click(await screen.findByRole("button", { name: "张伟" }));
    const panel = await screen.findByRole("complementary", { name: "用户详情" });
    fireEvent.click(await within(panel).findByRole("button", { name: "检查" }));
    const alert = await within(panel).findByRole("alert");
    expect(alert.textContent).toContain("检查结果：这个令牌不能用了");
    expect(alert.textContent).toContain("访问令牌无效");
    expect(alert.textContent).toContain("点「刷新」换一个新的");
  });

  it("with no users yet, says where they come from and leads to the links screen", async () => {
    await installMemoryDesk();
    render(<UsersScreen />);
    expect(await screen.findByText("把授权链接放进菜单，用户授权后会出现在这里")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "去做授权链接" }));
    expect(useNavStore.getState().screen).toBe("links");
  });

  it("tells 'nothing matches' apart and clears the filters", async () => {
    await installMemoryDesk({ users: [freshUser(0, "张伟")] });
    render(<UsersScreen />);
    await screen.findByRole("button", { name: "张伟" });
    fireEvent.change(screen.getByRole("combobox", { name: "令牌状态" }), {
      target: { value: "needs_reauth" },
    });
    expect(await screen.findByRole("heading", { name: "没有找到匹配的用户" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "清除搜索和筛选" }));
    expect(await screen.findByRole("button", { name: "张伟" })).toBeTruthy();
  });

  it("exports a CSV as a download link and says how many users it holds", async () => {
    await installMemoryDesk({ users: [freshUser(0, "张伟"), freshUser(1, "李娜")] });
    render(<UsersScreen />);
    await screen.findByRole("button", { name: "张伟" });
    fireEvent.click(screen.getByRole("button", { name: "导出表格（CSV）" }));
    const link = await screen.findByRole("link", { name: "保存 users.csv" });
    expect(link.getAttribute("download")).toBe("users.csv");
    expect(link.getAttribute("href")).toMatch(/^blob:/);
    expect(screen.getByText("表格准备好了：2 位用户")).toBeTruthy();
  });
});
