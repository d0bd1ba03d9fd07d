import type { ReactNode } from "react";

export interface ScreenHeaderProps {
  title: string;
  subtitle: string;
  /** What sits at the header's end: a status, a refresh or save button. */
  children?: ReactNode;
}

/** The top of every screen: its name (the page's one `h1`), one line on what it is for, its actions. */
export function ScreenHeader({ title, subtitle, children }: ScreenHeaderProps) {
  return (
    <header className="screen__header">
      <div>
        <h1 className="screen__title">{title}</h1>
        <p className="screen__subtitle hint-text">{subtitle}</p>
      </div>
      {children}
    </header>
  );
}
