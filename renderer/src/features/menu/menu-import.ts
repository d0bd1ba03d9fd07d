import { type Menu, validateMenu } from "@wxdesk/wechat/menu";
import { fromMenu, toMenu } from "./menu-tree.js";

/** Why a file cannot be opened as a menu; each has words in menu-messages (importRefused*). */
export type ImportRefusal = "empty" | "too_big" | "not_json" | "not_menu" | "too_deep";

export type ImportResult = { ok: true; menu: Menu } | { ok: false; reason: ImportRefusal };

/** A menu file is a few KB; anything near this is not one. */
export const IMPORT_MAX_BYTES = 512 * 1024;

// Problems that mean the file is not something the editor can show; everything else (too long names,
// missing urls…) is imported and marked inline so it can be fixed.
const UNREPRESENTABLE: Record<string, ImportRefusal> = {
  body_not_object: "not_menu",
  button_missing: "not_menu",
  button_not_object: "not_menu",
  sub_button_not_array: "not_menu",
  too_deep: "too_deep",
};

/**
 * Reads an exported or hand-written menu file: `{"button": [...]}` (what export and `menu/create` use) or
 * `{"menu": {"button": [...]}}` (a `menu/get` answer, §7.3). Unknown fields are dropped.
 */
export function parseMenuFile(text: string): ImportResult {
  if (text.trim() === "") return { ok: false, reason: "empty" };
  if (text.length > IMPORT_MAX_BYTES) return { ok: false, reason: "too_big" };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, reason: "not_json" };
  }
  const body =
    typeof data === "object" && data !== null && "menu" in data && !("button" in data)
      ? (data as { menu: unknown }).menu
      : data;
  for (const problem of validateMenu(body)) {
    const refusal = UNREPRESENTABLE[problem.code];
    if (refusal) return { ok: false, reason: refusal };
  }
  return { ok: true, menu: toMenu(fromMenu(body as Menu)) };
}

/** The export file: pretty JSON, Chinese as is (WeChat wants raw UTF-8, protocol sheet header). */
export function menuFileText(menu: Menu): string {
  return `${JSON.stringify(menu, null, 2)}\n`;
}
