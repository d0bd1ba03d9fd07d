import type { ReplyConfig } from "@wxdesk/electron/desk-api";
import type { Menu, MenuButton } from "@wxdesk/wechat/menu";

/** Where a button with a key was found. */
export type KeySource = "draft" | "live" | "conditional";

export interface KeyButton {
  /** The button's name; a sub-button as 「父 › 子」. */
  name: string;
  source: KeySource;
}

export interface ClickKey {
  key: string;
  /** Every button carrying this key (the same key may sit in the draft and in the live menu). */
  buttons: KeyButton[];
}

/** One row of the replies list: a key from a menu and/or a key that already has a reply. */
export interface ReplyRow extends ClickKey {
  reply?: ReplyConfig;
  /** A reply whose key no button carries: nobody can tap it until a button uses that key. */
  orphan: boolean;
}

/**
 * The `click` buttons of a menu, sub-buttons included (§7.1: only `click` sends the server an event
 * with the key, and the server replies only to CLICK and subscribe).
 */
export function clickButtons(
  buttons: readonly MenuButton[] | undefined,
): Array<{ key: string; name: string }> {
  const out: Array<{ key: string; name: string }> = [];
  for (const top of buttons ?? []) {
    const subs = top.sub_button ?? [];
    if (subs.length > 0) {
      for (const sub of subs) {
        if (sub.type === "click" && sub.key) out.push({ key: sub.key, name: `${top.name} › ${sub.name}` });
      }
    } else if (top.type === "click" && top.key) {
      out.push({ key: top.key, name: top.name });
    }
  }
  return out;
}

export interface KeySources {
  draft?: Menu | null;
  live?: Menu | null;
  conditional?: ReadonlyArray<{ button: MenuButton[] }>;
}

/** Every click key in the draft, the live menu and the conditional menus, in that order, each once. */
export function collectClickKeys(sources: KeySources): ClickKey[] {
  const byKey = new Map<string, ClickKey>();
  const add = (buttons: readonly MenuButton[] | undefined, source: KeySource) => {
    for (const { key, name } of clickButtons(buttons)) {
      const entry = byKey.get(key) ?? { key, buttons: [] };
      if (!entry.buttons.some((b) => b.name === name && b.source === source))
        entry.buttons.push({ name, source });
      byKey.set(key, entry);
    }
  };
  add(sources.draft?.button, "draft");
  add(sources.live?.button, "live");
  for (const menu of sources.conditional ?? []) add(menu.button, "conditional");
  return [...byKey.values()];
}

/** The list the screen shows: menu keys first (as the menus order them), then replies without a button. */
export function replyRows(
  keys: readonly ClickKey[],
  click: Readonly<Record<string, ReplyConfig>>,
): ReplyRow[] {
  const known = new Set(keys.map((k) => k.key));
  const rows: ReplyRow[] = keys.map((k) => {
    const reply = Object.hasOwn(click, k.key) ? click[k.key] : undefined;
    return reply ? { ...k, reply, orphan: false } : { ...k, orphan: false };
  });
  const orphans = Object.keys(click)
    .filter((key) => !known.has(key))
    .sort((a, b) => a.localeCompare(b));
  for (const key of orphans) {
    const reply = click[key];
    rows.push(reply ? { key, buttons: [], reply, orphan: true } : { key, buttons: [], orphan: true });
  }
  return rows;
}
