import type { LiveMenu } from "@wxdesk/electron/desk-api";
import type { MenuButton } from "@wxdesk/wechat/menu";

const FIELDS = ["type", "name", "key", "url", "media_id", "article_id", "appid", "pagepath"] as const;

function canonical(button: MenuButton): Record<string, unknown> {
  const subs = button.sub_button ?? [];
  // menu/get puts `sub_button: []` on every button (§7.3); a parent is only its name and children.
  if (subs.length > 0) return { name: button.name, sub_button: subs.map(canonical) };
  const out: Record<string, unknown> = {};
  for (const field of FIELDS)
    if (button[field] !== undefined && button[field] !== "") out[field] = button[field];
  return out;
}

/** Same buttons doing the same things, ignoring field order and empty `sub_button` lists. */
export function sameButtons(a: readonly MenuButton[], b: readonly MenuButton[]): boolean {
  return JSON.stringify(a.map(canonical)) === JSON.stringify(b.map(canonical));
}

export type MenuIdentity =
  | { kind: "default" }
  | { kind: "conditional"; menuid: string }
  | { kind: "unknown" };

/**
 * Which of the account's menus `trymatch` answered with (it returns only buttons). Conditional menus are
 * tried first, the last listed first: when several hold the same buttons, the newest wins in WeChat (§7.5).
 */
export function identifyMenu(buttons: readonly MenuButton[], live: LiveMenu | undefined): MenuIdentity {
  for (const menu of [...(live?.conditional ?? [])].reverse()) {
    if (sameButtons(buttons, menu.button)) return { kind: "conditional", menuid: menu.menuid };
  }
  if (live?.menu && sameButtons(buttons, live.menu.button)) return { kind: "default" };
  return { kind: "unknown" };
}
