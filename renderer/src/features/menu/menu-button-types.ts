import type { MenuButtonType } from "@wxdesk/wechat/menu";

/** The fields a button's action may carry besides `name` (wire names, because they go to WeChat as is). */
export type ActionField = "url" | "key" | "appid" | "pagepath" | "media_id" | "article_id";

/** §7.1 table: the fields each type needs. Anything else the editor keeps is not sent. */
export const TYPE_FIELDS: Record<MenuButtonType, readonly ActionField[]> = {
  view: ["url"],
  click: ["key"],
  miniprogram: ["appid", "pagepath", "url"],
  scancode_push: ["key"],
  scancode_waitmsg: ["key"],
  pic_sysphoto: ["key"],
  pic_photo_or_album: ["key"],
  pic_weixin: ["key"],
  location_select: ["key"],
  media_id: ["media_id"],
  view_limited: ["media_id"],
  article_id: ["article_id"],
  article_view_limited: ["article_id"],
};

/** What most accounts use, offered first; the rest sit under 「更多」. */
export const MAIN_TYPES = ["view", "click", "miniprogram"] as const satisfies readonly MenuButtonType[];

export const MORE_TYPES = [
  "scancode_push",
  "scancode_waitmsg",
  "pic_sysphoto",
  "pic_photo_or_album",
  "pic_weixin",
  "location_select",
  "media_id",
  "article_id",
  "article_view_limited",
  "view_limited",
] as const satisfies readonly MenuButtonType[];

export function isMainType(type: MenuButtonType): type is (typeof MAIN_TYPES)[number] {
  return (MAIN_TYPES as readonly string[]).includes(type);
}
