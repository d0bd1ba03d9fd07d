import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../i18n/use-t.js";
import { Button } from "../ui/button.js";
import { appMessages } from "./app-messages.js";
import { selectActiveIsLocal, useAppStore } from "./app-store.js";
import { useNavStore } from "./nav-store.js";
import { sandboxMessages } from "./sandbox-messages.js";
import { SandboxToggle } from "./sandbox-toggle.js";

/**
 * The built-in local sandbox: shown while it runs or while the local profile is active. When it had to
 * move (a port taken) or published links still point where it was, a warning leads to 设置, which says
 * what happened and which buttons to publish again.
 */
export function SandboxStatus() {
  const t = useT(appMessages);
  const s = useT(sandboxMessages);
  const { sandbox, local, setSandboxRunning, refreshSandbox } = useAppStore(
    useShallow((state) => ({
      sandbox: state.sandbox,
      local: selectActiveIsLocal(state),
      setSandboxRunning: state.setSandboxRunning,
      refreshSandbox: state.refreshSandbox,
    })),
  );
  const screen = useNavStore((state) => state.screen);
  const navigate = useNavStore((state) => state.navigate);
  const running = sandbox?.running ?? false;
  const stale = running ? (sandbox?.staleLinks?.length ?? 0) : 0;
  const moved = running && sandbox?.moved !== undefined;
  // Republished elsewhere (menu, personalised menus): look again when the person moves on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `screen` is the trigger, not an input
  useEffect(() => {
    if (stale > 0) void refreshSandbox();
  }, [screen]);
  if (!running && !local) return null;
  return (
    <div className="sandbox-status">
      <span className={`status-dot status-dot--${running ? "ok" : "idle"}`} role="status">
        {running ? t.sandboxRunning : t.sandboxStopped}
      </span>
      {stale > 0 || moved ? (
        <Button
          size="sm"
          variant="ghost"
          icon="alert"
          className="sandbox-status__warning"
          onClick={() => navigate("settings")}
        >
          {stale > 0 ? s.topbarStale(stale) : s.topbarMoved}
        </Button>
      ) : null}
      <SandboxToggle
        running={running}
        variant="ghost"
        startLabel={t.sandboxStart}
        stopLabel={t.sandboxStop}
        onSet={setSandboxRunning}
      />
    </div>
  );
}
