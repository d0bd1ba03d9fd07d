import type { FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { selectActiveIsLocal, useAppStore } from "../../app/app-store.js";
import { usePick, useT } from "../../i18n/use-t.js";
import { SandboxUserPicker, useSandboxUsers } from "../../shared/sandbox-users/sandbox-user-picker.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { TextField } from "../../ui/field.js";
import { Panel } from "../../ui/panel.js";
import { conditionalMessages } from "./conditional-messages.js";
import { type MatchResult, useConditionalStore } from "./conditional-store.js";
import { matchRuleSentence } from "./match-rule-words.js";
import { MenuButtonsPreview } from "./menu-buttons-preview.js";

/** 「这个用户会看到哪个菜单」: WeChat's trymatch for an openid (or a sandbox test user), shown as a menu. */
export function TryMatchPanel() {
  const t = useT(conditionalMessages);
  const local = useAppStore((s) => selectActiveIsLocal(s) && (s.sandbox?.running ?? false));
  const { users } = useSandboxUsers(local);
  const { userId, matching, match, matchError, setUserId, tryMatch } = useConditionalStore(
    useShallow((s) => ({
      userId: s.userId,
      matching: s.matching,
      match: s.match,
      matchError: s.matchError,
      setUserId: s.setUserId,
      tryMatch: s.tryMatch,
    })),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    void tryMatch();
  }

  return (
    <Panel id="cond-match-title" className="cond-panel cond-match" title={t.matchTitle} intro={t.matchIntro}>
      <form className="cond-match__form" onSubmit={submit}>
        <TextField label={t.matchUserLabel} mono value={userId} onChange={setUserId} placeholder="oAbC…" />
        {local && users.length > 0 ? (
          <SandboxUserPicker
            label={t.matchSandboxLabel}
            placeholder={t.matchSandboxPick}
            value={users.some((u) => u.openid === userId) ? userId : ""}
            onChange={(openid) => {
              if (openid) setUserId(openid);
            }}
          />
        ) : null}
        <Button
          type="submit"
          variant="primary"
          busy={matching}
          disabledReason={userId.trim() === "" ? t.matchNeedsUser : undefined}
        >
          {matching ? t.matching : t.match}
        </Button>
      </form>
      {matchError ? <DeskErrorBanner error={matchError} title={t.matchFailed} /> : null}
      {match ? <MatchAnswer match={match} /> : null}
    </Panel>
  );
}

function MatchAnswer({ match }: { match: MatchResult }) {
  const t = useT(conditionalMessages);
  const pick = usePick();
  const rule = useConditionalStore((s) =>
    match.which.kind === "conditional"
      ? s.live?.conditional.find((c) => c.menuid === (match.which as { menuid: string }).menuid)?.matchrule
      : undefined,
  );
  const which =
    match.which.kind === "default"
      ? t.matchDefault
      : match.which.kind === "conditional"
        ? t.matchConditional(match.which.menuid)
        : t.matchUnknown;
  return (
    <div className="cond-match__answer" role="status">
      <p className="cond-match__which">
        <span>{t.matchResult(match.userId)}</span> <strong>{which}</strong>
      </p>
      {rule ? <p className="cond-match__rule hint-text">{pick(matchRuleSentence(rule))}</p> : null}
      <div className="cond-phone">
        <MenuButtonsPreview buttons={match.button} label={t.previewLabel(which)} />
      </div>
    </div>
  );
}
