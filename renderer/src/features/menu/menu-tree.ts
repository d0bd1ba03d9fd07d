import {
  MENU_BUTTON_TYPES,
  MENU_LIMITS,
  type Menu,
  type MenuButton,
  type MenuButtonType,
} from "@wxdesk/wechat/menu";
import { type ActionField, typeFields } from "./menu-button-types.js";

/**
 * The editor's own tree: Menu plus a stable id per button (for selection, drag and drop, undo). A top
 * button with children is a container; its action fields stay here (hidden) so removing the last child
 * gives the action back, but they are not sent (§7.1: a button with sub_button only has a name).
 */
export interface EditorButton {
  id: string;
  name: string;
  type?: MenuButtonType;
  url?: string;
  key?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  /** Always [] for sub-buttons (two levels at most). */
  children: EditorButton[];
}

export type ButtonPatch = Partial<Omit<EditorButton, "id" | "children">>;

/** Where a button sits: in the top list (`parentId: null`) or in a parent's sub-list. */
export interface TreePlace {
  parentId: string | null;
  index: number;
}

export interface FoundButton extends TreePlace {
  button: EditorButton;
  parent?: EditorButton;
}

export interface RemovedButton extends TreePlace {
  button: EditorButton;
}

let lastId = 0;
export function newButtonId(): string {
  lastId += 1;
  return `b${lastId}`;
}

const FIELDS: readonly ActionField[] = ["url", "key", "appid", "pagepath", "media_id", "article_id"];
const KNOWN_TYPES: ReadonlySet<string> = new Set(MENU_BUTTON_TYPES);

function fromButton(button: MenuButton, depth: number): EditorButton {
  const node: EditorButton = {
    id: newButtonId(),
    name: typeof button.name === "string" ? button.name : "",
    children: [],
  };
  if (typeof button.type === "string" && KNOWN_TYPES.has(button.type)) node.type = button.type;
  for (const field of FIELDS) {
    const value = button[field];
    if (typeof value === "string") node[field] = value;
  }
  // menu/get puts `sub_button: []` on every button (§7.3): an empty list is no children.
  if (depth === 0 && Array.isArray(button.sub_button)) {
    node.children = button.sub_button.map((sub) => fromButton(sub, 1));
  }
  return node;
}

export function fromMenu(menu: Menu | null | undefined): EditorButton[] {
  return (menu?.button ?? []).map((button) => fromButton(button, 0));
}

function toAction(node: EditorButton): MenuButton {
  const out: MenuButton = { name: node.name };
  if (!node.type) return out;
  out.type = node.type;
  for (const field of typeFields(node.type)) out[field] = node[field] ?? "";
  return out;
}

/** The `menu/create` body: ids dropped, containers reduced to name + sub_button, only each type's fields. */
export function toMenu(buttons: readonly EditorButton[]): Menu {
  return {
    button: buttons.map((top) =>
      top.children.length > 0 ? { name: top.name, sub_button: top.children.map(toAction) } : toAction(top),
    ),
  };
}

export function findButton(buttons: readonly EditorButton[], id: string): FoundButton | undefined {
  for (const [index, top] of buttons.entries()) {
    if (top.id === id) return { button: top, parentId: null, index };
    const sub = top.children.findIndex((child) => child.id === id);
    const child = top.children[sub];
    if (child) return { button: child, parent: top, parentId: top.id, index: sub };
  }
  return undefined;
}

/** `button[1].sub_button[0]` — the path validateMenu and MenuChange use. */
export function pathOf(buttons: readonly EditorButton[], id: string): string | undefined {
  const found = findButton(buttons, id);
  if (!found) return undefined;
  if (!found.parent) return `button[${found.index}]`;
  const top = buttons.findIndex((b) => b.id === found.parentId);
  return `button[${top}].sub_button[${found.index}]`;
}

export function canAddTop(buttons: readonly EditorButton[]): boolean {
  return buttons.length < MENU_LIMITS.topButtons;
}

export function canAddSub(buttons: readonly EditorButton[], parentId: string): boolean {
  const found = findButton(buttons, parentId);
  return found !== undefined && !found.parent && found.button.children.length < MENU_LIMITS.subButtons;
}

export function addTop(buttons: readonly EditorButton[], button: EditorButton): EditorButton[] {
  return canAddTop(buttons) ? [...buttons, button] : [...buttons];
}

