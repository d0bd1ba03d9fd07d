import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { SandboxUserPicker, useSandboxUsers } from "../../shared/sandbox-users/sandbox-user-picker.js";
import { Button } from "../../ui/button.js";
import { linksMessages } from "./links-messages.js";
import { linkBuilder, useLinksStore } from "./links-store.js";

/**
 * 「在沙箱里试试」 (only for the local sandbox profile): pick a fixture user, open the consent page for the
 * start link in a phone-sized window.
 */
export function SandboxTry() {
  const t = useT(linksMessages);
  const running = useAppStore((s) => s.sandbox?.running ?? false);
  const startUrl = useStore(linkBuilder, (s) => s.result?.startUrl);
  const { users, error: usersError } = useSandboxUsers(running);
  const { opening, phoneUrl, open } = useLinksStore(
    useShallow((s) => ({ opening: s.opening, phoneUrl: s.phoneUrl, open: s.openInSandbox })),
  );

  const reason = !startUrl ? t.sandboxNeedsLink : users.length === 0 ? t.sandboxNoUsers : undefined;
  return (
    <section className="sandbox-try" aria-labelledby="links-sandbox-title">
      <h3 id="links-sandbox-title" className="sandbox-try__title">
        {t.sandboxTitle}
      </h3>
      {!running ? (
        <p className="sandbox-try__text hint-text">{t.sandboxStopped}</p>
      ) : (
        <>
          <p className="sandbox-try__text hint-text">{usersError ? t.sandboxUsersFailed : t.sandboxIntro}</p>
          <div className="sandbox-try__row">
            <SandboxUserPicker className="sandbox-try__user" />
            <Button
              variant="secondary"
              busy={opening}
              disabledReason={reason}
              onClick={() => {
                if (startUrl) void open(startUrl);
              }}
            >
              {t.sandboxOpen}
            </Button>
          </div>
          {phoneUrl ? (
            <a className="sandbox-try__fallback" href={phoneUrl} target="_blank" rel="noreferrer">
              {t.sandboxFallback}
            </a>
          ) : null}
        </>
      )}
    </section>
  );
}
