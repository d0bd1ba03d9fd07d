import { useState } from "react";
import { useT } from "../i18n/use-t.js";
import { Button, type ButtonProps } from "../ui/button.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { sandboxMessages } from "./sandbox-messages.js";

export interface SandboxToggleProps {
  running: boolean;
  busy?: boolean;
  size?: ButtonProps["size"];
  variant?: ButtonProps["variant"];
  startLabel: string;
  stopLabel: string;
  onSet(running: boolean): Promise<void>;
}

/**
 * Start at once; stop only after saying, in plain words, what stops and that nothing is lost (a person
 * who stops it by accident should not fear for the menu they just published).
 */
export function SandboxToggle({
  running,
  busy = false,
  size = "sm",
  variant,
  startLabel,
  stopLabel,
  onSet,
}: SandboxToggleProps) {
  const t = useT(sandboxMessages);
  const [asking, setAsking] = useState(false);
  const [stopping, setStopping] = useState(false);
  return (
    <>
      <Button
        size={size}
        variant={variant ?? (running ? "secondary" : "primary")}
        busy={busy}
        onClick={() => (running ? setAsking(true) : void onSet(true))}
      >
        {running ? stopLabel : startLabel}
      </Button>
      <ConfirmDialog
        open={asking}
        title={t.stopTitle}
        confirmLabel={t.stopConfirm}
        busy={stopping}
        onClose={() => {
          if (!stopping) setAsking(false);
        }}
        onConfirm={async () => {
          setStopping(true);
          await onSet(false);
          setStopping(false);
          setAsking(false);
        }}
      >
        <p>{t.stopWhat}</p>
        <p>{t.stopKept}</p>
      </ConfirmDialog>
    </>
  );
}
