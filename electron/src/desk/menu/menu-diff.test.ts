import type { Menu, MenuButton } from "@wxdesk/wechat";
import { describe, expect, it } from "vitest";
import { diffMenus } from "./menu-diff.js";

const view = (name: string, url: string): MenuButton => ({ type: "view", name, url });
const click = (name: string, key: string): MenuButton => ({ type: "click", name, key });
const sub = (name: string, ...sub_button: MenuButton[]): MenuButton => ({ name, sub_button });
const menu = (...button: MenuButton[]): Menu => ({ button });

const live = menu(
  sub("服务", view("搜索", "https://a.example.com/search"), click("签到", "SIGN_IN")),
  sub("更多", view("关于我们", "https://a.example.com/about")),
  click("客服", "SUPPORT"),
);

describe("diffMenus", () => {
  it("the same menu (or a deep copy) changes nothing", () => {
    expect(diffMenus(live, live)).toEqual([]);
    expect(diffMenus(structuredClone(live), live)).toEqual([]);
  });

  it("no live menu: every button is added, in plain words with where it sits", () => {
    const changes = diffMenus(menu(sub("服务", view("搜索", "https://a.example.com/s"))), null);
    expect(changes).toEqual([
      {
        kind: "added",
        path: "button[0]",
        name: "服务",
        descriptionZh: "新增「服务」（一级菜单）：展开子菜单（1 个）",
        description: 'Added "服务" (the top level): open its sub-buttons (1)',
      },
      {
        kind: "added",
        path: "button[0].sub_button[0]",
        name: "搜索",
        descriptionZh: "新增「搜索」（「服务」下）：打开网页 https://a.example.com/s",
        description: 'Added "搜索" (under "服务"): open a web page https://a.example.com/s',
      },
    ]);
  });

  it("a changed link says from what to what", () => {
    const draft = structuredClone(live);
    draft.button[0]!.sub_button![0]!.url = "https://b.example.com/search";
    expect(diffMenus(draft, live)).toEqual([
      {
        kind: "changed",
        path: "button[0].sub_button[0]",
        name: "搜索",
        descriptionZh: "「搜索」的网页地址从 https://a.example.com/search 改为 https://b.example.com/search",
        description:
          'Changed the web address of "搜索" from https://a.example.com/search to https://b.example.com/search',
      },
    ]);
  });

  it("a changed key", () => {
    const draft = structuredClone(live);
    draft.button[2]!.key = "HELP";
    const [only, ...rest] = diffMenus(draft, live);
    expect(rest).toEqual([]);
    expect(only?.kind).toBe("changed");
    expect(only?.path).toBe("button[2]");
    expect(only?.descriptionZh).toBe("「客服」的按钮标识从「SUPPORT」改为「HELP」");
    expect(only?.description).toBe('Changed the button ID of "客服" from "SUPPORT" to "HELP"');
  });

  it("a renamed button is recognised by what it does (same key), not reported as removed + added", () => {
    const draft = structuredClone(live);
    draft.button[0]!.sub_button![1]!.name = "每日签到";
    const changes = diffMenus(draft, live);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: "changed",
      path: "button[0].sub_button[1]",
      name: "每日签到",
      descriptionZh: "「签到」改名为「每日签到」",
      description: 'Renamed "签到" to "每日签到"',
    });
  });

  it("a changed type describes both actions", () => {
    const draft = structuredClone(live);
    draft.button[2] = view("客服", "https://a.example.com/help");
    expect(diffMenus(draft, live)).toEqual([
      {
        kind: "changed",
        path: "button[2]",
        name: "客服",
        descriptionZh: "「客服」从回复消息（按钮标识：SUPPORT）改为打开网页 https://a.example.com/help",
        description:
          'Changed "客服" from reply with a message (button ID: SUPPORT) to open a web page https://a.example.com/help',
      },
    ]);
  });

  it("added and removed buttons; removals come last with their live path", () => {
    const draft = structuredClone(live);
    draft.button[1]!.sub_button!.push(view("招聘", "https://a.example.com/jobs"));
    draft.button[0]!.sub_button!.splice(1, 1);
    const changes = diffMenus(draft, live);
    expect(changes.map((c) => [c.kind, c.path, c.name])).toEqual([
      ["added", "button[1].sub_button[1]", "招聘"],
      ["removed", "button[0].sub_button[1]", "签到"],
    ]);
    expect(changes[1]?.descriptionZh).toBe("删除「签到」（「服务」下）");
    expect(changes[1]?.description).toBe('Removed "签到" (under "服务")');
  });

  it("a button moved to another submenu is a move, not removed + added", () => {
    const draft = menu(
      sub("服务", view("搜索", "https://a.example.com/search")),
      sub("更多", view("关于我们", "https://a.example.com/about"), click("签到", "SIGN_IN")),
      click("客服", "SUPPORT"),
    );
    expect(diffMenus(draft, live)).toEqual([
      {
        kind: "moved",
        path: "button[1].sub_button[1]",
        name: "签到",
        descriptionZh: "「签到」从「服务」下移到「更多」下",
        description: 'Moved "签到" from under "服务" to under "更多"',
      },
    ]);
  });

  it("a button moved out to the top level", () => {
    const draft = menu(
      sub("服务", view("搜索", "https://a.example.com/search")),
      click("签到", "SIGN_IN"),
      click("客服", "SUPPORT"),
    );
    const changes = diffMenus(draft, live);
    expect(changes.map((c) => [c.kind, c.path, c.name])).toEqual([
      ["moved", "button[1]", "签到"],
      ["removed", "button[1]", "更多"],
      ["removed", "button[1].sub_button[0]", "关于我们"],
    ]);
    expect(changes[0]?.descriptionZh).toBe("「签到」从「服务」下移到一级菜单");
  });

  it("swapping two siblings reports the one that moved, not every shifted neighbour", () => {
    const draft = structuredClone(live);
    const services = draft.button[0]!.sub_button!;
    draft.button[0]!.sub_button = [services[1]!, services[0]!];
    const changes = diffMenus(draft, live);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "moved", name: "搜索", path: "button[0].sub_button[1]" });
    expect(changes[0]?.descriptionZh).toBe("「搜索」在「服务」下从第 1 位移到第 2 位");
  });

  it("inserting a button at the front does not call its siblings moved", () => {
    const draft = structuredClone(live);
    draft.button[0]!.sub_button!.unshift(click("新品", "NEW"));
    expect(diffMenus(draft, live).map((c) => [c.kind, c.name])).toEqual([["added", "新品"]]);
  });

  it("a renamed submenu keeps its children (recognised through them)", () => {
    const draft = structuredClone(live);
    draft.button[0]!.name = "服务中心";
    const changes = diffMenus(draft, live);
    expect(changes).toEqual([
      {
        kind: "changed",
        path: "button[0]",
        name: "服务中心",
        descriptionZh: "「服务」改名为「服务中心」",
        description: 'Renamed "服务" to "服务中心"',
      },
    ]);
  });

  it("a leaf that became a submenu", () => {
    const draft = structuredClone(live);
    draft.button[2] = sub("客服", click("在线客服", "SUPPORT_ONLINE"));
    const changes = diffMenus(draft, live);
    expect(changes.map((c) => [c.kind, c.path])).toEqual([
      ["changed", "button[2]"],
      ["added", "button[2].sub_button[0]"],
    ]);
    expect(changes[0]?.descriptionZh).toBe("「客服」从回复消息（按钮标识：SUPPORT）改为展开子菜单（1 个）");
  });
});
