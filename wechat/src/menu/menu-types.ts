/** Every `type` `menu/create` accepts (§7.1 table), in the order the desk's editor offers them (the old `view_limited` last). */
export const MENU_BUTTON_TYPES = [
  "click",
  "view",
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
  "miniprogram",
] as const;

export type MenuButtonType = (typeof MENU_BUTTON_TYPES)[number];

/** One button as sent to `menu/create`; wire names are WeChat's snake_case because this object is the body. */
export interface MenuButton {
  type?: MenuButtonType;
  name: string;
  key?: string;
  url?: string;
  media_id?: string;
  article_id?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: MenuButton[];
}

export interface Menu {
  button: MenuButton[];
}

/** Conditional-menu rule (§7.5). All values are strings on the way in; sex/region/language are rejected (65320). */
export interface MatchRule {
  tag_id?: string;
  client_platform_type?: string;
  sex?: string;
  country?: string;
  province?: string;
  city?: string;
  language?: string;
}

export interface ConditionalMenuInput {
  button: MenuButton[];
  matchrule: MatchRule;
}

/** `menu/get` answer (§7.3): menuid is a number here, every button carries `sub_button` (maybe empty). */
export interface MenuGetResult {
  menu: { button: MenuButton[]; menuid?: number };
  conditionalmenu?: Array<{ button: MenuButton[]; matchrule: Record<string, unknown>; menuid: number }>;
}

/** `get_current_selfmenu_info` answer (§7.4) — a different shape, kept loose on purpose. */
export interface SelfMenuInfo {
  is_menu_open: 0 | 1;
  selfmenu_info?: { button: unknown[] };
}

/**
 * One thing wrong with a menu: a WeChat rule (with the errcode WeChat would answer for it), or one of
 * wxdesk's own rules (`rule: "wxdesk"`, no errcode: WeChat accepts the menu, wxdesk does not).
 */
export interface MenuProblem {
  /** Where, e.g. `button[1].sub_button[3].name`; `""` for the whole body. */
  path: string;
  /** Stable machine code, e.g. `name_too_long`, `key_duplicate`. */
  code: string;
  /** What WeChat answers for it (§7.2); absent on wxdesk's own rules, which WeChat does not have. */
  errcode?: number;
  /** `"wxdesk"`: our rule, not a WeChat limit (see menu-desk-rules.ts); absent on WeChat's rules. */
  rule?: "wxdesk";
  messageZh: string;
  messageEn: string;
  /** For counters (bytes, buttons, domains): the maximum allowed and the current value. */
  limit?: number;
  actual?: number;
}
