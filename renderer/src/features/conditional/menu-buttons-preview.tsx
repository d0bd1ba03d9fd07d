import type { MenuButton } from "@wxdesk/wechat/menu";
import { useT } from "../../i18n/use-t.js";
import { conditionalMessages } from "./conditional-messages.js";

/**
 * A menu as the bottom of WeChat's chat shows it, read-only and all open at once: up to three buttons
 * across, each with its sub-buttons stacked above it (§7.1).
 */
export function MenuButtonsPreview({ buttons, label }: { buttons: readonly MenuButton[]; label: string }) {
  const t = useT(conditionalMessages);
  if (buttons.length === 0) return <p className="cond-menu__empty">{t.noButtons}</p>;
  return (
    <ul className="cond-menu" aria-label={label}>
      {buttons.map((top, i) => {
        const subs = top.sub_button ?? [];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: menu buttons have no ids; position is identity
          <li key={i} className="cond-menu__col">
            {subs.length > 0 ? (
              <ul className="cond-menu__subs">
                {subs.map((sub, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: as above
                  <li key={j} className="cond-menu__sub" title={sub.name}>
                    {sub.name}
                  </li>
                ))}
              </ul>
            ) : null}
            <span
              className={`cond-menu__top ${subs.length > 0 ? "cond-menu__top--parent" : ""}`}
              title={top.name}
            >
              {top.name}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
