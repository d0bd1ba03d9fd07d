import type { Menu, MenuButton } from "@wxdesk/wechat/menu";

/** Small factories for menus in tests (STYLE.md: factories, not JSON blobs). */
export const view = (name: string, url = "https://shop.example.com/"): MenuButton => ({
  type: "view",
  name,
  url,
});
export const click = (name: string, key = "KEY"): MenuButton => ({ type: "click", name, key });
export const parent = (name: string, ...sub_button: MenuButton[]): MenuButton => ({ name, sub_button });
export const menuOf = (...button: MenuButton[]): Menu => ({ button });

/** The protocol sheet's canonical example (§7.1), valid as is. */
export const sampleMenu = (): Menu =>
  menuOf(
    click("今日歌曲", "V1001_TODAY_MUSIC"),
    parent(
      "菜单",
      view("搜索", "https://www.soso.com/"),
      {
        type: "miniprogram",
        name: "wxa",
        url: "https://mp.weixin.qq.com",
        appid: "wx286b93c14bbf93aa",
        pagepath: "pages/lunar/index",
      },
      click("赞一下我们", "V1001_GOOD"),
    ),
  );
