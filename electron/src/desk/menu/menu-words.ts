import type { MenuButton } from "@wxdesk/wechat";
import { MENU_BUTTON_TABLE } from "@wxdesk/wechat/menu";

/** Words for menu buttons, for the change list a non-technical admin reads before publishing. */
export interface Words {
  zh: string;
  en: string;
}

export function isSubmenu(button: MenuButton): boolean {
  return button.type === undefined || (button.sub_button !== undefined && button.sub_button.length > 0);
}

/** The fields whose change is told on its own when the type stays the same. */
export const FIELD_WORDS = {
  url: { zh: "网页地址", en: "web address" },
  key: { zh: "按钮标识", en: "button ID" },
  media_id: { zh: "素材编号", en: "media ID" },
  article_id: { zh: "文章编号", en: "article ID" },
  appid: { zh: "小程序 AppID", en: "Mini Program AppID" },
  pagepath: { zh: "小程序页面路径", en: "Mini Program page path" },
} as const satisfies Record<string, Words>;

const isTableType = (type: string): type is keyof typeof MENU_BUTTON_TABLE =>
  Object.hasOwn(MENU_BUTTON_TABLE, type);

const none = { zh: "（空）", en: "(none)" };
const or = (value: string | undefined, lang: "zh" | "en") => (value ? value : none[lang]);

/**
 * Each action in the words the menu editor's type picker shows (wechat/'s MENU_BUTTON_TABLE, the glossary
 * in renderer/CONVENTIONS.md): the same thing has one name on every screen. English is lower-cased
 * because it follows "from" / a colon inside a sentence.
 */
function typeWords(type: string | undefined): Words {
  if (type === undefined || !isTableType(type)) return { zh: type ?? "", en: type ?? "" };
  const { zh, en } = MENU_BUTTON_TABLE[type];
  return { zh, en: en.charAt(0).toLowerCase() + en.slice(1) };
}

/** What tapping the button does, e.g. 「打开网页 https://…」 / "open a web page https://…". */
export function describeAction(button: MenuButton): Words {
  if (isSubmenu(button)) {
    const n = button.sub_button?.length ?? 0;
    return { zh: `展开子菜单（${n} 个）`, en: `open its sub-buttons (${n})` };
  }
  const type = typeWords(button.type);
  const value = (field: string | undefined, lang: "zh" | "en") => `${type[lang]} ${or(field, lang)}`;
  switch (button.type) {
    case "view":
      return { zh: value(button.url, "zh"), en: value(button.url, "en") };
    case "miniprogram":
      return {
        zh: `打开小程序 ${or(button.appid, "zh")} 的页面 ${or(button.pagepath, "zh")}`,
        en: `open Mini Program ${or(button.appid, "en")} at ${or(button.pagepath, "en")}`,
      };
    case "media_id":
    case "view_limited":
      return { zh: value(button.media_id, "zh"), en: value(button.media_id, "en") };
    case "article_id":
    case "article_view_limited":
      return { zh: value(button.article_id, "zh"), en: value(button.article_id, "en") };
    default: {
      const key = FIELD_WORDS.key;
      return {
        zh: `${type.zh}（${key.zh}：${or(button.key, "zh")}）`,
        en: `${type.en} (${key.en}: ${or(button.key, "en")})`,
      };
    }
  }
}

export type ChangeableField = keyof typeof FIELD_WORDS;

export function fieldChange(name: string, field: ChangeableField, from?: string, to?: string): Words {
  const w = FIELD_WORDS[field];
  // Links are shown bare (spaced, so they stay clickable and readable); short identifiers in quotes,
  // so an empty or odd value stays visible.
  if (field === "url") {
    return {
      zh: `「${name}」的${w.zh}从 ${or(from, "zh")} 改为 ${or(to, "zh")}`,
      en: `Changed the ${w.en} of "${name}" from ${or(from, "en")} to ${or(to, "en")}`,
    };
  }
  // Latin words inside Chinese text get a space on that side: 「的 key 从」, 「的小程序 AppID 从」.
  const zhLabel = `${/^[\x21-\x7e]/.test(w.zh) ? " " : ""}${w.zh}${/[\x21-\x7e]$/.test(w.zh) ? " " : ""}`;
  return {
    zh: `「${name}」的${zhLabel}从「${from ?? ""}」改为「${to ?? ""}」`,
    en: `Changed the ${w.en} of "${name}" from "${from ?? ""}" to "${to ?? ""}"`,
  };
}

/** `「服务」下` / `under "服务"`, or the top level. */
export function placeWords(parentName: string | undefined): Words {
  return parentName === undefined
    ? { zh: "一级菜单", en: "the top level" }
    : { zh: `「${parentName}」下`, en: `under "${parentName}"` };
}
