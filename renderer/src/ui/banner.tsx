import type { ReactNode } from "react";
import { Icon, type IconName } from "./icon.js";

export type BannerKind = "error" | "warning" | "info" | "success";

const ICONS: Record<BannerKind, IconName> = {
  error: "alert",
  warning: "alert",
  info: "info",
  success: "check",
};

export interface BannerProps {
  kind: BannerKind;
  title: ReactNode;
  children?: ReactNode;
  /** Buttons on the right: retry, fix, dismiss. */
  actions?: ReactNode;
}

/** A message inside a screen. Errors are announced at once (role=alert); the rest politely. */
export function Banner({ kind, title, children, actions }: BannerProps) {
  return (
    <div className={`banner banner--${kind}`} role={kind === "error" ? "alert" : "status"}>
      <span className="banner__icon">
        <Icon name={ICONS[kind]} />
      </span>
      <div className="banner__content">
        <div className="banner__title">{title}</div>
        {children ? <div className="banner__body">{children}</div> : null}
      </div>
      {actions ? <div className="banner__actions">{actions}</div> : null}
    </div>
  );
}
