import type { Menu, MenuButton } from "./menu-types.js";

function normalizeButton(button: MenuButton): MenuButton {
  const { sub_button: sub, ...rest } = button;
  return { ...rest, sub_button: (sub ?? []).map(normalizeButton) };
}

/**
 * The menu as `menu/get` shows it (§7.3): every button, top-level and sub, carries `sub_button`, an empty
 * list when it has none. Returns a copy; the input is not changed.
 */
export function normalizeMenuForGet(menu: Menu): Menu {
  return { button: menu.button.map(normalizeButton) };
}
