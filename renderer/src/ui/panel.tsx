import type { ReactNode } from "react";

export interface PanelProps {
  /** The heading's id: the section is labelled by it (a named region for screen readers and tests). */
  id: string;
  title: string;
  /** One line under the title on what the panel does. */
  intro?: string;
  /** What sits beside the title, at the row's end (an add button, a switch). */
  actions?: ReactNode;
  /** Extra classes for the section (layout of the screen that holds it). */
  className?: string;
  children?: ReactNode;
}

/** A titled card on a screen: a `section` labelled by its `h2`, with an optional intro line and actions. */
export function Panel({ id, title, intro, actions, className, children }: PanelProps) {
  const heading = (
    <h2 id={id} className="panel__title">
      {title}
    </h2>
  );
  const titled =
    intro === undefined ? (
      heading
    ) : (
      <div className="panel__heading">
        {heading}
        <p className="panel__intro hint-text">{intro}</p>
      </div>
    );
  return (
    <section className={className ? `panel ${className}` : "panel"} aria-labelledby={id}>
      {actions === undefined ? (
        titled
      ) : (
        <div className="panel__head">
          {titled}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
