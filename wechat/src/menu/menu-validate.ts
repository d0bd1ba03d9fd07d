import { isValidAppId } from "../authorize/check-authorize-link.js";
import { typesNeeding } from "./menu-button-table.js";
import { MENU_LIMITS, utf8ByteLength } from "./menu-limits.js";
import { type MenuLevel, menuProblem, type ProblemContext } from "./menu-problem.js";
import { MENU_BUTTON_TYPES, type MenuButtonType, type MenuProblem } from "./menu-types.js";

// §7.1: the field each type needs besides `name` (menu-button-table.ts). Key types push an event carrying the key (§9).
export const KEY_TYPES = typesNeeding("key");
const URL_TYPES = typesNeeding("url");
const MEDIA_TYPES = typesNeeding("media_id");
const ARTICLE_TYPES = typesNeeding("article_id");
const KNOWN_TYPES: ReadonlySet<string> = new Set(MENU_BUTTON_TYPES);

/**
 * errcodes per level (§7.2): top-level and sub-button problems have separate codes. Where the sheet gives no
 * code for a rule (media_id/article_id/pagepath missing), 65308 "button has no response type" is used [?];
 * a bad miniprogram appid uses the global 40013 "invalid appid" [?]; a non-http(s) url uses 40055/40054
 * ("invalid button url domain"), which is what WeChat answers for a url without a scheme.
 */
