import type { MenuButton } from "@wxdesk/wechat";

/** Words for menu buttons, for the change list a non-technical admin reads before publishing. */
export interface Words {
  zh: string;
  en: string;
}

export function isSubmenu(button: MenuButton): boolean {
  return button.type === undefined || (button.sub_button !== undefined && button.sub_button.length > 0);
}

const TYPE_WORDS: Record<string, Words> = {
  click: { zh: "点击事件", en: "click event" },
  scancode_push: { zh: "扫码", en: "scan a QR code" },
  scancode_waitmsg: { zh: "扫码并等待消息", en: "scan a QR code and wait for a message" },
  pic_sysphoto: { zh: "拍照发图", en: "take a photo" },
  pic_photo_or_album: { zh: "拍照或从相册发图", en: "photo or album" },
  pic_weixin: { zh: "从微信相册发图", en: "WeChat album" },
  location_select: { zh: "发送位置", en: "send location" },
};

const none = { zh: "（空）", en: "(none)" };
const or = (value: string | undefined, lang: "zh" | "en") => (value ? value : none[lang]);

/** What tapping the button does, e.g. 「打开网页 https://…」 / "opens https://…". */
export function describeAction(button: MenuButton): Words {
  if (isSubmenu(button)) {
    const n = button.sub_button?.length ?? 0;
    return { zh: `子菜单（${n} 个按钮）`, en: `a submenu (${n} button${n === 1 ? "" : "s"})` };
  }
  switch (button.type) {
    case "view":
      return { zh: `打开网页 ${or(button.url, "zh")}`, en: `opens ${or(button.url, "en")}` };
    case "miniprogram":
      return {
        zh: `打开小程序 ${or(button.appid, "zh")} 的页面 ${or(button.pagepath, "zh")}`,
        en: `opens mini program ${or(button.appid, "en")} at ${or(button.pagepath, "en")}`,
      };
    case "media_id":
    case "view_limited":
      return {
        zh: `发送素材 ${or(button.media_id, "zh")}`,
        en: `sends material ${or(button.media_id, "en")}`,
      };
    case "article_id":
    case "article_view_limited":
      return {
        zh: `打开已发布的文章 ${or(button.article_id, "zh")}`,
        en: `opens published article ${or(button.article_id, "en")}`,
      };
    default: {
      const type = TYPE_WORDS[button.type ?? ""] ?? { zh: button.type ?? "", en: button.type ?? "" };
      return {
        zh: `${type.zh}（key：${or(button.key, "zh")}）`,
        en: `${type.en} (key: ${or(button.key, "en")})`,
      };
    }
  }
}

/** The fields whose change is told on its own when the type stays the same. */
export const FIELD_WORDS = {
  url: { zh: "链接", en: "link" },
  key: { zh: "key", en: "key" },
  media_id: { zh: "素材 ID", en: "material id" },
  article_id: { zh: "文章 ID", en: "article id" },
  appid: { zh: "小程序 AppID", en: "mini program AppID" },
  pagepath: { zh: "小程序页面", en: "mini program page" },
} as const satisfies Record<string, Words>;

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
