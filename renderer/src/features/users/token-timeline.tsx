import type { TokenTimeline } from "@wxdesk/electron/desk-api";
import { useFormat, useT } from "../../i18n/use-t.js";
import { TokenCountdownView } from "./token-countdown-view.js";
import { useNow } from "./use-now.js";
import { userDetailMessages } from "./user-detail-messages.js";

type DetailWords = (typeof userDetailMessages)["en"];

/** `needsReauth.reason` starts with WeChat's errcode ("42002 refresh_token expired", §3): say it in words. */
function reauthReason(t: DetailWords, reason: string): string {
  const code = Number.parseInt(reason, 10);
  if (code === 42002) return t.reason42002;
  if (code === 40030) return t.reason40030;
  if (code === 42007) return t.reason42007;
  return t.reasonOther(reason);
}

/** When the tokens were obtained, how long the access token has left (live), the 30-day limit, the last refresh. */
export function TokenTimelineView({ tokens }: { tokens: TokenTimeline }) {
  const t = useT(userDetailMessages);
  const f = useFormat();
  // The refresh limit moves in days: a coarse clock is enough (and keeps this part from re-rendering each second).
  const now = useNow(60_000);
  const reauth = tokens.state === "needs_reauth" || now >= tokens.refreshExpiresAt;
  return (
    <section className="user-detail__section" aria-labelledby="token-timeline-heading">
      <h3 id="token-timeline-heading" className="user-detail__heading">
        {t.timelineHeading}
      </h3>
      <p className="user-detail__hint">{t.timelineHint}</p>
      {tokens.state === "undecryptable" ? (
        <p className="token-timeline__note token-timeline__note--danger">{t.undecryptableNote}</p>
      ) : null}
      <ol className="token-timeline plain-list">
        <li className="token-timeline__step">
          <span className="token-timeline__label">{t.obtained}</span>
          <span className="token-timeline__value">{f.dateTime(tokens.obtainedAt)}</span>
        </li>
        <li
          className={`token-timeline__step ${now >= tokens.accessExpiresAt ? "token-timeline__step--over" : ""}`}
        >
          <span className="token-timeline__label">{t.accessLeft}</span>
          <span className={`token-timeline__value ${reauth ? "token-timeline__value--void" : ""}`}>
            <TokenCountdownView expiresAt={tokens.accessExpiresAt} />
          </span>
          {now >= tokens.accessExpiresAt && !reauth ? (
            <span className="token-timeline__note">{t.accessExpiredRenewable}</span>
          ) : null}
        </li>
        <li className={`token-timeline__step ${reauth ? "token-timeline__step--danger" : ""}`}>
          <span className="token-timeline__label">{t.refreshUntil}</span>
          <span className="token-timeline__value">{f.dateTime(tokens.refreshExpiresAt)}</span>
          {reauth ? (
            <>
              <span className="token-timeline__note token-timeline__note--danger">{t.needsReauth}</span>
              {tokens.needsReauth ? (
                <span className="token-timeline__note">
                  {t.reauthDetail(
                    reauthReason(t, tokens.needsReauth.reason),
                    f.dateTime(tokens.needsReauth.at),
                  )}
                </span>
              ) : null}
            </>
          ) : (
            <span className="token-timeline__note">
              {t.refreshLeft(f.countdown(tokens.refreshExpiresAt, now))}
            </span>
          )}
        </li>
        <li className="token-timeline__step">
          <span className="token-timeline__label">{t.lastRefresh}</span>
          <span className="token-timeline__value">
            {tokens.refreshedAt !== undefined ? f.dateTime(tokens.refreshedAt) : t.neverRefreshed}
          </span>
        </li>
      </ol>
    </section>
  );
}
