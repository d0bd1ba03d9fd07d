import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { selectActiveProfile, useAppStore, useCanPublish } from "../../app/app-store.js";
import { both } from "../../i18n/define-messages.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { EmptyState } from "../../ui/empty-state.js";
import { AddAppDialog } from "./add-app-dialog.js";
import { AppSecretDialog } from "./app-secret-dialog.js";
import { appsMessages } from "./apps-messages.js";
import { useAppsStore } from "./apps-store.js";
import { AppsTable } from "./apps-table.js";
import { CopyValue } from "./copy-value.js";
import "./apps.css";

/**
 * 接入应用: the account's other websites that sign WeChat users in through this server. Add one (its
 * secret shown once, with code for the developer), see when each was last used, renew a secret,
 * remove an app. A support profile sees the list only.
 */
export function AppsScreen() {
  const t = useT(appsMessages);
  const isAdmin = useCanPublish();
  const epoch = useAppStore((s) => s.profileEpoch);
  const profileName = useAppStore((s) => selectActiveProfile(s)?.name);
  const store = useAppsStore(
    useShallow((s) => ({
      apps: s.apps,
      discoveryUrl: s.discoveryUrl,
      loaded: s.loaded,
      loading: s.loading,
      error: s.error,
      rotating: s.rotating,
      removing: s.removing,
      busy: s.busy,
      load: s.load,
      openAdd: s.openAdd,
      askRotate: s.askRotate,
      rotate: s.rotate,
      askRemove: s.askRemove,
      remove: s.remove,
    })),
  );

  // Another account chosen at the top: its apps. Leaving the screen forgets everything, a secret included.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the profile epoch is the trigger, not an input
  useEffect(() => {
    void useAppsStore.getState().load();
    return () => useAppsStore.getState().reset();
  }, [epoch]);

  return (
    <div className="screen apps-screen">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">{t.title}</h1>
          <p className="screen__subtitle hint-text">{t.subtitle}</p>
        </div>
        <Button
          variant="primary"
          icon="plus"
          disabledReason={isAdmin ? undefined : t.supportCannot}
          onClick={store.openAdd}
        >
          {t.add}
        </Button>
      </header>
      {!isAdmin ? <p className="apps-screen__note">{t.supportNote}</p> : null}
      {store.error ? (
        <DeskErrorBanner error={store.error} title={t.loadFailed} onRetry={() => void store.load()} />
      ) : null}
      <section className="panel apps-panel" aria-labelledby="apps-list-heading">
        <h2 id="apps-list-heading" className="visually-hidden">
          {t.title}
        </h2>
        {profileName ? <p className="apps-screen__hint hint-text">{t.forProfile(profileName)}</p> : null}
        {store.loading && !store.loaded ? (
          <span className="spinner" role="status" aria-label={t.title} />
        ) : null}
        {store.loaded && store.apps.length === 0 ? (
          <EmptyState icon="info" title={t.empty}>
            {t.emptyBody}
          </EmptyState>
        ) : null}
        {store.apps.length > 0 ? <AppsTable apps={store.apps} /> : null}
      </section>
      {store.discoveryUrl ? (
        <section className="panel apps-panel" aria-labelledby="apps-discovery-heading">
          <h2 id="apps-discovery-heading" className="visually-hidden">
            {t.discoveryHeading}
          </h2>
          <CopyValue
            label={both(appsMessages, (m) => m.discoveryHeading)}
            value={store.discoveryUrl}
            copyLabel={t.copyDiscovery}
          />
          <p className="apps-screen__hint hint-text">{t.discoveryHint}</p>
        </section>
      ) : null}
      <AddAppDialog />
      <AppSecretDialog />
      <ConfirmDialog
        open={store.rotating !== undefined}
        title={t.rotateTitle(store.rotating?.name ?? "")}
        confirmLabel={t.rotateConfirm}
        danger
        busy={store.busy}
        onConfirm={() => void store.rotate()}
        onClose={() => store.askRotate(undefined)}
      >
        <p>{t.rotateBody}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={store.removing !== undefined}
        title={t.removeTitle(store.removing?.name ?? "")}
        confirmLabel={t.removeConfirm}
        danger
        busy={store.busy}
        onConfirm={() => void store.remove()}
        onClose={() => store.askRemove(undefined)}
      >
        <p>{t.removeBody}</p>
      </ConfirmDialog>
    </div>
  );
}
