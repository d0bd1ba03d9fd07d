import type { Menu } from "@wxdesk/wechat";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, type ListedUser, listUsers, startHarness } from "../testing/sandbox-harness.js";

let h: Harness;
let token: string;
let users: ListedUser[];

const MENU: Menu = {
  button: [
    { type: "click", name: "今日歌曲", key: "V1001_TODAY_MUSIC" },
    {
      name: "菜单",
      sub_button: [
        { type: "view", name: "搜索", url: "http://www.soso.com/" },
        { type: "click", name: "赞一下我们", key: "V1001_GOOD" },
      ],
    },
  ],
};
const VIP_MENU: Menu = { button: [{ type: "click", name: "VIP", key: "VIP" }] };
const ANDROID_MENU: Menu = { button: [{ type: "click", name: "安卓", key: "ANDROID" }] };

beforeAll(async () => {
  h = await startHarness();
  users = await listUsers(h);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.post("/_sandbox/reset", {});
  token = await h.globalToken();
});

const call = async (path: string, body?: unknown) =>
  await (body === undefined
    ? h.json(`${path}?access_token=${token}`)
    : (await h.post(`${path}?access_token=${token}`, body)).json());

describe("menu create/get/delete", () => {
  it("stores the menu and returns it with sub_button everywhere, without menuid or conditionalmenu (§7.3)", async () => {
    await expect(h.client.getMenu(token)).resolves.toBeNull();
    expect(await call("/cgi-bin/menu/get")).toMatchObject({ errcode: 46003 });
    await h.client.createMenu(token, MENU);
    const got = (await call("/cgi-bin/menu/get")) as {
      menu: { button: Array<{ sub_button: unknown[] }>; menuid?: number };
    };
    // WeChat (wechatpy's menu_get.json fixture): a plain menu is {"menu":{"button":[…]}}, nothing more.
    expect(Object.keys(got)).toEqual(["menu"]);
    expect(Object.keys(got.menu)).toEqual(["button"]);
    expect(got.menu.button[0]).toEqual({
      type: "click",
      name: "今日歌曲",
      key: "V1001_TODAY_MUSIC",
      sub_button: [],
    });
    expect(got.menu.button[1]?.sub_button).toHaveLength(2);
    expect(got.menu.button[1]?.sub_button[0]).toMatchObject({ sub_button: [] });
    expect(got).not.toHaveProperty("conditionalmenu");
    const viaClient = await h.client.getMenu(token);
    expect(viaClient?.menu.button[0]?.name).toBe("今日歌曲");
    await h.client.deleteMenu(token);
    await expect(h.client.getMenu(token)).resolves.toBeNull();
  });

  it.each([
    [{ button: [] }, 40016],
    [{ button: [{ type: "click", name: "一二三四五六七八九", key: "k" }] }, 40018],
    [{ button: [{ type: "view", name: "a" }] }, 40020],
    [{ button: [{ type: "teleport", name: "a", key: "k" }] }, 40017],
    [{ button: [{ name: "a", sub_button: [{ type: "click", name: "b" }] }] }, 40026],
  ])("answers the first validation problem's errcode %#", async (menu, errcode) => {
    expect(await call("/cgi-bin/menu/create", menu)).toMatchObject({ errcode });
    await expect(h.client.getMenu(token)).resolves.toBeNull();
  });

  it("answers 47001 for broken JSON and 44002 for an empty body", async () => {
    expect(await call("/cgi-bin/menu/create", "{")).toMatchObject({ errcode: 47001 });
    expect(await call("/cgi-bin/menu/create", "")).toMatchObject({ errcode: 44002 });
  });
});

