// @vitest-environment happy-dom
import "../../testing/dom-setup.js";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useNavStore } from "../../app/nav-store.js";
import { installMemoryDesk } from "../../testing/install-memory-desk.js";
import { dropLayoutSize, giveLayoutSize } from "../../testing/layout-size.js";
import { deskError } from "../../testing/memory-desk-api.js";
import { ActivityScreen } from "./activity-screen.js";
import { useActivityStore } from "./activity-store.js";

const AT = Date.UTC(2025, 2, 1, 6);
const EXPLANATION = {
  errcode: 40030,
  errorClass: "credential",
  titleZh: "续期令牌无效",
  titleEn: "Invalid refresh token",
  detailZh: "这个续期令牌已经不能用了",
  detailEn: "This refresh token no longer works",
  fixZh: "请用户重新点一次授权链接",
  fixEn: "Ask the user to open the authorize link again",
};

// The virtualized list needs a scroll box with a size to show rows.
beforeEach(() => giveLayoutSize());
afterEach(() => {
  cleanup();
  dropLayoutSize();
  useActivityStore.getState().reset();
});

describe("activity screen", () => {
  it("shows the history in words, then live events as they happen", async () => {
    const desk = await installMemoryDesk();
    desk.emit({ type: "menu", at: AT, data: { kind: "publish", versionId: 12, by: "admin", buttons: 3 } });
    render(<ActivityScreen />);
    const list = await screen.findByRole("list", { name: "动态列表" });
    expect(await within(list).findByText("菜单已发布（第 12 版）")).toBeTruthy();
    expect(await screen.findByText("已连接，实时更新中")).toBeTruthy();
    act(() => {
      desk.emit({
        type: "authorization",
        at: AT + 1000,
        data: { openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc", scope: "snsapi_userinfo", nickname: "张伟" },
      });
    });
    expect(within(list).getByText("张伟 授权登录（需用户确认）")).toBeTruthy();
    // Newest first.
    expect(within(list).getAllByRole("listitem")[0]?.textContent).toContain("张伟");
  });

  it("a row about a user opens that user in 用户; a row about the account has no such button", async () => {
    const desk = await installMemoryDesk();
    const openid = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";
    desk.emit({ type: "menu", at: AT, data: { kind: "publish", versionId: 12, by: "admin", buttons: 3 } });
    desk.emit({
      type: "authorization",
      at: AT + 1,
      data: { openid, scope: "snsapi_userinfo", nickname: "张伟" },
    });
    desk.emit({ type: "check", at: AT + 2, data: { openid: "oABCDEFGHIJKLMNOPQRSTUVWXYZ", ok: true } });
    render(<ActivityScreen />);
    const list = await screen.findByRole("list", { name: "动态列表" });
    await within(list).findByText("菜单已发布（第 12 版）");
    const rows = within(list).getAllByRole("listitem");
    expect(rows.map((row) => within(row).queryByRole("button", { name: /^查看用户/ }) !== null)).toEqual([
      true,
      true,
      false,
    ]);
    // Named after whom it opens: the nickname, or the short openid when the event has none.
    expect(within(list).getByRole("button", { name: "查看用户「oABCDE…WXYZ」" })).toBeTruthy();
    fireEvent.click(within(list).getByRole("button", { name: "查看用户「张伟」" }));
    expect(useNavStore.getState()).toMatchObject({ screen: "users", userToOpen: openid });
  });

  it("opens a failure to WeChat's explanation", async () => {
    const desk = await installMemoryDesk();
    desk.emit({
      type: "failure",
      at: AT,
      data: {
        action: "refresh",
        openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc",
        errcode: 40030,
        explanation: EXPLANATION,
      },
    });
    render(<ActivityScreen />);
    const row = (await screen.findByText(/的令牌续期失败：续期令牌无效/)).closest("li") as HTMLElement;
    const toggle = within(row).getByRole("button", { name: "看原因" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(within(row).queryByText("请用户重新点一次授权链接")).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(within(row).getByText("请用户重新点一次授权链接")).toBeTruthy();
    expect(within(row).getByText("微信错误码 40030")).toBeTruthy();
  });

  it("explains a superseded global token when opened", async () => {
    const desk = await installMemoryDesk();
    desk.emit({
      type: "token_superseded",
      at: AT,
      data: {
        errcode: 40001,
        explanation: {
          ...EXPLANATION,
          errcode: 40001,
          titleZh: "令牌无效或已被替换",
          detailZh: "微信接口返回错误码 40001：invalid credential, access_token is invalid or not latest。",
        },
      },
    });
    render(<ActivityScreen />);
    const row = (await screen.findByText(/全局令牌被提前作废/)).closest("li") as HTMLElement;
    fireEvent.click(within(row).getByRole("button", { name: "看原因" }));
    expect(row.textContent).toContain("另一个系统可能在用同一个 AppSecret 获取令牌");
    // WeChat's own English and the API names sit under a closed 「详情」, not in the sentence.
    const details = row.querySelector("details") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector("summary")?.textContent).toBe("详情");
    expect(details.textContent).toContain("invalid credential");
    expect(details.textContent).toContain("stable_token");
    const outside = row.textContent?.replace(details.textContent ?? "", "") ?? "";
    expect(outside).not.toContain("invalid credential");
    expect(outside).not.toContain("stable_token");
  });

  it("filters by type and by words", async () => {
    const desk = await installMemoryDesk();
    desk.emit({ type: "menu", at: AT, data: { kind: "publish", versionId: 3 } });
    desk.emit({
      type: "check",
      at: AT,
      data: { openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc", ok: false, errcode: 40001 },
    });
    desk.emit({ type: "message", at: AT, data: { openid: "oZZZZ", msgType: "event", event: "subscribe" } });
    render(<ActivityScreen />);
    const list = await screen.findByRole("list", { name: "动态列表" });
    await within(list).findByText("菜单已发布（第 3 版）");
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);

    fireEvent.click(screen.getByRole("button", { name: "失败" }));
    expect(screen.getByRole("button", { name: "失败" }).getAttribute("aria-pressed")).toBe("true");
    expect(within(list).getAllByRole("listitem")).toHaveLength(1);
    expect(list.textContent).toContain("不能用了");

    fireEvent.click(screen.getByRole("button", { name: "全部" }));
    fireEvent.change(screen.getByRole("searchbox", { name: "筛选文字" }), { target: { value: "关注" } });
    expect(within(list).getAllByRole("listitem")).toHaveLength(1);
    expect(list.textContent).toContain("关注了公众号");

    fireEvent.change(screen.getByRole("searchbox", { name: "筛选文字" }), {
      target: { value: "没有这种字" },
    });
    expect(screen.getByRole("heading", { name: "没有符合筛选条件的动态" })).toBeTruthy();
  });

  it("says it is reconnecting, and why", async () => {
    await installMemoryDesk({
      activityStatus: {
        connected: false,
        error: deskError(
          "network",
          "The live activity stream was interrupted",
          "实时动态连接中断，正在重新连接……",
        ),
      },
    });
    render(<ActivityScreen />);
    expect(await screen.findByText("正在重连：实时动态连接中断，正在重新连接……")).toBeTruthy();
  });

  it("keeps the list still while the user reads further down: a pill says how many new events wait", async () => {
    const desk = await installMemoryDesk();
    desk.emit({ type: "menu", at: AT, data: { kind: "publish", versionId: 1 } });
    render(<ActivityScreen />);
    const list = await screen.findByRole("list", { name: "动态列表" });
    await within(list).findByText("菜单已发布（第 1 版）");
    const scroller = list.parentElement as HTMLElement;
    act(() => {
      scroller.scrollTop = 400;
      fireEvent.scroll(scroller);
    });
    act(() => {
      desk.emit({ type: "menu", at: AT, data: { kind: "publish", versionId: 2 } });
      desk.emit({ type: "menu", at: AT, data: { kind: "publish", versionId: 3 } });
    });
    expect(within(list).queryByText("菜单已发布（第 3 版）")).toBeNull();
    const pill = screen.getByRole("button", { name: "有 2 条新动态，回到最新" });
    fireEvent.click(pill);
    expect(within(list).getByText("菜单已发布（第 3 版）")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /条新动态/ })).toBeNull();
  });

  it("with no events yet, says what will show up here", async () => {
    await installMemoryDesk();
    render(<ActivityScreen />);
    expect(await screen.findByRole("heading", { name: "还没有动态" })).toBeTruthy();
  });
});