const ERRCODES = {
  name: { top: 40018, sub: 40025 },
  key: { top: 40019, sub: 40026 },
  url: { top: 40020, sub: 40027 },
  urlInvalid: { top: 40055, sub: 40054 },
  type: { top: 40017, sub: 40024 },
} as const;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function isHttpUrl(url: string): URL | undefined {
  if (/\s/.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== ""
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/** Collects problems for one menu; also records link domains in document order for the 65316 check. */
class MenuChecker {
  readonly problems: MenuProblem[] = [];
  readonly domains: Array<{ host: string; path: string }> = [];

  add(path: string, code: string, errcode: number, c?: ProblemContext): void {
    this.problems.push(menuProblem(path, code, errcode, c));
  }

  checkName(button: Obj, path: string, level: MenuLevel): void {
    const name = button.name;
    if (!isNonEmptyString(name)) {
      this.add(`${path}.name`, "name_empty", ERRCODES.name[level], { level });
      return;
    }
    const limit = level === "top" ? MENU_LIMITS.topNameBytes : MENU_LIMITS.subNameBytes;
    const actual = utf8ByteLength(name);
    if (actual > limit) {
      this.add(`${path}.name`, "name_too_long", ERRCODES.name[level], { level, limit, actual });
    }
  }

  checkAction(button: Obj, path: string, level: MenuLevel, type: MenuButtonType): void {
    const detail = type;
    if (KEY_TYPES.has(type)) {
      const key = button.key;
      if (!isNonEmptyString(key)) {
        this.add(`${path}.key`, "key_missing", ERRCODES.key[level], { level, detail });
      } else {
        const actual = utf8ByteLength(key);
        if (actual > MENU_LIMITS.keyBytes) {
          this.add(`${path}.key`, "key_too_long", ERRCODES.key[level], {
            level,
            limit: MENU_LIMITS.keyBytes,
            actual,
          });
        }
      }
    }
    if (URL_TYPES.has(type)) this.checkUrl(button, path, level, detail);
    if (MEDIA_TYPES.has(type) && !isNonEmptyString(button.media_id)) {
      this.add(`${path}.media_id`, "media_id_missing", 65308, { level, detail });
    }
    if (ARTICLE_TYPES.has(type) && !isNonEmptyString(button.article_id)) {
      this.add(`${path}.article_id`, "article_id_missing", 65308, { level, detail });
    }
    if (type === "miniprogram") {
      const appid = button.appid;
      if (!isNonEmptyString(appid)) {
        this.add(`${path}.appid`, "appid_missing", 40013, { level });
      } else if (!isValidAppId(appid)) {
        this.add(`${path}.appid`, "appid_invalid", 40013, { level, value: appid });
      }
      if (!isNonEmptyString(button.pagepath)) {
        this.add(`${path}.pagepath`, "pagepath_missing", 65308, { level });
      }
    }
  }

  checkUrl(button: Obj, path: string, level: MenuLevel, detail: string): void {
    const url = button.url;
    if (!isNonEmptyString(url)) {
      this.add(`${path}.url`, "url_missing", ERRCODES.url[level], { level, detail });
      return;
    }
    const actual = utf8ByteLength(url);
    if (actual > MENU_LIMITS.urlBytes) {
      this.add(`${path}.url`, "url_too_long", ERRCODES.url[level], {
        level,
        limit: MENU_LIMITS.urlBytes,
        actual,
      });
    }
    const parsed = isHttpUrl(url);
    if (!parsed) this.add(`${path}.url`, "url_invalid", ERRCODES.urlInvalid[level], { level, value: url });
    else this.domains.push({ host: parsed.hostname.toLowerCase(), path: `${path}.url` });
  }

  checkButton(value: unknown, path: string, level: MenuLevel): void {
    if (!isObject(value)) {
      this.add(path, "button_not_object", 47001, { level });
      return;
    }
    this.checkName(value, path, level);
    const sub = value.sub_button;
    const hasType = value.type !== undefined;
    if (level === "sub") {
      // menu/get shows `sub_button: []` on every button (§7.3), so an empty list is accepted when round-tripping.
      if (sub !== undefined && !(Array.isArray(sub) && sub.length === 0)) {
        this.add(`${path}.sub_button`, "too_deep", 40022, { level });
      }
    } else if (sub !== undefined && !(Array.isArray(sub) && sub.length === 0 && hasType)) {
      // A top-level item with sub-buttons is only a container: its own type is not needed (§7.1).
      this.checkSubButtons(sub, path);
      return;
    }
    this.checkType(value, path, level);
  }

  checkType(button: Obj, path: string, level: MenuLevel): void {
    const type = button.type;
    if (type === undefined) {
      if (level === "top") this.add(path, "no_action", 65308, { level });
      else this.add(`${path}.type`, "type_missing", 65308, { level });
      return;
    }
    if (typeof type !== "string") {
      this.add(`${path}.type`, "type_invalid", 40015, { level });
      return;
    }
    if (!KNOWN_TYPES.has(type)) {
      this.add(`${path}.type`, "unknown_type", ERRCODES.type[level], { level, value: type });
      return;
    }
    this.checkAction(button, path, level, type as MenuButtonType);
  }

  checkSubButtons(sub: unknown, path: string): void {
    const subPath = `${path}.sub_button`;
    if (!Array.isArray(sub)) {
      this.add(subPath, "sub_button_not_array", 40023);
      return;
    }
    if (sub.length === 0) this.add(subPath, "no_sub_buttons", 40023, { limit: 1, actual: 0 });
    if (sub.length > MENU_LIMITS.subButtons) {
      this.add(subPath, "too_many_sub_buttons", 40023, { limit: MENU_LIMITS.subButtons, actual: sub.length });
    }
    sub.forEach((child, j) => {
      this.checkButton(child, `${subPath}[${j}]`, "sub");
    });
  }

  checkDomains(): void {
    // §7.1 / 65316: view and miniprogram links of the whole menu may use at most 3 distinct domains. Counted by
    // exact host name [?: WeChat does not say whether subdomains of one site count once].
    const seen: string[] = [];
    let firstOver: string | undefined;
    for (const { host, path } of this.domains) {
      if (seen.includes(host)) continue;
      seen.push(host);
      if (seen.length === MENU_LIMITS.urlDomains + 1) firstOver = path;
    }
    if (firstOver !== undefined) {
      this.add(firstOver, "too_many_domains", 65316, {
        limit: MENU_LIMITS.urlDomains,
        actual: seen.length,
        detail: seen.join(", "),
      });
    }
  }
}

/** Checks the `button` list of a body; shared by validateMenu and validateConditionalMenu. */
export function checkMenuBody(menu: unknown, checker = new MenuChecker()): MenuChecker {
  if (!isObject(menu)) {
    checker.add("", "body_not_object", 47001);
    return checker;
  }
  const buttons = menu.button;
  if (!Array.isArray(buttons)) {
    checker.add("button", "button_missing", 40016);
    return checker;
  }
  if (buttons.length === 0) checker.add("button", "no_buttons", 40016, { limit: 1, actual: 0 });
  if (buttons.length > MENU_LIMITS.topButtons) {
    checker.add("button", "too_many_buttons", 40016, {
      limit: MENU_LIMITS.topButtons,
      actual: buttons.length,
    });
  }
  buttons.forEach((button, i) => {
    checker.checkButton(button, `button[${i}]`, "top");
  });
  checker.checkDomains();
  return checker;
}

/**
 * Checks a `menu/create` body against every §7.1 rule and returns all problems (never throws), in document
 * order, so an editor can mark each field at once. An empty list means WeChat should accept the menu.
 */
export function validateMenu(menu: unknown): MenuProblem[] {
  return checkMenuBody(menu).problems;
}
