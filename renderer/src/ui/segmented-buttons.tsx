/** The buttons of a `segmented` control (one pressed at a time); the caller keeps its fieldset and legend. */
export interface SegmentedButtonsProps<V extends string> {
  options: readonly V[];
  value: V;
  onChange(value: V): void;
  label(option: V): string;
  /** The language a label is written in, when it is not the page's (a language names itself). */
  lang?(option: V): string;
}

export function SegmentedButtons<V extends string>({
  options,
  value,
  onChange,
  label,
  lang,
}: SegmentedButtonsProps<V>) {
  return options.map((option) => (
    <button
      key={option}
      type="button"
      lang={lang?.(option)}
      className={`segmented__item ${option === value ? "segmented__item--on" : ""}`}
      aria-pressed={option === value}
      onClick={() => onChange(option)}
    >
      {label(option)}
    </button>
  ));
}
