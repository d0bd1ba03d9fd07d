import type { UserDetail } from "@wxdesk/electron/desk-api";
import { useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { useCanPublish } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { UserActionOutcomeView } from "./user-action-outcome.js";
import { userDetailMessages } from "./user-detail-messages.js";
import { type UserAction, useUserDetailStore } from "./user-detail-store.js";

const ACTIONS: readonly UserAction[] = ["check", "refresh", "repull"];

/**
 * Check (open to support: sns/auth changes nothing), refresh and re-pull (admin only, docs/admin-api.md
 * Roles). A button that cannot be used says why, beside it and as its tooltip.
 */
export function UserActions({ detail }: { detail: UserDetail }) {
  const t = useT(userDetailMessages);
  const canChange = useCanPublish();
  const { running, outcome, run } = useUserDetailStore(
    useShallow((s) => ({ running: s.running, outcome: s.outcome, run: s.run })),
  );
  const reauth = detail.tokens.state === "needs_reauth";
  // The server answers 409 token_undecryptable without asking WeChat: say so before anyone tries.
  const undecryptable = detail.tokens.state === "undecryptable";
  // The answer appears under the buttons: bring it into view in a panel that may be scrolled.
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [outcome]);

  function disabledReason(action: UserAction): string | undefined {
    if (undecryptable) return t.undecryptableCannot;
    if (action === "check") return undefined;
    if (!canChange) return t.supportCannot;
    if (reauth) return t.reauthCannot;
    // §4: sns/userinfo needs the snsapi_userinfo grant; a silent authorization has none to re-pull.
    if (action === "repull" && detail.scope === "snsapi_base") return t.baseCannotRepull;
    return undefined;
  }
  const words: Record<UserAction, { label: string; hint: string }> = {
    check: { label: t.check, hint: t.checkHint },
    refresh: { label: t.refresh, hint: t.refreshHint },
    repull: { label: t.repull, hint: t.repullHint },
  };

  return (
    <section className="user-detail__section" aria-labelledby="user-actions-heading">
      <h3 id="user-actions-heading" className="user-detail__heading">
        {t.actionsHeading}
      </h3>
      <ul className="user-actions plain-list">
        {ACTIONS.map((action) => {
          const reason = disabledReason(action);
          return (
            <li key={action} className="user-actions__item">
              <Button
                size="sm"
                variant={action === "check" ? "primary" : "secondary"}
                busy={running === action}
                disabled={running !== undefined && running !== action}
                disabledReason={reason}
                onClick={() => void run(action)}
              >
                {words[action].label}
              </Button>
              <span className={`user-actions__hint ${reason ? "user-actions__hint--reason" : ""}`}>
                {reason ?? words[action].hint}
              </span>
            </li>
          );
        })}
      </ul>
      {outcome ? (
        <div ref={outcomeRef} className="user-outcome" aria-live="polite">
          <UserActionOutcomeView outcome={outcome} />
        </div>
      ) : null}
    </section>
  );
}
