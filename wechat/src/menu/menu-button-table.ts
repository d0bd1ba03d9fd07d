import type { MenuButtonType } from "./menu-types.js";

/** The fields a button's action may carry besides `name` (wire names: they go to WeChat as they are). */
export type ActionField = "url" | "key" | "appid" | "pagepath" | "media_id" | "article_id";

/** One row of §7.1's type table: what the action needs, and its name in plain words (the glossary's). */
export interface MenuButtonTypeRow {
  /** The fields the type needs, in the order a form asks for them. */
  fields: readonly ActionField[];
  /** The action as an admin calls it, zh-CN and English (sentence case: "Open a web page"). */
  zh: string;
  en: string;
}

/**
 * §7.1's type table, once for every layer: the validator derives its field rules from it, the desk's
 * change list and the menu editor show its names, so a type reads the same on every screen.
 */
export const MENU_BUTTON_TABLE: Readonly<Record<MenuButtonType, MenuButtonTypeRow>> = {
  view: { fields: ["url"], zh: "打开网页", en: "Open a web page" },
  click: { fields: ["key"], zh: "回复消息", en: "Reply with a message" },
  miniprogram: { fields: ["appid", "pagepath", "url"], zh: "打开小程序", en: "Open a Mini Program" },
  scancode_push: { fields: ["key"], zh: "扫一扫", en: "Scan a code" },
  scancode_waitmsg: { fields: ["key"], zh: "扫一扫，等公众号回复", en: "Scan and wait for a reply" },
  pic_sysphoto: { fields: ["key"], zh: "拍照发图", en: "Take a photo" },
  pic_photo_or_album: { fields: ["key"], zh: "拍照或从相册选图", en: "Photo or album" },
  pic_weixin: { fields: ["key"], zh: "从微信相册选图", en: "Pick from WeChat album" },
  location_select: { fields: ["key"], zh: "发送位置", en: "Send a location" },
  media_id: { fields: ["media_id"], zh: "发送素材", en: "Send media" },
  view_limited: { fields: ["media_id"], zh: "打开图文素材（旧）", en: "Open a news item (old)" },
  article_id: { fields: ["article_id"], zh: "发送已发布的文章", en: "Send a published article" },
  article_view_limited: { fields: ["article_id"], zh: "打开已发布的文章", en: "Open a published article" },
};

/** The types whose action needs `field` (e.g. every key type: it pushes an event carrying the key, §9). */
export function typesNeeding(field: ActionField): ReadonlySet<string> {
  const types = Object.entries(MENU_BUTTON_TABLE).filter(([, row]) => row.fields.includes(field));
  return new Set(types.map(([type]) => type));
}
