import type { Menu, MenuButton } from "@wxdesk/wechat";
import { isSubmenu } from "./menu-words.js";

/** One button with where it sits. */
export interface MenuNode {
  button: MenuButton;
  path: string;
  parent: MenuNode | undefined;
  index: number;
  children: MenuNode[];
}

export function flatten(menu: Menu | null): { top: MenuNode[]; all: MenuNode[] } {
  const all: MenuNode[] = [];
  const top = (menu?.button ?? []).map((button, index) => {
    const node: MenuNode = { button, path: `button[${index}]`, parent: undefined, index, children: [] };
    all.push(node);
    node.children = (button.sub_button ?? []).map((sub, subIndex) => {
      const child: MenuNode = {
        button: sub,
        path: `${node.path}.sub_button[${subIndex}]`,
        parent: node,
        index: subIndex,
        children: [],
      };
      all.push(child);
      return child;
    });
    return node;
  });
  return { top, all };
}

/** What a leaf does, as a comparable string; empty when it carries nothing to recognise it by. */
function actionIdentity(button: MenuButton): string {
  if (isSubmenu(button)) return "";
  const target = button.key || button.url || button.media_id || button.article_id || button.pagepath || "";
  return target ? `${button.type ?? ""}\u0000${target}\u0000${button.appid ?? ""}` : "";
}

/**
 * Pairs each draft button with the live button it most likely is. Buttons have no ids, so:
 * 1. same name under a parent of the same name (or both top level);
 * 2. same name anywhere (a move);
 * 3. a leaf doing exactly the same thing (same type and key/url/…: a rename);
 * 4. a submenu holding a child already paired with a child of a live submenu (a renamed parent);
 * 5. a submenu at the same top-level position as a still unpaired live submenu.
 * Returns draft node → live node.
 */
export function matchMenus(draft: MenuNode[], live: MenuNode[]): Map<MenuNode, MenuNode> {
  const pairs = new Map<MenuNode, MenuNode>();
  const taken = new Set<MenuNode>();
  const pair = (d: MenuNode, l: MenuNode) => {
    pairs.set(d, l);
    taken.add(l);
  };
  const pass = (accept: (d: MenuNode, l: MenuNode) => boolean) => {
    for (const d of draft) {
      if (pairs.has(d)) continue;
      const l = live.find((candidate) => !taken.has(candidate) && accept(d, candidate));
      if (l) pair(d, l);
    }
  };

  pass((d, l) => d.button.name === l.button.name && d.parent?.button.name === l.parent?.button.name);
  pass((d, l) => d.button.name === l.button.name);
  pass((d, l) => {
    const id = actionIdentity(d.button);
    return id !== "" && id === actionIdentity(l.button);
  });
  pass(
    (d, l) =>
      d.children.length > 0 &&
      l.children.length > 0 &&
      d.children.some((child) => pairs.get(child)?.parent === l),
  );
  pass(
    (d, l) =>
      d.parent === undefined &&
      l.parent === undefined &&
      d.index === l.index &&
      isSubmenu(d.button) &&
      isSubmenu(l.button),
  );
  return pairs;
}

/** Indexes of `values` that are NOT in one longest increasing subsequence: the fewest items that moved. */
export function outOfOrder(values: number[]): Set<number> {
  const n = values.length;
  const length = new Array<number>(n).fill(1);
  const previous = new Array<number>(n).fill(-1);
  let best = -1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if ((values[j] ?? 0) < (values[i] ?? 0) && (length[j] ?? 0) + 1 > (length[i] ?? 0)) {
        length[i] = (length[j] ?? 0) + 1;
        previous[i] = j;
      }
    }
    if (best === -1 || (length[i] ?? 0) > (length[best] ?? 0)) best = i;
  }
  const keep = new Set<number>();
  for (let i = best; i !== -1; i = previous[i] ?? -1) keep.add(i);
  const moved = new Set<number>();
  for (let i = 0; i < n; i++) if (!keep.has(i)) moved.add(i);
  return moved;
}