describe("conditional menus", () => {
  it("needs a default menu (65303), returns menuid as a string, lists group_id in menu/get", async () => {
    expect(
      await call("/cgi-bin/menu/addconditional", { ...VIP_MENU, matchrule: { tag_id: "100" } }),
    ).toMatchObject({
      errcode: 65303,
    });
    await h.client.createMenu(token, MENU);
    const raw = (await call("/cgi-bin/menu/addconditional", {
      ...VIP_MENU,
      matchrule: { tag_id: "100" },
    })) as {
      menuid: unknown;
    };
    expect(typeof raw.menuid).toBe("string");
    const got = (await call("/cgi-bin/menu/get")) as {
      menu: { menuid?: unknown };
      conditionalmenu: Array<{ matchrule: Record<string, unknown>; menuid: number }>;
    };
    // §7.3: with personalised menus the default menu carries its menuid too, as a number.
    expect(typeof got.menu.menuid).toBe("number");
    expect(got.conditionalmenu).toHaveLength(1);
    expect(got.conditionalmenu[0]?.matchrule).toEqual({ group_id: 100 });
    expect(got.conditionalmenu[0]?.menuid).toBe(Number(raw.menuid));
  });

  it("validates match rules (65304 empty, 65320 privacy fields)", async () => {
    await h.client.createMenu(token, MENU);
    expect(await call("/cgi-bin/menu/addconditional", { ...VIP_MENU, matchrule: {} })).toMatchObject({
      errcode: 65304,
    });
    expect(
      await call("/cgi-bin/menu/addconditional", { ...VIP_MENU, matchrule: { sex: "1" } }),
    ).toMatchObject({
      errcode: 65320,
    });
  });

  it("trymatch: newest matching conditional menu wins, else the default", async () => {
    await h.client.createMenu(token, MENU);
    const vip = await h.client.addConditionalMenu(token, { ...VIP_MENU, matchrule: { tag_id: "100" } });
    await h.client.addConditionalMenu(token, { ...ANDROID_MENU, matchrule: { client_platform_type: "2" } });
    const zhang = users.find((u) => u.nickname === "张伟")!; // tag 100, iOS
    const huang = users.find((u) => u.nickname === "黄强")!; // tag 100, Android
    const wang = users.find((u) => u.nickname === "赵敏✨")!; // no tags, iOS
    expect((await h.client.tryMatchMenu(token, zhang.openid)).button[0]?.key).toBe("VIP");
    expect((await h.client.tryMatchMenu(token, huang.openid)).button[0]?.key).toBe("ANDROID");
    expect((await h.client.tryMatchMenu(token, wang.openid)).button[0]?.key).toBe("V1001_TODAY_MUSIC");
    expect(await call("/cgi-bin/menu/trymatch", { user_id: "nobody" })).toMatchObject({ errcode: 65302 });

    await h.client.deleteConditionalMenu(token, vip.menuid);
    expect(await call("/cgi-bin/menu/delconditional", { menuid: vip.menuid })).toMatchObject({
      errcode: 65301,
    });
    expect((await h.client.tryMatchMenu(token, zhang.openid)).button[0]?.key).toBe("V1001_TODAY_MUSIC");

    // menu/delete removes conditional menus too.
    await h.client.deleteMenu(token);
    expect(await call("/cgi-bin/menu/trymatch", { user_id: huang.openid })).toMatchObject({ errcode: 46003 });
    await h.client.createMenu(token, MENU);
    expect((await h.client.tryMatchMenu(token, huang.openid)).button[0]?.key).toBe("V1001_TODAY_MUSIC");
  });
});

describe("get_current_selfmenu_info", () => {
  it("wraps sub-buttons in {list} and reports is_menu_open", async () => {
    expect(await h.client.getCurrentSelfMenuInfo(token)).toMatchObject({ is_menu_open: 0 });
    await h.client.createMenu(token, MENU);
    const info = (await call("/cgi-bin/get_current_selfmenu_info")) as {
      is_menu_open: number;
      selfmenu_info: { button: Array<Record<string, unknown>> };
    };
    expect(info.is_menu_open).toBe(1);
    expect(info.selfmenu_info.button[0]).toEqual({
      type: "click",
      name: "今日歌曲",
      key: "V1001_TODAY_MUSIC",
    });
    expect(info.selfmenu_info.button[1]).toEqual({
      name: "菜单",
      sub_button: {
        list: [
          { type: "view", name: "搜索", url: "http://www.soso.com/" },
          { type: "click", name: "赞一下我们", key: "V1001_GOOD" },
        ],
      },
    });
    await expect(h.client.getCurrentSelfMenuInfo(token)).resolves.toMatchObject({ is_menu_open: 1 });
  });
});
