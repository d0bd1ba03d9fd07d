import { useT } from "../i18n/use-t.js";
import { Icon } from "../ui/icon.js";
import { appMessages } from "./app-messages.js";
import { NAV_LABELS } from "./nav-labels.js";
import { useNavStore } from "./nav-store.js";
import { SCREENS, type ScreenEntry } from "./screens.js";

/** The left navigation: one button per screen, the current one marked for screen readers too. */
export function SideNav() {
  const t = useT(appMessages);
  const screen = useNavStore((s) => s.screen);
  const navigate = useNavStore((s) => s.navigate);

  const item = (entry: ScreenEntry) => (
    <li key={entry.id}>
      <button
        type="button"
        className={`nav__item ${entry.nested ? "nav__item--nested" : ""} ${entry.id === screen ? "nav__item--active" : ""}`}
        aria-current={entry.id === screen ? "page" : undefined}
        onClick={() => navigate(entry.id)}
      >
        <Icon name={entry.icon} />
        <span>{t[NAV_LABELS[entry.id]]}</span>
      </button>
    </li>
  );

  return (
    <nav className="nav" aria-label={t.mainNavLabel}>
      <div className="nav__brand">
        <span className="nav__logo" aria-hidden="true">
          wx
        </span>
        <span className="nav__name">{t.appName}</span>
      </div>
      <ul className="nav__list plain-list">{SCREENS.filter((s) => !s.bottom).map(item)}</ul>
      <ul className="nav__list nav__list--bottom plain-list">{SCREENS.filter((s) => s.bottom).map(item)}</ul>
    </nav>
  );
}
