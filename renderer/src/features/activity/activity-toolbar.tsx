import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { Field } from "../../ui/field.js";
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
          {TYPE_FILTERS.map((type) => (
            <button
              key={type}
              type="button"
              className={`segmented__item ${filter.type === type ? "segmented__item--on" : ""}`}
              aria-pressed={filter.type === type}
              onClick={() => setType(type)}
            >
              {t[`type_${type}`]}
            </button>
          ))}
        </div>
      </fieldset>
      <Field label={t.textLabel} className="activity-toolbar__text">
        {(control) => (
          <input
            {...control}
            className="input"
            type="search"
            value={filter.text}
            placeholder={t.textPlaceholder}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
    </div>
  );
}
