import { useState } from "react";
import { useStore } from "zustand";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { uiMessages } from "../../ui/ui-messages.js";
import "./auth-link.css";
import { AuthLinkForm } from "./auth-link-form.js";
import { authLinkMessages } from "./auth-link-messages.js";
import { createAuthLinkStore, isUsable } from "./auth-link-store.js";

export interface AuthLinkDialogProps {
  open: boolean;
  onClose(): void;
  /** Receives the server's start link (what a menu view button should open). */
  onUse(startUrl: string): void;
}

/** 「插入授权链接」: builds a link with AuthLinkForm and hands its start URL back. */
export function AuthLinkDialog({ open, onClose, onUse }: AuthLinkDialogProps) {
  const t = useT(authLinkMessages);
  const ui = useT(uiMessages);
  const [store] = useState(() => createAuthLinkStore());
  const result = useStore(store, (s) => s.result);
  const blocked = result === undefined ? t.useNeedsBuild : isUsable(result) ? undefined : t.useBlocked;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t.dialogTitle}
      description={t.dialogIntro}
      size="lg"
      footer={
        <>
          <Button onClick={onClose}>{ui.cancel}</Button>
          <Button
            variant="primary"
            disabledReason={blocked}
            onClick={() => {
              if (isUsable(result)) onUse(result.startUrl);
            }}
          >
            {t.use}
          </Button>
        </>
      }
    >
      <AuthLinkForm store={store} />
    </Dialog>
  );
}
