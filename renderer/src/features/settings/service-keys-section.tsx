import type { ServiceKeyView } from "@wxdesk/electron/desk-api";
import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { selectActiveProfile, useAppStore, useCanPublish } from "../../app/app-store.js";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { EmptyState } from "../../ui/empty-state.js";
import { Panel } from "../../ui/panel.js";
import { ServiceKeyDialog } from "./service-key-dialog.js";
import { serviceKeysMessages } from "./service-keys-messages.js";
import { useServiceKeysStore } from "./service-keys-store.js";

/**
 * 服务密钥: keys other systems of the account get the WeChat token with (the server is the one token
 * holder). List, create (the key shown once), revoke. Admin keys only; a support profile reads why not.
 */
export function ServiceKeysSection() {
  const t = useT(serviceKeysMessages);
  const f = useFormat();
  const isAdmin = useCanPublish();
  const profileName = useAppStore((s) => selectActiveProfile(s)?.name);
  const store = useServiceKeysStore(
    useShallow((s) => ({
      keys: s.keys,
      loading: s.loading,
      loaded: s.loaded,
      error: s.error,
      revoking: s.revoking,
      revokeBusy: s.revokeBusy,
      load: s.load,
      openCreate: s.openCreate,
      askRevoke: s.askRevoke,
      revoke: s.revoke,
    })),
  );

  useEffect(() => {
    if (isAdmin) void useServiceKeysStore.getState().load();
    return () => useServiceKeysStore.getState().reset();
  }, [isAdmin]);

  const revokeButton = (key: ServiceKeyView) => (
    <Button
      size="sm"
      variant="secondary"
      aria-label={t.revokeNamed(key.name)}
      disabledReason={key.source === "settings" ? t.settingsCannot : undefined}
      onClick={() => store.askRevoke(key)}
    >
      {t.revoke}
    </Button>
  );

  return (
    <Panel
      id="settings-service-keys"
      className="settings-section"
      title={t.heading}
      actions={
        <Button
          variant="primary"
          size="sm"
          icon="plus"
          disabledReason={isAdmin ? undefined : t.supportCannot}
          onClick={store.openCreate}
        >
          {t.create}
        </Button>
      }
    >
      <p className="settings-section__hint hint-text">{t.intro}</p>
      {!isAdmin ? <p className="settings-service-keys__note hint-text">{t.supportNote}</p> : null}
      {isAdmin && profileName ? (
        <p className="settings-section__hint hint-text">{t.forProfile(profileName)}</p>
      ) : null}
      {isAdmin && store.error ? (
        <DeskErrorBanner error={store.error} title={t.loadFailed} onRetry={() => void store.load()} />
      ) : null}
      {isAdmin && store.loaded && store.keys.length === 0 ? (
        <EmptyState icon="info" title={t.empty}>
          {t.emptyBody}
        </EmptyState>
      ) : null}
      {isAdmin && store.keys.length > 0 ? (
        <table className="settings-service-keys__table" aria-label={t.heading}>
          <thead>
            <tr>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.source}</th>
              <th scope="col">{t.created}</th>
              <th scope="col">{t.lastUsed}</th>
              <th scope="col">
                <span className="visually-hidden">{t.revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {store.keys.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>
                  <span className={`tag ${key.source === "settings" ? "" : "tag--accent"}`}>
                    {key.source === "settings" ? t.fromSettings : t.fromDesk}
                  </span>
                </td>
                <td>{key.createdAt ? f.dateTime(key.createdAt) : "—"}</td>
                <td>{key.lastUsedAt ? f.dateTime(key.lastUsedAt) : t.never}</td>
                <td className="settings-service-keys__actions">{revokeButton(key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ServiceKeyDialog />
      <ConfirmDialog
        open={store.revoking !== undefined}
        title={t.revokeTitle(store.revoking?.name ?? "")}
        confirmLabel={t.revokeConfirm}
        danger
        busy={store.revokeBusy}
        onConfirm={() => void store.revoke()}
        onClose={() => store.askRevoke(undefined)}
      >
        <p>{t.revokeBody}</p>
      </ConfirmDialog>
    </Panel>
  );
}
