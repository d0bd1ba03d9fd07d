import type { Role } from "@wxdesk/electron/desk-api";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { Panel } from "../../ui/panel.js";
import { ProfileCard } from "./profile-card.js";
import { ProfileFormDialog } from "./profile-form-dialog.js";
import { settingsMessages } from "./settings-messages.js";
import { useSettingsStore } from "./settings-store.js";

/** The connections, the built-in local sandbox first; add / edit / remove / switch / test. */
export function ProfilesSection() {
  const t = useT(settingsMessages);
  const { profiles, activeId, switchProfile, allowPlaintext } = useAppStore(
    useShallow((s) => ({
      profiles: s.profiles,
      activeId: s.activeId,
      switchProfile: s.switchProfile,
      allowPlaintext: s.settings.allowPlaintextKeys,
    })),
  );
  const startupKeychain = useAppStore((s) => s.info?.keychain);
  const store = useSettingsStore(
    useShallow((s) => ({
      checks: s.checks,
      keychain: s.keychain,
      removingId: s.removingId,
      removeBusy: s.removeBusy,
      openAdd: s.openAdd,
      openEdit: s.openEdit,
      askRemove: s.askRemove,
      cancelRemove: s.cancelRemove,
      confirmRemove: s.confirmRemove,
      testConnection: s.testConnection,
      clearingTokensId: s.clearingTokensId,
      clearTokensBusy: s.clearTokensBusy,
      askClearTokens: s.askClearTokens,
      cancelClearTokens: s.cancelClearTokens,
      confirmClearTokens: s.confirmClearTokens,
      setLocalRole: s.setLocalRole,
      localRoleBusy: s.localRoleBusy,
    })),
  );
  const keychain = store.keychain ?? startupKeychain;
  // No keychain and no consent to a file: a key could not be kept anywhere, so adding would only fail.
  const cannotKeepKeys = keychain?.available === false && !allowPlaintext;
  const sorted = [...profiles].sort((a, b) => Number(b.local) - Number(a.local));
  const removing = profiles.find((p) => p.id === store.removingId);
  const clearing = profiles.find((p) => p.id === store.clearingTokensId);

  return (
    <Panel
      id="settings-profiles"
      className="settings-section"
      title={t.profilesHeading}
      actions={
        <Button
          variant="primary"
          size="sm"
          icon="plus"
          disabledReason={cannotKeepKeys ? t.addNeedsKeychain : undefined}
          onClick={store.openAdd}
        >
          {t.addProfile}
        </Button>
      }
    >
      <p className="settings-section__hint hint-text">{t.profilesHint}</p>
      <ul className="profile-list plain-list">
        {sorted.map((profile) => (
          <ProfileCard
            key={profile.id}
            profile={profile}
            active={profile.id === activeId}
            check={store.checks[profile.id]}
            onTest={() => void store.testConnection(profile.id)}
            onActivate={() => void switchProfile(profile.id)}
            onEdit={() => store.openEdit(profile.id)}
            onRemove={() => store.askRemove(profile.id)}
            onClearTokens={() => store.askClearTokens(profile.id)}
            {...(profile.local
              ? {
                  onLocalRole: (role: Role) => void store.setLocalRole(role),
                  localRoleBusy: store.localRoleBusy,
                }
              : {})}
          />
        ))}
      </ul>
      <ProfileFormDialog />
      <ConfirmDialog
        open={removing !== undefined}
        title={removing ? t.removeTitle(removing.name) : ""}
        confirmLabel={t.removeConfirm}
        danger
        busy={store.removeBusy}
        onConfirm={() => void store.confirmRemove()}
        onClose={store.cancelRemove}
      >
        <p>{t.removeBody}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={clearing !== undefined}
        title={clearing ? t.clearTokensTitle(clearing.name) : ""}
        confirmLabel={t.clearTokensConfirm}
        busy={store.clearTokensBusy}
        onConfirm={() => void store.confirmClearTokens()}
        onClose={store.cancelClearTokens}
      >
        <p>{t.clearTokensBody1}</p>
        <p>{t.clearTokensBody2}</p>
      </ConfirmDialog>
    </Panel>
  );
}
