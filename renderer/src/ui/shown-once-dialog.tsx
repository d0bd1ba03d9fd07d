import type { ReactNode } from "react";
import { Banner } from "./banner.js";
import { Button } from "./button.js";
import { Dialog, type DialogProps } from "./dialog.js";

export interface ShownOnceDialogProps {
  title: string;
  /** Says the secret is shown this once and where to keep it. */
  warning: string;
  doneLabel: string;
  onClose(): void;
  size?: DialogProps["size"];
  children: ReactNode;
}

/**
 * A secret shown this once (a new app secret, a new service key): the warning first, one primary
 * button that closes the dialog. Closing drops the secret (the caller's store forgets it).
 */
export function ShownOnceDialog({
  title,
  warning,
  doneLabel,
  onClose,
  size,
  children,
}: ShownOnceDialogProps) {
  return (
    <Dialog
      open
      size={size}
      title={title}
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          {doneLabel}
        </Button>
      }
    >
      <Banner kind="warning" title={warning} />
      {children}
    </Dialog>
  );
}
