import { useShallow } from "zustand/react/shallow";
import { useLang, useT } from "../i18n/use-t.js";
import { Button, IconButton } from "../ui/button.js";
import { appMessages } from "./app-messages.js";
import { selectRole, useAppStore } from "./app-store.js";

/** The active profile at the top of every screen: which account, whether it answers, and the role. */
export function ProfileStatus() {
  const t = useT(appMessages);
  const zh = useLang() === "zh-CN";
  const { profiles, activeId, connection, role, switchProfile, checkConnection, setLocalRole } = useAppStore(
    useShallow((s) => ({
      profiles: s.profiles,
      activeId: s.activeId,
      connection: s.connection,
      role: selectRole(s),
      switchProfile: s.switchProfile,
      checkConnection: s.checkConnection,
      setLocalRole: s.setLocalRole,
    })),
  );
  const test = connection.test;
  const state = connection.checking || !test ? "checking" : test.ok ? "ok" : "failed";
  const label =
    state === "checking"
      ? t.connChecking
      : state === "ok"
        ? test?.latencyMs !== undefined
          ? t.connOkLatency(test.latencyMs)
          : t.connOk
        : t.connFailed;
  const why =
    state === "failed" && test?.error ? (zh ? test.error.messageZh : test.error.message) : undefined;
  const active = profiles.find((p) => p.id === activeId);

  return (
    <div className="profile-status">
      <label className="profile-status__label" htmlFor="profile-switch">
        {t.profileLabel}
      </label>
      {profiles.length > 1 ? (
        <select
          id="profile-switch"
          className="input select profile-status__select"
          value={activeId}
          onChange={(event) => void switchProfile(event.target.value)}
        >
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      ) : (
        <output id="profile-switch" className="profile-status__name">
          {active?.name ?? "—"}
        </output>
      )}
      <span className={`status-dot status-dot--${state}`} role="status" title={why}>
        {label}
      </span>
      {state === "failed" ? (
        <IconButton icon="redo" size="sm" label={t.connRetry} onClick={() => void checkConnection()} />
      ) : null}
      <span className={`tag role-tag--${role}`} title={role === "support" ? t.roleSupportHint : undefined}>
        {role === "admin" ? t.roleAdmin : t.roleSupport}
      </span>
      {active?.local && active.role === "support" ? (
        <Button size="sm" variant="ghost" onClick={() => void setLocalRole("admin")}>
          {t.backToAdmin}
        </Button>
      ) : null}
    </div>
  );
}
