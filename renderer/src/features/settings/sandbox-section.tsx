import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { SandboxMovedNotice } from "../../app/sandbox-moved-notice.js";
import { SandboxToggle } from "../../app/sandbox-toggle.js";
import { useT } from "../../i18n/use-t.js";
import { Panel } from "../../ui/panel.js";
import { settingsMessages } from "./settings-messages.js";
import { useSettingsStore } from "./settings-store.js";

/** The built-in local sandbox: whether it runs, where, start / stop, and what to do when it moved. */
export function SandboxSection() {
  const t = useT(settingsMessages);
  const sandbox = useAppStore((s) => s.sandbox);
  const refreshSandbox = useAppStore((s) => s.refreshSandbox);
  // Fresh on opening: links republished since start-up are no longer listed as stale.
  useEffect(() => {
    void refreshSandbox();
  }, [refreshSandbox]);
  const { busy, setRunning } = useSettingsStore(
    useShallow((s) => ({ busy: s.sandboxBusy, setRunning: s.setSandboxRunning })),
  );
  const running = sandbox?.running ?? false;
  return (
    <Panel
      id="settings-sandbox"
      className="settings-section"
      title={t.sandboxHeading}
      actions={
        <>
          <span className={`status-dot status-dot--${running ? "ok" : "idle"}`} role="status">
            {running ? t.sandboxRunning : t.sandboxStopped}
          </span>
          <SandboxToggle
            running={running}
            busy={busy}
            startLabel={t.sandboxStart}
            stopLabel={t.sandboxStop}
            onSet={setRunning}
          />
        </>
      }
    >
      <p className="settings-section__hint hint-text">{t.sandboxHint}</p>
      {sandbox ? <SandboxMovedNotice status={sandbox} /> : null}
      {running && (sandbox?.sandboxUrl || sandbox?.serverUrl) ? (
        <dl className="settings-sandbox__urls">
          {sandbox.sandboxUrl ? (
            <>
              <dt>{t.sandboxWeChatUrl}</dt>
              <dd>
                <code>{sandbox.sandboxUrl}</code>
              </dd>
            </>
          ) : null}
          {sandbox.serverUrl ? (
            <>
              <dt>{t.sandboxServerUrl}</dt>
              <dd>
                <code>{sandbox.serverUrl}</code>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </Panel>
  );
}
