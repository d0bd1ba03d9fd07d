import {
  type MatchRule,
  type Menu,
  type MenuButton,
  type MenuGetResult,
  normalizeMenuForGet,
} from "@wxdesk/wechat";

export interface LiveConditionalMenu {
  /** A string, as `addconditional` answers it and `delconditional` takes it (menu/get sends a number). */
  menuid: string;
  button: MenuButton[];
  matchrule: MatchRule;
}

/** `GET menu`: what WeChat shows right now. */
export interface LiveMenu {
  menu: Menu | null;
  conditional: LiveConditionalMenu[];
}

const RULE_FIELDS = [
  "tag_id",
  "client_platform_type",
  "sex",
  "country",
  "province",
  "city",
  "language",
] as const satisfies readonly (keyof MatchRule)[];

/**
 * A `matchrule` in the shape `addconditional` takes (§7.5): known fields only, set ones only, strings.
 * Used on menu/get's rules, where the tag comes back as `group_id` (its legacy name) and numbers as
 * numbers (§7.3), and on a request's rule before it goes to WeChat.
 */
export function cleanMatchRule(rule: Record<string, unknown>): MatchRule {
  const out: MatchRule = {};
  for (const field of RULE_FIELDS) {
    const raw = field === "tag_id" ? (rule.tag_id ?? rule.group_id) : rule[field];
    if (typeof raw === "number" && Number.isFinite(raw)) out[field] = String(raw);
    else if (typeof raw === "string" && raw !== "") out[field] = raw;
  }
  return out;
}

/** Buttons the same way everywhere: every button carries `sub_button` (maybe empty), as menu/get shows it. */
export function normalizeButtons(button: MenuButton[]): MenuButton[] {
  return normalizeMenuForGet({ button }).button;
}

/** menu/get's answer (null = 46003, no menu) → the `GET menu` answer. */
export function liveMenuFrom(result: MenuGetResult | null): LiveMenu {
  if (!result) return { menu: null, conditional: [] };
  return {
    menu: { button: normalizeButtons(result.menu.button) },
    conditional: (result.conditionalmenu ?? []).map((c) => ({
      menuid: String(c.menuid),
      button: normalizeButtons(c.button),
      matchrule: cleanMatchRule(c.matchrule),
    })),
  };
}
