import { type ActionField, MENU_BUTTON_TABLE, type MenuButtonType } from "@wxdesk/wechat/menu";

export type { ActionField };

/** The fields each type needs, from wechat/'s §7.1 table. Anything else the editor keeps is not sent. */
export function typeFields(type: MenuButtonType): readonly ActionField[] {
  return MENU_BUTTON_TABLE[type].fields;
}

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
