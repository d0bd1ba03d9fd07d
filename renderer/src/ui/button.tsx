import { type ButtonHTMLAttributes, type ReactNode, useId } from "react";
import { Icon, type IconName } from "./icon.js";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: "md" | "sm";
  icon?: IconName;
  /** Shows a spinner and disables the button while an action runs. */
  busy?: boolean;
  /** Why the button cannot be used now; disables it and tells the user (tooltip + screen readers). */
  disabledReason?: string;
  children?: ReactNode;
}

export function Button({
  variant = "secondary",
  size = "md",
  icon,
  busy = false,
  disabledReason,
  disabled,
  className,
  children,
  type = "button",
  ...rest
}: ButtonProps) {
  const reasonId = useId();
  const classes = ["btn", `btn--${variant}`, size === "sm" ? "btn--sm" : "", className ?? ""];
  // The reason sits beside the button, not inside it: inside, it would become part of the button's name.
  return (
    <>
      <button
        {...rest}
        type={type}
        className={classes.filter(Boolean).join(" ")}
        disabled={disabled || busy || disabledReason !== undefined}
        aria-busy={busy || undefined}
        aria-describedby={disabledReason ? reasonId : rest["aria-describedby"]}
        title={disabledReason ?? rest.title}
      >
        {busy ? <span className="spinner" aria-hidden="true" /> : icon ? <Icon name={icon} /> : null}
        {children}
      </button>
      {disabledReason ? (
        <span id={reasonId} className="visually-hidden">
          {disabledReason}
        </span>
      ) : null}
    </>
  );
}

export interface IconButtonProps extends Omit<ButtonProps, "children" | "icon"> {
  icon: IconName;
  /** The accessible name, also shown as a tooltip: an icon alone says nothing to a screen reader. */
  label: string;
}

export function IconButton({ icon, label, className, variant = "ghost", ...rest }: IconButtonProps) {
  return (
    <Button
      {...rest}
      variant={variant}
      className={`btn--icon ${className ?? ""}`}
      aria-label={label}
      title={rest.disabledReason ?? label}
      icon={icon}
    />
  );
}
