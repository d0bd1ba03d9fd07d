import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  DragOverlay,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { EmptyState } from "../../ui/empty-state.js";
import { menuMessages } from "./menu-messages.js";
import { selectButtons, selectProblems, useMenuStore } from "./menu-store.js";
import { canAddTop, findButton, type MoveRefusal } from "./menu-tree.js";
import { flattenTree, type Projection, projectDrop } from "./menu-tree-drag.js";
import { MenuTreeRow } from "./menu-tree-row.js";

/** One level of nesting, in pixels: dragging this far right makes a sub-button, left a top button. */
const INDENT = 28;

// Up/down go row to row (dnd-kit's sortable keys) while keeping the sideways offset; left/right change
// the level by one step. This is the keyboard path for promote/demote.
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { x, y } = args.currentCoordinates;
  if (event.code === "ArrowLeft" || event.code === "ArrowRight") {
    event.preventDefault();
    return { x: x + (event.code === "ArrowRight" ? INDENT : -INDENT), y };
  }
  const next = sortableKeyboardCoordinates(event, args);
  return next ? { x, y: next.y } : undefined;
};

interface DragState {
  activeId: string;
  overId: string;
  offsetX: number;
}

const REFUSAL_KEY = {
  top_full: "refuseTopFull",
  sub_full: "refuseSubFull",
  has_children: "refuseHasChildren",
  no_parent: "refuseNoParent",
  into_itself: "refuseIntoItself",
} as const satisfies Record<MoveRefusal, keyof typeof menuMessages.en>;

/** The tree you edit: rows you can select, drag (mouse or keyboard), add to and delete. */
export function MenuTreeView() {
  const t = useT(menuMessages);
  const { buttons, selectedId, select, addTop, addSub, remove, move } = useMenuStore(
    useShallow((s) => ({
      buttons: selectButtons(s),
      selectedId: s.selectedId,
      select: s.select,
      addTop: s.addTop,
      addSub: s.addSub,
      remove: s.remove,
      move: s.move,
    })),
  );
  const problems = useMenuStore(selectProblems);
  const [drag, setDrag] = useState<DragState | null>(null);
  // dnd-kit's announcement callbacks get no delta; the last sideways offset is kept here for them.
  const offset = useRef(0);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );

  const rows = flattenTree(buttons, drag?.activeId);
  const projection = drag
    ? projectDrop(buttons, drag.activeId, drag.overId, drag.offsetX, INDENT)
    : undefined;
  const nameOf = (id: unknown) => {
    const found = typeof id === "string" ? findButton(buttons, id) : undefined;
    return found?.button.name || t.untitled;
  };
  const where = (p: Projection) => {
    if (p.place.parentId === null) return t.placeTop(p.place.index + 1);
    return t.placeSub(nameOf(p.place.parentId), p.place.index + 1);
  };
  const describe = (id: unknown, p: Projection | undefined, done: boolean) => {
    const name = nameOf(id);
    if (!p) return t.dndCancelled(name);
    if (p.refused) return t.dndRefused(name, t[REFUSAL_KEY[p.refused]]);
    return done ? t.dndDropped(name, where(p)) : t.dndOver(name, where(p));
  };
  // Screen readers hear where the button would land in words, not "droppable b3".
  // While dragging (moving, or over a new place): where the button would land, nothing when over no place.
  const whileOver: NonNullable<Announcements["onDragMove"]> = ({ active, over }) =>
    over
      ? describe(
          active.id,
          projectDrop(buttons, String(active.id), String(over.id), offset.current, INDENT),
          false,
        )
      : undefined;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t.dndPicked(nameOf(active.id)),
    onDragMove: whileOver,
    onDragOver: whileOver,
    onDragEnd: ({ active, over }) =>
      describe(
        active.id,
        over ? projectDrop(buttons, String(active.id), String(over.id), offset.current, INDENT) : undefined,
        true,
      ),
    onDragCancel: ({ active }) => t.dndCancelled(nameOf(active.id)),
  };

  const onMove = ({ active, over, delta }: DragMoveEvent) => {
    offset.current = delta.x;
    setDrag({ activeId: String(active.id), overId: String(over?.id ?? active.id), offsetX: delta.x });
  };
  const onEnd = ({ active, over, delta }: DragEndEvent) => {
    setDrag(null);
    if (!over) return;
    const drop = projectDrop(buttons, String(active.id), String(over.id), delta.x, INDENT);
    if (drop && !drop.refused) move(String(active.id), drop.place);
  };

  const activeRow = drag ? rows.find((r) => r.id === drag.activeId) : undefined;
  const addTopBlocked = canAddTop(buttons) ? undefined : t.addTopFull;

  return (
    <section className="menu-panel tree-panel" aria-labelledby="menu-tree-title">
      <h2 id="menu-tree-title" className="menu-panel__title">
        {t.treeTitle}
      </h2>
      {buttons.length === 0 ? (
        <EmptyState icon="menu" title={t.emptyTitle}>
          {t.emptyBody}
        </EmptyState>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t.dndInstructions } }}
          onDragStart={({ active }) => {
            offset.current = 0;
            setDrag({ activeId: String(active.id), overId: String(active.id), offsetX: 0 });
          }}
          onDragMove={onMove}
          onDragOver={onMove}
          onDragEnd={onEnd}
          onDragCancel={() => setDrag(null)}
        >
          <SortableContext items={rows.map((r) => r.id)} strategy={verticalListSortingStrategy}>
            <ol className="tree plain-list" aria-labelledby="menu-tree-title">
              {rows.map((row) => (
                <MenuTreeRow
                  key={row.id}
                  row={row}
                  depth={row.id === drag?.activeId && projection ? projection.depth : row.depth}
                  selected={row.id === selectedId}
                  problems={problems.byButton.get(row.id)?.count ?? 0}
                  ghost={row.id === drag?.activeId}
                  refused={row.id === drag?.activeId && projection?.refused !== undefined}
                  onSelect={() => select(row.id)}
                  onAddSub={() => addSub(row.id, t.newSubName)}
                  onRemove={() => remove(row.id)}
                />
              ))}
            </ol>
          </SortableContext>
          <DragOverlay dropAnimation={null}>
            {activeRow ? (
              <div className={`tree-overlay ${projection?.refused ? "tree-overlay--refused" : ""}`}>
                <span className="tree-overlay__name">{activeRow.button.name || t.untitled}</span>
                {activeRow.button.children.length > 0 ? (
                  <span className="tree-overlay__meta meta-text">
                    {t.subCount(activeRow.button.children.length)}
                  </span>
                ) : null}
                {projection?.refused ? (
                  <span className="tree-overlay__why">{t[REFUSAL_KEY[projection.refused]]}</span>
                ) : null}
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
      <Button
        className="tree-panel__add"
        icon="plus"
        disabledReason={addTopBlocked}
        onClick={() => addTop(t.newTopName)}
      >
        {t.addTop}
      </Button>
      {addTopBlocked ? <p className="tree-panel__limit">{addTopBlocked}</p> : null}
      {buttons.length > 0 ? <p className="menu-panel__hint meta-text">{t.treeHint}</p> : null}
    </section>
  );
}
