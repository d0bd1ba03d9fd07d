import { looksLikeWeChatAppId } from "./appid.js";

/*
 * WeChat's own checks on `menu/create` and `menu/addconditional` (protocol sheet §7.1, §7.2, §7.5),
 * written here from the sheet and not taken from wechat/: the sandbox is the judge the client's
 * validator is tested against (rules/menu-rules-agree.test.ts runs one corpus through both).
 * WeChat answers the first problem it meets, so every check returns an errcode or nothing.
 */

/** The limits of §7.1; byte lengths are UTF-8 bytes, as the sheet says a simulator should count. */
const LIMIT = {
  topItems: 3,
  subItems: 5,
  topNameBytes: 16,
  subNameBytes: 60,
  keyBytes: 128,
  urlBytes: 1024,
  linkDomains: 3,
} as const;

type Level = "top" | "sub";

/** §7.2: the same rule has one errcode on a top-level item and another on a sub-button. */
const CODE: Record<"name" | "key" | "url" | "urlDomain" | "type", Record<Level, number>> = {
  name: { top: 40018, sub: 40025 },
  key: { top: 40019, sub: 40026 },
  url: { top: 40020, sub: 40027 },
  urlDomain: { top: 40055, sub: 40054 },
  type: { top: 40017, sub: 40024 },
};
const INVALID_MENU_TYPE = 40015;
const TOO_DEEP = 40022;
const SUB_COUNT = 40023;
const TOP_COUNT = 40016;
const NO_RESPONSE_TYPE = 65308;
const BAD_APPID = 40013;
const DATA_FORMAT = 47001;
const TOO_MANY_DOMAINS = 65316;

/**
 * §7.1's type table: the field each type needs. [?] The sheet names no errcode for a missing
 * media_id / article_id / pagepath; the sandbox answers 65308 "button has no response type", and
 * 40013 "invalid appid" for a miniprogram button's appid.
 */
const NEEDS: Record<string, "key" | "url" | "media_id" | "article_id" | "miniprogram"> = {
  click: "key",
  scancode_push: "key",
  scancode_waitmsg: "key",
  pic_sysphoto: "key",
  pic_photo_or_album: "key",
  pic_weixin: "key",
  location_select: "key",
  view: "url",
  miniprogram: "miniprogram",
  media_id: "media_id",
  view_limited: "media_id",
  article_id: "article_id",
  article_view_limited: "article_id",
};

const encoder = new TextEncoder();
const bytes = (text: string): number => encoder.encode(text).length;

