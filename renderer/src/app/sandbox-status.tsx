import { useShallow } from "zustand/react/shallow";
import { useT } from "../i18n/use-t.js";
import { Button } from "../ui/button.js";
import { appMessages } from "./app-messages.js";
import { selectActiveProfile, useAppStore } from "./app-store.js";

/** The built-in local sandbox: shown while it runs or while the local profile is active. */
export function SandboxStatus() {
  const t = useT(appMessages);
  const { sandbox, local, setSandboxRunning } = useAppStore(
    useShallow((s) => ({
      sandbox: s.sandbox,
      local: selectActiveProfile(s)?.local ?? false,
      setSandboxRunning: s.setSandboxRunning,
    })),
  );
  const running = sandbox?.running ?? false;
  if (!running && !local) return null;
  return (
    <div className="sandbox-status">
      <span className={`status-dot status-dot--${running ? "ok" : "idle"}`} role="status">
        {running ? t.sandboxRunning : t.sandboxStopped}
      </span>
      <Button size="sm" variant="ghost" onClick={() => void setSandboxRunning(!running)}>
        {running ? t.sandboxStop : t.sandboxStart}
      </Button>
    </div>
  );
}
