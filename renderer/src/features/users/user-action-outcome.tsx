import { useFormat, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { ErrorExplanationView } from "../../ui/error-explanation.js";
import { tokenMessages } from "./token-messages.js";
import { stateWords } from "./token-words.js";
import type { UserChange } from "./user-changes.js";
import { userDetailMessages } from "./user-detail-messages.js";
import type { ActionOutcome, UserAction } from "./user-detail-store.js";

type DetailWords = (typeof userDetailMessages)["en"];

const OK_TITLE: Record<UserAction, keyof DetailWords & `${string}Ok`> = {
  check: "checkOk",
  refresh: "refreshOk",
  repull: "repullOk",
};
const FAILED_TITLE: Record<UserAction, keyof DetailWords & `${string}Failed`> = {
  check: "checkFailed",
  refresh: "refreshFailed",
  repull: "repullFailed",
};

/** What the last check / refresh / re-pull did, in words: what changed, or WeChat's reason explained. */
export function UserActionOutcomeView({ outcome }: { outcome: ActionOutcome }) {
  const t = useT(userDetailMessages);
  const tt = useT(tokenMessages);
  const f = useFormat();

  function line(change: UserChange): string {
    switch (change.field) {
      case "state":
        return t.changeState(stateWords(tt, change.before).label, stateWords(tt, change.after).label);
      case "accessExpiresAt":
        return t.changeAccess(f.dateTime(change.after));
      case "nickname":
        return t.changeNickname(change.before ?? t.none, change.after ?? t.none);
      case "headimgurl":
        return t.changeAvatar;
      case "unionid":
        return t.changeUnionid(change.after ?? t.none);
      case "privilege":
        return t.changePrivilege(change.after.length > 0 ? change.after.join(", ") : t.none);
    }
  }

  const lines = outcome.changes.map(line);
  const changeList =
    lines.length > 0 ? (
      <ul className="user-outcome__changes">
        {lines.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    ) : null;

  if (outcome.error) return <DeskErrorBanner error={outcome.error} title={t[FAILED_TITLE[outcome.action]]} />;
  if (!outcome.ok) {
    return (
      <Banner kind="error" title={t[FAILED_TITLE[outcome.action]]}>
        {changeList}
        {outcome.explanation ? <ErrorExplanationView explanation={outcome.explanation} /> : null}
      </Banner>
    );
  }
  return (
    <Banner kind="success" title={t[OK_TITLE[outcome.action]]}>
      {changeList ?? (outcome.action === "repull" ? <p>{t.nothingChanged}</p> : null)}
    </Banner>
  );
}
