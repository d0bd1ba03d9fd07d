import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { settingsMessages } from "./settings-messages.js";
import { useSettingsStore } from "./settings-store.js";

/** The built-in local sandbox: whether it runs, where, and start / stop. */
export function SandboxSection() {
  const t = useT(settingsMessages);
  const sandbox = useAppStore((s) => s.sandbox);
  const { busy, setRunning } = useSettingsStore(
    useShallow((s) => ({ busy: s.sandboxBusy, setRunning: s.setSandboxRunning })),
  );
  const running = sandbox?.running ?? false;
  return (
    <section className="panel settings-section" aria-labelledby="settings-sandbox">
      <div className="settings-section__head">
        <h2 id="settings-sandbox" className="settings-section__title">
          {t.sandboxHeading}
        </h2>
        <span className={`status-dot status-dot--${running ? "ok" : "idle"}`} role="status">
          {running ? t.sandboxRunning : t.sandboxStopped}
        </span>
        <Button
          size="sm"
          variant={running ? "secondary" : "primary"}
          busy={busy}
          onClick={() => void setRunning(!running)}
        >
          {running ? t.sandboxStop : t.sandboxStart}
        </Button>
      </div>
      <p className="settings-section__hint">{t.sandboxHint}</p>
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
    </section>
  );
}
