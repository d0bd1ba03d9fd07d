import type { ReactNode } from "react";
import { Icon, type IconName } from "./icon.js";

export interface EmptyStateProps {
  icon?: IconName;
  title: string;
  children?: ReactNode;
  /** Usually one button: the thing to do next. */
  action?: ReactNode;
}

/** What a screen or list shows when there is nothing yet, and what to do about it. */
export function EmptyState({ icon = "info", title, children, action }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <span className="empty-state__icon">
        <Icon name={icon} size={28} />
      </span>
      {/* h2: it may sit right under the screen's h1 (an empty 用户 or 动态), and a heading never skips a level. */}
      <h2 className="empty-state__title">{title}</h2>
      {children ? <div className="empty-state__text">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}

/** A whole screen that is only this message (support role, a crashed screen): centred in the content area. */
export function EmptyScreen(props: EmptyStateProps) {
  return (
    <div className="screen screen--centered">
      <EmptyState {...props} />
    </div>
  );
}
