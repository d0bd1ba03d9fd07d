import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { SelectField } from "../../ui/field.js";
import { menuMessages } from "./menu-messages.js";
import { selectButtons, useMenuStore } from "./menu-store.js";
import { type FoundButton, type MoveNowhere, possibleParents, whyNowhereToMove } from "./menu-tree.js";

const TOP = "__top__";

const NOWHERE = {
  has_children: "moveNowhereHasChildren",
  alone: "moveNowhereAlone",
  all_full: "moveNowhereFull",
} as const satisfies Record<MoveNowhere, keyof typeof menuMessages.en>;

/**
 * Up / down and 「放到」: the same moves as drag and drop, as plain controls, so nesting and promoting
 * never depend on dragging. Only places the rules allow are offered; with nowhere else to go, 「放到」
 * stays in sight, disabled, saying why.
 */
export function ButtonPosition({ found }: { found: FoundButton }) {
  const t = useT(menuMessages);
  const { buttons, move } = useMenuStore(useShallow((s) => ({ buttons: selectButtons(s), move: s.move })));
  const { button, parentId, index } = found;
  const siblings = found.parent ? found.parent.children.length : buttons.length;
  const places = possibleParents(buttons, button.id);
  const nowhere = whyNowhereToMove(buttons, button.id);
  const label = (name: string) => name || t.untitled;
  return (
    <fieldset className="button-form__position">
      <legend className="field__label">{t.positionLegend}</legend>
      <div className="button-form__position-row">
        <Button
          size="sm"
          icon="arrowUp"
          disabled={index === 0}
          onClick={() => move(button.id, { parentId, index: index - 1 })}
        >
          {t.moveUp}
        </Button>
        <Button
          size="sm"
          icon="arrowDown"
          disabled={index >= siblings - 1}
          onClick={() => move(button.id, { parentId, index: index + 1 })}
        >
          {t.moveDown}
        </Button>
        {places.length > 0 ? (
          <SelectField<string>
            className="button-form__move-to"
            label={t.moveTo}
            disabled={nowhere !== undefined}
            hint={nowhere ? t[NOWHERE[nowhere]] : undefined}
            value={parentId ?? TOP}
            options={places.map((p) =>
              p === null
                ? { value: TOP, label: t.moveToTop }
                : { value: p.id, label: t.moveToParent(label(p.name)) },
            )}
            onChange={(value) => {
              const target = value === TOP ? null : value;
              const size =
                target === null
                  ? buttons.length
                  : (buttons.find((b) => b.id === target)?.children.length ?? 0);
              move(button.id, { parentId: target, index: size });
            }}
          />
        ) : null}
      </div>
    </fieldset>
  );
}