/** A field counts as given when it is a string with something other than blanks in it. */
function given(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The lower-cased host of an absolute http(s) URL without blanks, else undefined (→ 40055/40054). */
function linkHost(url: string): string | undefined {
  if (/\s/.test(url) || !URL.canParse(url)) return undefined;
  const { protocol, hostname } = new URL(url);
  if (protocol !== "http:" && protocol !== "https:") return undefined;
  return hostname === "" ? undefined : hostname.toLowerCase();
}

/** Walks one menu body, remembering link hosts for the whole-menu domain count (65316). */
class MenuJudge {
  private readonly hosts = new Set<string>();

  body(body: unknown): number | undefined {
    if (!isRecord(body)) return DATA_FORMAT;
    const items = body.button;
    if (!Array.isArray(items) || items.length < 1 || items.length > LIMIT.topItems) return TOP_COUNT;
    for (const item of items) {
      const code = this.item(item, "top");
      if (code !== undefined) return code;
    }
    return this.hosts.size > LIMIT.linkDomains ? TOO_MANY_DOMAINS : undefined;
  }

  private item(item: unknown, level: Level): number | undefined {
    if (!isRecord(item)) return DATA_FORMAT;
    const name = item.name;
    const nameLimit = level === "top" ? LIMIT.topNameBytes : LIMIT.subNameBytes;
    if (!given(name) || bytes(name) > nameLimit) return CODE.name[level];
    const children = item.sub_button;
    // menu/get shows `sub_button: []` on every button (§7.3), so a menu read back must be accepted again:
    // an empty list is "no children" on a button with an action.
    const emptyList = Array.isArray(children) && children.length === 0;
    if (level === "sub") {
      if (children !== undefined && !emptyList) return TOO_DEEP;
    } else if (children !== undefined && !(emptyList && item.type !== undefined)) {
      return this.children(children);
    }
    return this.action(item, level);
  }

  /** §7.1: a top-level item with sub-buttons is only a container (1–5 of them), its own type unused. */
  private children(children: unknown): number | undefined {
    if (!Array.isArray(children) || children.length < 1 || children.length > LIMIT.subItems) return SUB_COUNT;
    for (const child of children) {
      const code = this.item(child, "sub");
      if (code !== undefined) return code;
    }
    return undefined;
  }

  private action(item: Record<string, unknown>, level: Level): number | undefined {
    const type = item.type;
    if (type === undefined) return NO_RESPONSE_TYPE;
    if (typeof type !== "string") return INVALID_MENU_TYPE;
    const need = Object.hasOwn(NEEDS, type) ? NEEDS[type] : undefined;
    switch (need) {
      case undefined:
        return CODE.type[level];
      case "key":
        return given(item.key) && bytes(item.key) <= LIMIT.keyBytes ? undefined : CODE.key[level];
      case "media_id":
      case "article_id":
        return given(item[need]) ? undefined : NO_RESPONSE_TYPE;
      case "url":
        return this.link(item.url, level);
      case "miniprogram":
        return (
          this.link(item.url, level) ??
          (given(item.appid) && looksLikeWeChatAppId(item.appid) ? undefined : BAD_APPID) ??
          (given(item.pagepath) ? undefined : NO_RESPONSE_TYPE)
        );
    }
  }

  private link(url: unknown, level: Level): number | undefined {
    if (!given(url) || bytes(url) > LIMIT.urlBytes) return CODE.url[level];
    const host = linkHost(url);
    if (host === undefined) return CODE.urlDomain[level];
    this.hosts.add(host);
    return undefined;
  }
}

/** What WeChat answers a `menu/create` body with: an errcode, or undefined when it takes the menu. */
export function menuCreateVerdict(body: unknown): number | undefined {
  return new MenuJudge().body(body);
}

// §7.5: the fields a match rule may hold; the privacy ones are refused since 2021 (65320).
const PRIVACY = ["sex", "country", "province", "city", "language"];
const MATCH_FIELDS = ["tag_id", "client_platform_type", ...PRIVACY];

/** WeChat and SDKs treat an empty string like an absent field. */
const present = (value: unknown): boolean => value !== undefined && value !== null && value !== "";

/**
 * §7.5 match rule: not empty (65304), no privacy field (65320 — which also covers the region fields, so
 * their top-down order, 65310/65311, never decides), platform 1–3 and a numeric tag. [?] No errcode is
 * documented for a malformed platform or tag: 47001.
 */
export function matchRuleVerdict(rule: unknown): number | undefined {
  if (rule === undefined) return 65304;
  if (!isRecord(rule)) return DATA_FORMAT;
  if (!MATCH_FIELDS.some((field) => present(rule[field]))) return 65304;
  if (PRIVACY.some((field) => present(rule[field]))) return 65320;
  const platform = rule.client_platform_type;
  if (present(platform) && !["1", "2", "3"].includes(platform as string)) return DATA_FORMAT;
  const tag = rule.tag_id;
  if (present(tag) && !(typeof tag === "string" && /^[0-9]+$/.test(tag))) return DATA_FORMAT;
  return undefined;
}

/** What WeChat answers an `addconditional` body with: the buttons first, then the match rule. */
export function conditionalMenuVerdict(body: unknown): number | undefined {
  return menuCreateVerdict(body) ?? (isRecord(body) ? matchRuleVerdict(body.matchrule) : undefined);
}
