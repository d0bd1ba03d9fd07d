import { checkPlace, type EditorButton, type MoveRefusal, type TreePlace } from "./menu-tree.js";

/** One row of the tree as drawn: tops and their sub-buttons in one list, sub-buttons one step in. */
export interface FlatRow {
  id: string;
  depth: 0 | 1;
  parentId: string | null;
  button: EditorButton;
}

/**
 * The rows in drawing order. While a top button with sub-buttons is dragged its children are left out:
 * they travel with it (dnd-kit's sortable-tree pattern).
 */
export function flattenTree(buttons: readonly EditorButton[], collapsedId?: string): FlatRow[] {
  const rows: FlatRow[] = [];
  for (const top of buttons) {
    rows.push({ id: top.id, depth: 0, parentId: null, button: top });
    if (top.id === collapsedId) continue;
    for (const child of top.children) rows.push({ id: child.id, depth: 1, parentId: top.id, button: child });
  }
  return rows;
}

export interface Projection {
  depth: 0 | 1;
  place: TreePlace;
  /** Set when the rules forbid this drop (3 top / 5 sub / two levels); the drop then does nothing. */
  refused?: MoveRefusal;
}

function arrayMove<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/**
 * Where the dragged row would land: over another row (its place in the list) and dragged `offsetX` pixels
 * right (one `indent` = one level in, i.e. becomes a sub-button) or left (promoted to the top list).
 */
export function projectDrop(
  buttons: readonly EditorButton[],
  activeId: string,
  overId: string,
  offsetX: number,
  indent: number,
): Projection | undefined {
  const rows = flattenTree(buttons, activeId);
  const from = rows.findIndex((r) => r.id === activeId);
  const to = rows.findIndex((r) => r.id === overId);
  const active = rows[from];
  if (!active || to === -1) return undefined;
  const moved = arrayMove(rows, from, to);
  const previous = moved[to - 1];
  const next = moved[to + 1];

  // A sub-button needs a top above it; a row above a sub-button must be one too (or it would adopt it).
  const hasChildren = active.button.children.length > 0;
  const maxDepth = previous && !hasChildren ? 1 : 0;
  const minDepth = next?.depth === 1 ? 1 : 0;
  const wanted = active.depth + Math.round(offsetX / indent);
  const depth = Math.min(Math.max(wanted, minDepth), maxDepth) as 0 | 1;

  let place: TreePlace;
  if (depth === 0) {
    place = { parentId: null, index: moved.slice(0, to).filter((r) => r.depth === 0).length };
  } else {
    let parentAt = to - 1;
    while (parentAt >= 0 && moved[parentAt]?.depth !== 0) parentAt -= 1;
    const parent = moved[parentAt];
    place = { parentId: parent?.id ?? null, index: to - parentAt - 1 };
  }
  const refused = minDepth > maxDepth ? ("has_children" as const) : checkPlace(buttons, active.button, place);
  return refused ? { depth, place, refused } : { depth, place };
}
