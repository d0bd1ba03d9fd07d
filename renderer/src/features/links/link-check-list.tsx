import type { LinkCheck } from "@wxdesk/electron/desk-api";
import { usePick, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { linksMessages } from "./links-messages.js";

/** Checks in words: what stops the link from working (red), then what is worth knowing (amber). */
export function LinkCheckList({ checks }: { checks: readonly LinkCheck[] }) {
  const t = useT(linksMessages);
  const pick = usePick();
  const errors = checks.filter((c) => c.level === "error");
  const warnings = checks.filter((c) => c.level === "warning");
  return (
    <div className="link-checks">
      {errors.length > 0 ? (
        <Banner kind="error" title={t.checksErrors(errors.length)}>
          <ul className="banner__list link-checks__list">
            {errors.map((c) => (
              <li key={`${c.code}:${c.message}`}>{pick({ zh: c.messageZh, en: c.message })}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {warnings.length > 0 ? (
        <Banner kind="warning" title={t.checksWarnings(warnings.length)}>
          <ul className="banner__list link-checks__list">
            {warnings.map((c) => (
              <li key={`${c.code}:${c.message}`}>{pick({ zh: c.messageZh, en: c.message })}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
    </div>
  );
}
