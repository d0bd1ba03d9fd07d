import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { SearchField } from "../../ui/field.js";
import { SegmentedButtons } from "../../ui/segmented-buttons.js";
import { TYPE_FILTERS } from "./activity-filter.js";
import { activityMessages } from "./activity-messages.js";
import { useActivityStore } from "./activity-store.js";

/** The type buttons (one at a time) and a text filter over what the lines say. */
export function ActivityToolbar() {
  const t = useT(activityMessages);
  const { filter, setType, setText } = useActivityStore(
    useShallow((s) => ({ filter: s.filter, setType: s.setType, setText: s.setText })),
  );
  return (
    <div className="activity-toolbar">
      <fieldset className="activity-toolbar__types">
        <legend className="field__label">{t.typeLabel}</legend>
        <div className="segmented">
          <SegmentedButtons
            options={TYPE_FILTERS}
            value={filter.type}
            onChange={setType}
            label={(type) => t[`type_${type}`]}
          />
        </div>
      </fieldset>
      <SearchField
        label={t.textLabel}
        className="activity-toolbar__text"
        value={filter.text}
        placeholder={t.textPlaceholder}
        onChange={(value) => setText(value)}
      />
    </div>
  );
}
