import { memo } from "react";
import { useNavStore } from "../../app/nav-store.js";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { ErrorExplanationView } from "../../ui/error-explanation.js";
import type { DescribedEvent } from "./activity-filter.js";
import { activityMessages } from "./activity-messages.js";

const TAG_CLASS: Record<string, string> = {
  authorization: "tag tag--accent",
  failure: "tag tag--danger",
  menu: "tag activity-tag--info",
  message: "tag",
  refresh: "tag",
  check: "tag",
  other: "tag",
};

export interface ActivityRowProps {
  entry: DescribedEvent;
  expanded: boolean;
  /** Today's date, to write only the time for today's events. */
  today: string;
  onToggle(id: number): void;
}

/** One event, one line; a failure opens to WeChat's explanation (and, for token_superseded, what is going on). */
export const ActivityRow = memo(function ActivityRow({ entry, expanded, today, onToggle }: ActivityRowProps) {
  const t = useT(activityMessages);
  const f = useFormat();
  const { event, line } = entry;
  const kind = line.failed ? "failure" : line.category;
  const expandable = line.failed && (line.explanation !== undefined || line.notes.length > 0);
  const whyId = `activity-why-${event.id}`;
  return (
    <div className={`activity-row ${line.failed ? "activity-row--failed" : ""}`}>
      <div className="activity-row__main">
        <time
          className="activity-row__time"
          dateTime={new Date(event.at).toISOString()}
          title={f.dateTime(event.at)}
        >
          {f.date(event.at) === today ? f.time(event.at) : f.dateTime(event.at)}
        </time>
        <span className={`activity-row__tag ${TAG_CLASS[kind] ?? "tag"}`}>{t[`kind_${kind}`]}</span>
        <span className="activity-row__text">{line.text}</span>
        {line.openid ? <OpenUserButton openid={line.openid} who={line.who ?? line.openid} /> : null}
        {expandable ? (
          <Button
            size="sm"
            variant="ghost"
            className="activity-row__toggle"
            icon={expanded ? "chevronUp" : "chevronDown"}
            aria-expanded={expanded}
            aria-controls={whyId}
            onClick={() => onToggle(event.id)}
          >
            {expanded ? t.hideWhy : t.showWhy}
          </Button>
        ) : null}
      </div>
      {expandable && expanded ? (
        <div id={whyId} className="activity-row__why">
          {line.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
          {line.explanation ? (
            <ErrorExplanationView explanation={line.explanation} technical={line.technical} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
});

/** The user the event is about, opened in 用户 (their detail, found by openid). */
function OpenUserButton({ openid, who }: { openid: string; who: string }) {
  const t = useT(activityMessages);
  const openUser = useNavStore((s) => s.openUser);
  return (
    <Button
      size="sm"
      variant="ghost"
      icon="users"
      className="activity-row__open"
      aria-label={t.openUserLabel(who)}
      onClick={() => openUser(openid)}
    >
      {t.openUser}
    </Button>
  );
}
