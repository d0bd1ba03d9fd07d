import { useShallow } from "zustand/react/shallow";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { IconButton } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { CopyButton } from "./copy-button.js";
import { tokenMessages } from "./token-messages.js";
import { TokenTimelineView } from "./token-timeline.js";
import { STATE_TAG_CLASS, scopeWords, stateWords } from "./token-words.js";
import { UserActions } from "./user-actions.js";
import { UserAvatar } from "./user-avatar.js";
import { userDetailMessages } from "./user-detail-messages.js";
import { useUserDetailStore } from "./user-detail-store.js";
import { usersMessages } from "./users-messages.js";
import { useUsersStore } from "./users-store.js";

/** The selected user: profile, token timeline (no token itself — DeskApi has none), actions. */
export function UserDetailPanel() {
  const t = useT(userDetailMessages);
  const tu = useT(usersMessages);
  const tt = useT(tokenMessages);
  const f = useFormat();
  const openid = useUserDetailStore((s) => s.openid);
  // The list answered for another search: say so rather than show a user the list no longer has.
  const listed = useUsersStore((s) => !s.loaded || s.loading || s.rows.some((r) => r.openid === openid));
  const { detail, loading, error, reload, select } = useUserDetailStore(
    useShallow((s) => ({
      detail: s.detail,
      loading: s.loading,
      error: s.error,
      reload: s.reload,
      select: s.select,
    })),
  );
  return (
    <aside className="panel user-detail" aria-label={t.panelLabel}>
      <header className="user-detail__header">
        <UserAvatar size="lg" url={detail?.headimgurl} nickname={detail?.nickname} />
        <div className="user-detail__title">
          <h2 className="user-detail__name">{detail ? (detail.nickname ?? tu.noNickname) : t.loading}</h2>
          {detail ? (
            <div className="user-detail__tags">
              <span className="tag" title={scopeWords(tt, detail.scope).hint}>
                {scopeWords(tt, detail.scope).label}
              </span>
              <span
                className={STATE_TAG_CLASS[detail.tokens.state]}
                title={stateWords(tt, detail.tokens.state).hint}
              >
                {stateWords(tt, detail.tokens.state).label}
              </span>
            </div>
          ) : null}
        </div>
        <IconButton icon="close" size="sm" label={t.close} onClick={() => void select(undefined)} />
      </header>
      <div className="user-detail__body">
        {loading && !detail ? (
          <span className="spinner spinner--lg" role="status" aria-label={t.loading} />
        ) : null}
        {listed ? null : (
          <Banner kind="info" title={t.notListed}>
            {t.notListedBody}
          </Banner>
        )}
        {error ? <DeskErrorBanner error={error} title={t.loadFailed} onRetry={() => void reload()} /> : null}
        {detail ? (
          <>
            <TokenTimelineView tokens={detail.tokens} />
            <UserActions detail={detail} />
            <section className="user-detail__section" aria-labelledby="user-profile-heading">
              <h3 id="user-profile-heading" className="user-detail__heading">
                {t.profileHeading}
              </h3>
              <dl className="user-detail__facts">
                <dt>{t.openid}</dt>
                <dd className="user-detail__id">
                  <code>{detail.openid}</code>
                  <CopyButton text={detail.openid} label={tu.copyOpenid} />
                </dd>
                <dt>{t.unionid}</dt>
                <dd className="user-detail__id">
                  {detail.unionid ? (
                    <>
                      <code>{detail.unionid}</code>
                      <CopyButton text={detail.unionid} label={tu.copyUnionid} />
                    </>
                  ) : (
                    <span className="user-detail__muted meta-text">{t.noUnionid}</span>
                  )}
                </dd>
                <dt>{t.scope}</dt>
                <dd>
                  {scopeWords(tt, detail.scope).label}
                  <div className="user-detail__muted meta-text">{scopeWords(tt, detail.scope).hint}</div>
                </dd>
                <dt>{t.privilege}</dt>
                <dd>{detail.privilege.length > 0 ? detail.privilege.join(", ") : t.noPrivilege}</dd>
                <dt>{t.firstAuthorized}</dt>
                <dd>{f.dateTime(detail.firstAuthorizedAt)}</dd>
                <dt>{t.lastAuthorized}</dt>
                <dd>{f.dateTime(detail.lastAuthorizedAt)}</dd>
              </dl>
            </section>
            <section className="user-detail__section" aria-labelledby="user-apps-heading">
              <h3 id="user-apps-heading" className="user-detail__heading">
                {t.appsHeading}
              </h3>
              {detail.apps.length === 0 ? (
                <p className="user-detail__muted meta-text">{t.noApps}</p>
              ) : (
                <ul className="user-detail__apps plain-list">
                  {detail.apps.map((app) => (
                    <li key={app.clientId}>
                      <span className="user-detail__app-name">{app.name}</span>
                      <span className="user-detail__muted meta-text">
                        {t.appLastSignIn(f.dateTime(app.lastSignInAt))}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        ) : null}
      </div>
    </aside>
  );
}
