import type { MenuButtonType } from "@wxdesk/wechat/menu";
import { useT } from "../../i18n/use-t.js";
import { ChoiceGroup } from "../../ui/choice-group.js";
import { SelectField } from "../../ui/field.js";
import { isMainType, MAIN_TYPES, MORE_TYPES } from "./menu-button-types.js";
import { menuMessages } from "./menu-messages.js";
import { menuTypeMessages, typeHint, typeLabel } from "./menu-type-messages.js";

export interface ButtonTypePickerProps {
  type: MenuButtonType | undefined;
  onChange(type: MenuButtonType): void;
}

/**
 * The three everyday actions as cards, scanning/photos/location/media/articles under 「更多」; one line
 * under the cards says what the chosen action does for the follower.
 */
export function ButtonTypePicker({ type, onChange }: ButtonTypePickerProps) {
  const t = useT(menuMessages);
  const types = useT(menuTypeMessages);
  const more = type !== undefined && !isMainType(type);
  const choice = type === undefined ? "" : more ? "more" : type;
  return (
    <div className="type-picker">
      <ChoiceGroup<string>
        legend={t.typeLegend}
        layout="cards"
        value={choice}
        onChange={(value) => {
          if (value !== "more") onChange(value as MenuButtonType);
          else if (!more) onChange(MORE_TYPES[0]);
        }}
        choices={[
          ...MAIN_TYPES.map((value) => ({ value, label: typeLabel(types, value) })),
          { value: "more", label: t.typeMore, description: t.typeMoreHint },
        ]}
      />
      {more && type ? (
        <SelectField<MenuButtonType>
          label={t.typeMoreSelect}
          value={type}
          onChange={onChange}
          hint={typeHint(types, type)}
          options={MORE_TYPES.map((value) => ({ value, label: typeLabel(types, value) }))}
        />
      ) : (
        type && <p className="field__hint">{typeHint(types, type)}</p>
      )}
    </div>
  );
}
