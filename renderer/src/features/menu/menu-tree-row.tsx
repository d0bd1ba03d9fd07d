import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { MENU_LIMITS } from "@wxdesk/wechat/menu";
import { useId } from "react";
import { useT } from "../../i18n/use-t.js";
import { IconButton } from "../../ui/button.js";
import { Icon } from "../../ui/icon.js";
import { menuMessages } from "./menu-messages.js";
import type { FlatRow } from "./menu-tree-drag.js";
import { menuTypeMessages, typeLabel } from "./menu-type-messages.js";

export interface MenuTreeRowProps {
  row: FlatRow;
  /** The depth to draw: the projected one while this row is being dragged. */
  depth: 0 | 1;
  selected: boolean;
  problems: number;
  /** Drawn faded: the place the dragged button would land. */
  ghost?: boolean;
  /** The dragged row's drop is not allowed where it is now. */
  refused?: boolean;
  onSelect(): void;
  onAddSub(): void;
  onRemove(): void;
}

export function MenuTreeRow({
  row,
  depth,
  selected,
  problems,
  ghost = false,
  refused = false,
  onSelect,
  onAddSub,
  onRemove,
}: MenuTreeRowProps) {
  const t = useT(menuMessages);
  const types = useT(menuTypeMessages);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({
    id: row.id,
  });
  const metaId = useId();
  const { button } = row;
  const name = button.name || t.untitled;
  const full = button.children.length >= MENU_LIMITS.subButtons;
  // A full group says so in words, not only with a greyed-out +.
  const meta = full
    ? t.subCountFull(button.children.length)
    : button.children.length > 0
      ? t.subCount(button.children.length)
      : button.type
        ? typeLabel(types, button.type)
        : t.buttonProblem;
  const classes = [
    "tree-row",
    `tree-row--depth-${depth}`,
    selected ? "tree-row--selected" : "",
    ghost ? "tree-row--ghost" : "",
    refused ? "tree-row--refused" : "",
  ];

  return (
    <li
      ref={setNodeRef}
      className={classes.filter(Boolean).join(" ")}
      data-row={row.id}
      // dnd-kit moves rows with transforms while dragging: computed per frame, set through the CSSOM.
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <button
        ref={setActivatorNodeRef}
        type="button"
        className="tree-row__handle"
        {...attributes}
        {...listeners}
        aria-label={t.dragHandle(name)}
      >
        <Icon name="grip" size={16} />
      </button>
      {/*
        The button is named by the menu button's name alone (what voice control users say); what it does
        is its description, shown beside it, outside the button so the visible label and the name agree.
        The button's ::after covers the meta line, so a click there selects the row as before.
      */}
      <div className="tree-row__body">
        <button
          type="button"
          className="tree-row__main"
          aria-describedby={metaId}
          aria-current={selected ? "true" : undefined}
          onClick={onSelect}
        >
          <span className="tree-row__name">{name}</span>
        </button>
        <span id={metaId} className="tree-row__meta meta-text">
          {meta}
        </span>
      </div>
      {problems > 0 ? (
        <span className="tag tag--danger tree-row__problems">{t.problemCount(problems)}</span>
      ) : null}
      <span className="tree-row__actions">
        {row.depth === 0 ? (
          <IconButton
            icon="plus"
            size="sm"
            label={t.addSub(name)}
            disabledReason={full ? t.addSubFull : undefined}
            onClick={onAddSub}
          />
        ) : null}
        <IconButton icon="trash" size="sm" label={t.deleteButton(name)} onClick={onRemove} />
      </span>
    </li>
  );
}
