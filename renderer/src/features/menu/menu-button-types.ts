import {
  type ActionField,
  MENU_BUTTON_TABLE,
  MENU_BUTTON_TYPES,
  type MenuButtonType,
} from "@wxdesk/wechat/menu";

export type { ActionField };

/** The fields each type needs, from wechat/'s §7.1 table. Anything else the editor keeps is not sent. */
export function typeFields(type: MenuButtonType): readonly ActionField[] {
  return MENU_BUTTON_TABLE[type].fields;
}

/** What most accounts use, offered first; the rest sit under 「更多」. */
export const MAIN_TYPES = ["view", "click", "miniprogram"] as const satisfies readonly MenuButtonType[];

type MoreType = Exclude<MenuButtonType, (typeof MAIN_TYPES)[number]>;

/** The rest, under 「更多」, in wechat/'s order (one list of types; the old `view_limited` last). */
export const MORE_TYPES: readonly [MoreType, ...MoreType[]] = moreTypes();

function moreTypes(): [MoreType, ...MoreType[]] {
  const [first, ...rest] = MENU_BUTTON_TYPES.filter((type): type is MoreType => !isMainType(type));
  if (first === undefined) throw new Error("wechat/'s MENU_BUTTON_TYPES has no type besides the main ones");
  return [first, ...rest];
}

export function isMainType(type: MenuButtonType): type is (typeof MAIN_TYPES)[number] {
  return (MAIN_TYPES as readonly string[]).includes(type);
}