export function addSub(
  buttons: readonly EditorButton[],
  parentId: string,
  button: EditorButton,
): EditorButton[] {
  if (!canAddSub(buttons, parentId)) return [...buttons];
  return buttons.map((top) => (top.id === parentId ? { ...top, children: [...top.children, button] } : top));
}

export function updateButton(
  buttons: readonly EditorButton[],
  id: string,
  patch: ButtonPatch,
): EditorButton[] {
  return buttons.map((top) => {
    if (top.id === id) return { ...top, ...patch };
    if (!top.children.some((c) => c.id === id)) return top;
    return { ...top, children: top.children.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
  });
}

export function removeButton(
  buttons: readonly EditorButton[],
  id: string,
): { buttons: EditorButton[]; removed?: RemovedButton } {
  const found = findButton(buttons, id);
  if (!found) return { buttons: [...buttons] };
  const removed: RemovedButton = { button: found.button, parentId: found.parentId, index: found.index };
  if (found.parentId === null) return { buttons: buttons.filter((b) => b.id !== id), removed };
  return {
    buttons: buttons.map((top) =>
      top.id === found.parentId ? { ...top, children: top.children.filter((c) => c.id !== id) } : top,
    ),
    removed,
  };
}

/** Why a button cannot go to a place, or undefined when it can (§7.1 limits: 3 top, 5 sub, 2 levels). */
export type MoveRefusal = "top_full" | "sub_full" | "has_children" | "no_parent" | "into_itself";

export function checkPlace(
  buttons: readonly EditorButton[],
  button: EditorButton,
  place: TreePlace,
): MoveRefusal | undefined {
  const current = findButton(buttons, button.id);
  if (place.parentId === null) {
    const stays = current?.parentId === null;
    return !stays && buttons.length >= MENU_LIMITS.topButtons ? "top_full" : undefined;
  }
  if (place.parentId === button.id) return "into_itself";
  if (button.children.length > 0) return "has_children";
  const parent = findButton(buttons, place.parentId);
  if (!parent || parent.parentId !== null) return "no_parent";
  const stays = current?.parentId === place.parentId;
  return !stays && parent.button.children.length >= MENU_LIMITS.subButtons ? "sub_full" : undefined;
}

/** Puts a button (new, removed or moved) at a place; the caller checked the place with checkPlace. */
export function insertButton(
  buttons: readonly EditorButton[],
  button: EditorButton,
  place: TreePlace,
): EditorButton[] {
  const without = removeButton(buttons, button.id).buttons;
  const clamp = (list: readonly unknown[]) => Math.max(0, Math.min(place.index, list.length));
  if (place.parentId === null) {
    const next = [...without];
    next.splice(clamp(next), 0, button);
    return next;
  }
  return without.map((top) => {
    if (top.id !== place.parentId) return top;
    const children = [...top.children];
    children.splice(clamp(children), 0, { ...button, children: [] });
    return { ...top, children };
  });
}

/** Moves a button if the rules allow it; returns the new tree or the reason it cannot move. */
export function moveButton(
  buttons: readonly EditorButton[],
  id: string,
  place: TreePlace,
): { buttons: EditorButton[] } | { refused: MoveRefusal } {
  const found = findButton(buttons, id);
  if (!found) return { refused: "no_parent" };
  const refused = checkPlace(buttons, found.button, place);
  if (refused) return { refused };
  return { buttons: insertButton(buttons, found.button, place) };
}

/** Why a button has nowhere else to go (the 「放到」 choice is then shown disabled with this reason). */
export type MoveNowhere = "has_children" | "alone" | "all_full";

/** Undefined when the button can move somewhere other than where it is. */
export function whyNowhereToMove(buttons: readonly EditorButton[], id: string): MoveNowhere | undefined {
  const found = findButton(buttons, id);
  if (!found || possibleParents(buttons, id).length > 1) return undefined;
  if (found.button.children.length > 0) return "has_children";
  if (!found.parent && buttons.length === 1) return "alone";
  return "all_full";
}

/** Every place a button could move to, for the form's 「移到」 list (the keyboard-free path to nesting). */
export function possibleParents(buttons: readonly EditorButton[], id: string): Array<EditorButton | null> {
  const found = findButton(buttons, id);
  if (!found) return [];
  const out: Array<EditorButton | null> = [];
  if (!checkPlace(buttons, found.button, { parentId: null, index: buttons.length })) out.push(null);
  for (const top of buttons) {
    if (!checkPlace(buttons, found.button, { parentId: top.id, index: top.children.length })) out.push(top);
  }
  return out;
}
