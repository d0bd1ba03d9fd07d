import type { LiveMenu, MenuVersionView } from "@wxdesk/electron/desk-api";
import { sameMenu } from "./same-menu.js";

/**
 * Which history version the account shows right now: the newest whose menu is the live one (a rollback
 * repeats an older menu; a delete is the version for "no menu"). Asked of the live menu, never assumed
 * from the order: a menu can be gone (WeChat or its stand-in forgot it, another tool deleted it) while the
 * last publish is still the newest entry. Undefined when no version is live, or the live menu is unknown.
 */
export function liveVersionId(
  versions: readonly MenuVersionView[],
  live: LiveMenu | undefined,
): number | undefined {
  if (!live) return undefined;
  return versions.find((v) => sameMenu(v.menu, live.menu))?.id;
}
