import type { ConditionalMenu } from "@wxdesk/electron/desk-api";
import { useShallow } from "zustand/react/shallow";
import { usePick, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { EmptyState } from "../../ui/empty-state.js";
import { Panel } from "../../ui/panel.js";
import { conditionalMessages } from "./conditional-messages.js";
import { useConditionalStore } from "./conditional-store.js";
import { describeMatchRule } from "./match-rule-words.js";
import { MenuButtonsPreview } from "./menu-buttons-preview.js";

const NO_MENUS: ConditionalMenu[] = [];

/** The live conditional menus, each with who sees it in words; copy one as a start, or delete it. */
export function ConditionalMenuList() {
  const t = useT(conditionalMessages);
  const { menus, confirmDelete, deleting, askDelete, cancelDelete, confirmRemove } = useConditionalStore(
    useShallow((s) => ({
      menus: s.live?.conditional ?? NO_MENUS,
      confirmDelete: s.confirmDelete,
      deleting: s.deleting,
      askDelete: s.askDelete,
      cancelDelete: s.cancelDelete,
      confirmRemove: s.confirmRemove,
    })),
  );
  return (
    <Panel id="cond-list-title" className="cond-panel" title={t.listTitle} intro={t.listHint}>
      {menus.length === 0 ? (
        <EmptyState icon="split" title={t.empty}>
          {t.emptyBody}
        </EmptyState>
      ) : (
        <ul className="cond-list plain-list">
          {menus.map((menu) => (
            <ConditionalMenuCard key={menu.menuid} menu={menu} onDelete={() => askDelete(menu.menuid)} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirmDelete !== undefined}
        title={t.removeTitle}
        confirmLabel={t.removeConfirm}
        danger
        busy={deleting}
        onConfirm={() => void confirmRemove()}
        onClose={cancelDelete}
      >
        <p>{t.removeBody}</p>
      </ConfirmDialog>
    </Panel>
  );
}

function ConditionalMenuCard({ menu, onDelete }: { menu: ConditionalMenu; onDelete(): void }) {
  const t = useT(conditionalMessages);
  const pick = usePick();
  const startFrom = useConditionalStore((s) => s.startFrom);
  const parts = describeMatchRule(menu.matchrule);
  const title = t.menuTitle(menu.menuid);
  return (
    <li className="cond-card" aria-label={title}>
      <div className="cond-card__head">
        <h3 className="cond-card__title">{title}</h3>
        <div className="cond-card__actions">
          <Button size="sm" variant="ghost" icon="plus" onClick={() => startFrom(menu.menuid)}>
            {t.copy}
          </Button>
          <Button size="sm" variant="danger" icon="trash" onClick={onDelete}>
            {t.remove}
          </Button>
        </div>
      </div>
      <div className="cond-card__rule">
        <span className="cond-card__label hint-text">{t.whoSees}</span>
        <ul className="cond-card__parts plain-list">
          {parts.map((part) => (
            <li key={part.field} className={`tag ${part.retired ? "tag--warning" : "tag--accent"}`}>
              {pick(part.text)}
            </li>
          ))}
        </ul>
      </div>
      {parts.some((p) => p.retired) ? <p className="cond-card__note">{t.retiredNote}</p> : null}
      <MenuButtonsPreview buttons={menu.button} label={t.previewLabel(title)} />
    </li>
  );
}
