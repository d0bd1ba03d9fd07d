import { type ReactNode, useId } from "react";

export interface Choice<V extends string> {
  value: V;
  label: string;
  description?: ReactNode;
  disabled?: boolean;
}

export interface ChoiceGroupProps<V extends string> {
  legend: string;
  value: V;
  choices: readonly Choice<V>[];
  onChange(value: V): void;
  /** Cards side by side (few, short choices) or a list. */
  layout?: "cards" | "list";
}

/** Radio buttons as cards with a title and a plain-words description: for choices that need explaining. */
export function ChoiceGroup<V extends string>({
  legend,
  value,
  choices,
  onChange,
  layout = "list",
}: ChoiceGroupProps<V>) {
  const name = useId();
  return (
    <fieldset className={`choices choices--${layout}`}>
      <legend className="field__label">{legend}</legend>
      {choices.map((choice) => (
        <label
          key={choice.value}
          className={`choice ${choice.value === value ? "choice--checked" : ""} ${choice.disabled ? "choice--disabled" : ""}`}
        >
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={choice.value === value}
            disabled={choice.disabled}
            onChange={() => onChange(choice.value)}
          />
          <span className="choice__text">
            <span className="choice__label">{choice.label}</span>
            {choice.description ? (
              <span className="choice__description hint-text">{choice.description}</span>
            ) : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
