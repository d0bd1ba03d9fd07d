import type { Menu } from "@wxdesk/wechat/menu";
import { fromMenu, toMenu } from "./menu-tree.js";

/** Same buttons, same actions — ignoring what menu/get adds (`sub_button: []`, §7.3) and field order. */
export function sameMenu(a: Menu | null, b: Menu | null): boolean {
  const canonical = (m: Menu | null) => JSON.stringify(m ? toMenu(fromMenu(m)) : { button: [] });
  return canonical(a) === canonical(b);
}
