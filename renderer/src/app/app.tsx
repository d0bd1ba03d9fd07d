import { useEffect } from "react";
import { useT } from "../i18n/use-t.js";
import { DeskErrorBanner } from "../ui/desk-error-banner.js";
import { appMessages } from "./app-messages.js";
import { AppShell } from "./app-shell.js";
import { useAppStore } from "./app-store.js";
import { useDocumentSettings } from "./use-document-settings.js";

/** Loads settings and profiles from the bridge, then shows the shell. */
export function App() {
  const t = useT(appMessages);
  const phase = useAppStore((s) => s.phase);
  const loadError = useAppStore((s) => s.loadError);
  const load = useAppStore((s) => s.load);
  useDocumentSettings();

  useEffect(() => {
    void load();
  }, [load]);

  if (phase === "failed" && loadError) {
    return (
      <div className="startup">
        <div className="startup__card">
          <DeskErrorBanner error={loadError} title={t.loadFailed} onRetry={() => void load()} />
        </div>
      </div>
    );
  }
  if (phase === "loading") {
    return (
      <div className="startup" aria-busy="true">
        <span className="spinner spinner--lg" role="status" aria-label={t.loading} />
      </div>
    );
  }
  return <AppShell />;
}
