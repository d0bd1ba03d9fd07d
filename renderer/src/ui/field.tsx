import { type ReactNode, useId } from "react";
import { useT } from "../i18n/use-t.js";
import { uiMessages } from "./ui-messages.js";

export interface ByteCount {
  used: number;
  max: number;
}

export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

export interface FieldProps {
  label: string;
  /** A plain-words line under the control: what to type, an example. */
  hint?: ReactNode;
  /** Problems with the current value, shown inline (and read out with the control). */
  errors?: readonly string[];
  /** A byte counter beside the label, red when over. */
  bytes?: ByteCount;
  required?: boolean;
  className?: string;
  /** The control, given the ids that tie it to the label, hint and errors. */
  children(control: FieldControlProps): ReactNode;
}

/** Label + control + hint + inline errors + optional byte counter: every form field in the app. */
export function Field({ label, hint, errors = [], bytes, className, children }: FieldProps) {
  const t = useT(uiMessages);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const over = bytes ? bytes.used > bytes.max : false;
  const describedBy = [errors.length > 0 ? errorId : "", bytes ? counterId : "", hint ? hintId : ""].filter(
    Boolean,
  );
  return (
    <div className={`field ${errors.length > 0 ? "field--invalid" : ""} ${className ?? ""}`}>
      <div className="field__top">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {bytes ? (
          <span id={counterId} className={`field__counter ${over ? "field__counter--over" : ""}`}>
            {t.bytes(bytes.used, bytes.max)}
          </span>
        ) : null}
      </div>
      {children({
        id,
        "aria-describedby": describedBy.length > 0 ? describedBy.join(" ") : undefined,
        "aria-invalid": errors.length > 0 ? true : undefined,
      })}
      {errors.length > 0 ? (
        <ul id={errorId} className="field__errors plain-list">
          {[...new Set(errors)].map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends Omit<FieldProps, "children"> {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  placeholder?: string;
  multiline?: boolean;
  type?: "text" | "url";
  spellCheck?: boolean;
  /** For monospaced values people copy (keys, appids). */
  mono?: boolean;
}

export function TextField({
  value,
  onChange,
  onBlur,
  placeholder,
  multiline = false,
  type = "text",
  spellCheck = false,
  mono = false,
  ...field
}: TextFieldProps) {
  const className = `input ${mono ? "input--mono" : ""}`;
  return (
    <Field {...field}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            className={className}
            value={value}
            placeholder={placeholder}
            spellCheck={spellCheck}
            rows={3}
            onChange={(event) => onChange(event.target.value)}
            onBlur={onBlur}
          />
        ) : (
          <input
            {...control}
            className={className}
            type={type}
            value={value}
            placeholder={placeholder}
            spellCheck={spellCheck}
            autoComplete="off"
            onChange={(event) => onChange(event.target.value)}
            onBlur={onBlur}
          />
        )
      }
    </Field>
  );
}

export interface SearchFieldProps extends Omit<FieldProps, "children"> {
  value: string;
  placeholder: string;
  maxLength?: number;
  /** `composing`: an input method (pinyin) is still composing; a caller may wait for the end. */
  onChange(value: string, composing: boolean): void;
  /** The input method finished composing `value`. */
  onCompositionEnd?(value: string): void;
}

/** A filter box over a list (the toolbars of 用户 and 动态): typed text, not a form value. */
export function SearchField({
  value,
  placeholder,
  maxLength,
  onChange,
  onCompositionEnd,
  ...field
}: SearchFieldProps) {
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="search"
          value={value}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          maxLength={maxLength}
          onChange={(event) =>
            onChange(event.target.value, (event.nativeEvent as InputEvent).isComposing === true)
          }
          onCompositionEnd={onCompositionEnd && ((event) => onCompositionEnd(event.currentTarget.value))}
        />
      )}
    </Field>
  );
}

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string> extends Omit<FieldProps, "children"> {
  value: V;
  options: readonly SelectOption<V>[];
  onChange(value: V): void;
  /** Shown but not usable; say why in `hint`, which is read out with the control. */
  disabled?: boolean;
}

export function SelectField<V extends string>({
  value,
  options,
  onChange,
  disabled,
  ...field
}: SelectFieldProps<V>) {
  return (
    <Field {...field}>
      {(control) => (
        <select
          {...control}
          className="input select"
          disabled={disabled}
          value={value}
          onChange={(event) => onChange(event.target.value as V)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
