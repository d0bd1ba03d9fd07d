import type { ProfileView, Role } from "@wxdesk/electron/desk-api";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { ConnectionResult } from "./connection-result.js";
import { settingsMessages } from "./settings-messages.js";
import type { ConnectionCheck } from "./settings-store.js";

export interface ProfileCardProps {
  profile: ProfileView;
  active: boolean;
  check?: ConnectionCheck;
  onTest(): void;
  onActivate(): void;
  onEdit(): void;
  onRemove(): void;
  onClearTokens(): void;
  /** The built-in local profile only: act as support staff or as admin (the desk holds both keys). */
  onLocalRole?(role: Role): void;
  localRoleBusy?: boolean;
}

/** One connection: where it points, the role, where its key is (never the key), and what can be done with it. */
export function ProfileCard({
  profile,
  active,
  check,
  onTest,
  onActivate,
  onEdit,
  onRemove,
  onClearTokens,
  onLocalRole,
  localRoleBusy,
}: ProfileCardProps) {
  const t = useT(settingsMessages);
  const keyWords =
    profile.keyStorage === "keychain"
      ? t.keyInKeychain
      : profile.keyStorage === "plaintext"
        ? t.keyInFile
        : profile.local
          ? t.keyLocal
          : t.keyMissing;
  return (
    <li className={`profile-card ${active ? "profile-card--active" : ""}`}>
      <div className="profile-card__top">
        <div className="profile-card__who">
          <h3 className="profile-card__name">{profile.name}</h3>
          {active ? <span className="tag tag--accent">{t.active}</span> : null}
          <span className={`tag ${profile.role === "support" ? "tag--warning" : ""}`}>
            {profile.role === "admin" ? t.roleAdmin : t.roleSupport}
          </span>
        </div>
        <div className="profile-card__actions">
          <Button size="sm" busy={check?.running} onClick={onTest}>
            {check?.running ? t.testing : t.testConnection}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={onClearTokens}
            aria-label={t.clearTokensNamed(profile.name)}
            disabledReason={profile.role === "support" ? t.clearTokensSupport : undefined}
          >
            {t.clearTokens}
          </Button>
          {active ? null : (
            <Button size="sm" onClick={onActivate} aria-label={t.makeActiveNamed(profile.name)}>
              {t.makeActive}
            </Button>
          )}
          {profile.local ? null : (
            <>
              <Button size="sm" variant="ghost" onClick={onEdit} aria-label={t.editNamed(profile.name)}>
                {t.edit}
              </Button>
              <Button size="sm" variant="ghost" onClick={onRemove} aria-label={t.removeNamed(profile.name)}>
                {t.remove}
              </Button>
            </>
          )}
        </div>
      </div>
      <div className="profile-card__facts">
        {profile.serverUrl ? <code className="profile-card__url">{profile.serverUrl}</code> : null}
        <span
          className={
            profile.keyStorage === "plaintext" || (!profile.keySet && !profile.local)
              ? "profile-card__warn"
              : ""
          }
        >
          {keyWords}
        </span>
      </div>
      {profile.local ? (
        <div className="profile-card__hint">
          <p>{t.localHint}</p>
          <p>{profile.role === "support" ? t.localAsSupport : t.trySupportHint}</p>
          {onLocalRole ? (
            <p>
              <Button
                size="sm"
                busy={localRoleBusy}
                onClick={() => onLocalRole(profile.role === "support" ? "admin" : "support")}
              >
                {profile.role === "support" ? t.backToAdmin : t.trySupport}
              </Button>
            </p>
          ) : null}
          <p>{t.builtIn}</p>
        </div>
      ) : null}
      {check?.result ? <ConnectionResult result={check.result} profile={profile} /> : null}
    </li>
  );
}
