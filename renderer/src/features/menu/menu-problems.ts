import type { MenuProblem } from "@wxdesk/wechat/menu";
import type { EditorButton } from "./menu-tree.js";

/** Where a problem shows in the form: a field, or the button as a whole (e.g. "needs an action"). */
export type ProblemField =
  | "name"
  | "type"
  | "url"
  | "key"
  | "appid"
  | "pagepath"
  | "media_id"
  | "article_id"
  | "button";

export interface ButtonProblems {
  /** Problems per field of this button. */
  fields: Partial<Record<ProblemField, MenuProblem[]>>;
  count: number;
}

export interface MappedProblems {
  /** Problems that belong to one button, by its id. */
  byButton: ReadonlyMap<string, ButtonProblems>;
  /** Problems about the menu as a whole (no buttons, too many). */
  menu: readonly MenuProblem[];
  /** Every problem with the button it points at (undefined for menu-wide ones), in document order. */
  all: ReadonlyArray<{ problem: MenuProblem; buttonId?: string }>;
}

// validateMenu's paths: `button[1]`, `button[1].sub_button[3]`, optionally followed by `.field`.
const PATH = /^button\[(\d+)\](?:\.sub_button(?:\[(\d+)\])?)?(?:\.(\w+))?$/;

const FIELDS: ReadonlySet<string> = new Set([
  "name",
  "type",
  "url",
  "key",
  "appid",
  "pagepath",
  "media_id",
  "article_id",
]);

/**
 * Ties each of validateMenu's problems (which point at paths in the `menu/create` body) to the button in the
 * editor's tree and the field to mark, so the message shows where it has to be fixed.
 */
export function mapProblems(
  buttons: readonly EditorButton[],
  problems: readonly MenuProblem[],
): MappedProblems {
  const byButton = new Map<string, ButtonProblems>();
  const menu: MenuProblem[] = [];
  const all: Array<{ problem: MenuProblem; buttonId?: string }> = [];
  for (const problem of problems) {
    const match = PATH.exec(problem.path);
    const top = match ? buttons[Number(match[1])] : undefined;
    const button = match?.[2] !== undefined ? top?.children[Number(match[2])] : top;
    if (!button) {
      menu.push(problem);
      all.push({ problem });
      continue;
    }
    const named = match?.[3];
    const field: ProblemField = named && FIELDS.has(named) ? (named as ProblemField) : "button";
    const entry = byButton.get(button.id) ?? { fields: {}, count: 0 };
    entry.fields[field] = [...(entry.fields[field] ?? []), problem];
    entry.count += 1;
    byButton.set(button.id, entry);
    all.push({ problem, buttonId: button.id });
  }
  return { byButton, menu, all };
}
