import type { MenuProblem } from "./menu-types.js";
import { KEY_TYPES, validateMenu } from "./menu-validate.js";

/**
 * wxdesk's own menu rules: WeChat accepts these menus, wxdesk does not. They are kept apart from
 * validateMenu, which stays WeChat's judge (the sandbox answers with it exactly as WeChat would), and
 * their problems carry `rule: "wxdesk"` and no errcode.
 *
 * - `key_duplicate`: two buttons with the same key. §7.1 sets no uniqueness rule, but a tap pushes an
 *   event whose only pointer to the button is `EventKey` (§7.1 table, §9.2), and replies are set per key: the
 *   server cannot tell the buttons apart, so both would get the same answer.
 */

type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj =>
  typeof value === "object" && value !== null && !Array.isArray(value);

interface KeyedButton {
  path: string;
  /** 「扫码 › 微信」 for a sub-button: how a person finds it in the menu. */
  name: string;
  key: string;
}

const nameOf = (button: Obj): string => (typeof button.name === "string" ? button.name : "");

function keyedButton(button: unknown, path: string, name: string): KeyedButton | undefined {
  if (!isObject(button) || typeof button.type !== "string" || !KEY_TYPES.has(button.type)) return undefined;
  const key = button.key;
  // A missing or empty key is validateMenu's problem (key_missing), not a duplicate.
  return typeof key === "string" && key.trim() !== "" ? { path, name, key } : undefined;
}

/** Every button that pushes its key when tapped, in document order (containers only through their children). */
function keyedButtons(menu: unknown): KeyedButton[] {
  if (!isObject(menu) || !Array.isArray(menu.button)) return [];
  const out: KeyedButton[] = [];
  menu.button.forEach((top: unknown, i) => {
    if (!isObject(top)) return;
    const subs = top.sub_button;
    // Like validateMenu: a top button with sub-buttons is only a container (§7.1), its own action is not sent.
    if (Array.isArray(subs) && subs.length > 0) {
      subs.forEach((sub: unknown, j) => {
        const found = keyedButton(sub, `button[${i}].sub_button[${j}]`, "");
        if (found && isObject(sub)) out.push({ ...found, name: `${nameOf(top)} › ${nameOf(sub)}` });
      });
      return;
    }
    const found = keyedButton(top, `button[${i}]`, nameOf(top));
    if (found) out.push(found);
  });
  return out;
}

function duplicateProblem(button: KeyedButton, others: readonly KeyedButton[]): MenuProblem {
  const count = others.length + 1;
  const zhNames = others.map((o) => `「${o.name}」`).join("");
  const enNames = others.map((o) => `"${o.name}"`).join(", ");
  const zhCount = count === 2 ? "两个按钮" : `${count} 个按钮`;
  const enCount = count === 2 ? "Two buttons" : `${count} buttons`;
  return {
    path: `${button.path}.key`,
    code: "key_duplicate",
    rule: "wxdesk",
    messageZh:
      `${zhCount}用了同一个标识「${button.key}」（${count === 2 ? "另一个是" : "其他的是"}${zhNames}），` +
      "服务器分不清粉丝点的是哪一个。请给每个按钮起不同的按钮标识。",
    messageEn:
      `${enCount} use the same button ID "${button.key}" (${count === 2 ? "the other is" : "the others are"} ${enNames}), ` +
      "so the server cannot tell which one a follower tapped. Give each button its own button ID.",
    actual: count,
  };
}

/** wxdesk's own rules (see above): one problem per offending button, in document order. */
export function checkDeskRules(menu: unknown): MenuProblem[] {
  const buttons = keyedButtons(menu);
  const byKey = new Map<string, KeyedButton[]>();
  for (const button of buttons) byKey.set(button.key, [...(byKey.get(button.key) ?? []), button]);
  return buttons.flatMap((button) => {
    const same = byKey.get(button.key) ?? [];
    return same.length > 1
      ? [
          duplicateProblem(
            button,
            same.filter((b) => b !== button),
          ),
        ]
      : [];
  });
}

/**
 * What wxdesk publishes: WeChat's rules (validateMenu, its problems first) and then wxdesk's own. The
 * desktop checks with it while editing and the callback server before it calls WeChat.
 */
export function validateDeskMenu(menu: unknown): MenuProblem[] {
  return [...validateMenu(menu), ...checkDeskRules(menu)];
}
