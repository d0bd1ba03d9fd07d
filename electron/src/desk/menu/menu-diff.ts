import type { Menu, MenuButton } from "@wxdesk/wechat";
import type { MenuChange, MenuChangeKind } from "../../desk-api.js";
import { flatten, type MenuNode, matchMenus, outOfOrder } from "./menu-match.js";
import {
  type ChangeableField,
  describeAction,
  FIELD_WORDS,
  fieldChange,
  isSubmenu,
  placeWords,
  type Words,
} from "./menu-words.js";

function change(kind: MenuChangeKind, node: MenuNode, name: string, words: Words): MenuChange {
  return { kind, path: node.path, name, descriptionZh: words.zh, description: words.en };
}

/** Draft buttons that kept their parent but moved among their siblings. */
function reordered(siblings: MenuNode[], pairs: Map<MenuNode, MenuNode>, liveParent: MenuNode | undefined) {
  const stayed = siblings.filter((d) => {
    const l = pairs.get(d);
    return l !== undefined && l.parent === liveParent;
  });
  const moved = outOfOrder(stayed.map((d) => pairs.get(d)?.index ?? 0));
  return new Set(stayed.filter((_, i) => moved.has(i)));
}

function actionChanges(d: MenuNode, l: MenuNode): MenuChange[] {
  const name = d.button.name;
  const a: MenuButton = l.button;
  const b: MenuButton = d.button;
  if (isSubmenu(a) !== isSubmenu(b) || (!isSubmenu(b) && a.type !== b.type)) {
    const from = describeAction(a);
    const to = describeAction(b);
    return [
      change("changed", d, name, {
        zh: `「${name}」从${from.zh}改为${to.zh}`,
        en: `Changed "${name}" from ${from.en} to ${to.en}`,
      }),
    ];
  }
  if (isSubmenu(b)) return [];
  const out: MenuChange[] = [];
  for (const field of Object.keys(FIELD_WORDS) as ChangeableField[]) {
    if ((a[field] ?? "") !== (b[field] ?? ""))
      out.push(change("changed", d, name, fieldChange(name, field, a[field], b[field])));
  }
  return out;
}

/**
 * What publishing `draft` would change compared with `live`, in plain words (zh/en), in draft
 * order, removals last. Pure: no I/O, same answer for the same menus.
 */
export function diffMenus(draft: Menu, live: Menu | null): MenuChange[] {
  const d = flatten(draft);
  const l = flatten(live);
  const pairs = matchMenus(d.all, l.all);
  const changes: MenuChange[] = [];

  const visit = (siblings: MenuNode[], draftParent: MenuNode | undefined) => {
    const liveParent = draftParent === undefined ? undefined : pairs.get(draftParent);
    const shuffled =
      draftParent === undefined || liveParent !== undefined
        ? reordered(siblings, pairs, liveParent)
        : new Set();
    for (const node of siblings) {
      const name = node.button.name;
      const match = pairs.get(node);
      if (!match) {
        const action = describeAction(node.button);
        const place = placeWords(draftParent?.button.name);
        changes.push(
          change("added", node, name, {
            zh: `新增「${name}」（${place.zh}）：${action.zh}`,
            en: `Added "${name}" (${place.en}): ${action.en}`,
          }),
        );
      } else {
        if (match.button.name !== name) {
          changes.push(
            change("changed", node, name, {
              zh: `「${match.button.name}」改名为「${name}」`,
              en: `Renamed "${match.button.name}" to "${name}"`,
            }),
          );
        }
        if (match.parent !== liveParent) {
          const from = placeWords(match.parent?.button.name);
          const to = placeWords(draftParent?.button.name);
          changes.push(
            change("moved", node, name, {
              zh: `「${name}」从${from.zh}移到${to.zh}`,
              en: `Moved "${name}" from ${from.en} to ${to.en}`,
            }),
          );
        } else if (shuffled.has(node)) {
          const place = placeWords(draftParent?.button.name);
          changes.push(
            change("moved", node, name, {
              zh: `「${name}」在${place.zh}从第 ${match.index + 1} 位移到第 ${node.index + 1} 位`,
              en: `Moved "${name}" ${place.en} from position ${match.index + 1} to ${node.index + 1}`,
            }),
          );
        }
        changes.push(...actionChanges(node, match));
      }
      visit(node.children, node);
    }
  };
  visit(d.top, undefined);

  const matched = new Set(pairs.values());
  for (const node of l.all) {
    if (matched.has(node)) continue;
    const place = placeWords(node.parent?.button.name);
    changes.push(
      change("removed", node, node.button.name, {
        zh: `删除「${node.button.name}」（${place.zh}）`,
        en: `Removed "${node.button.name}" (${place.en})`,
      }),
    );
  }
  return changes;
}
