import { both } from "../../i18n/define-messages.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { showToast } from "../../ui/toast-store.js";
import { usersMessages } from "./users-messages.js";

export interface CopyButtonProps {
  text: string;
  /** The accessible name: what is copied ("复制用户编号"). */
  label: string;
}

/** A small 「复制」 button: support staff paste openids into chats and tickets all day. */
export function CopyButton({ text, label }: CopyButtonProps) {
  const t = useT(usersMessages);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      showToast({
        kind: "success",
        text: both(usersMessages, (m) => m.copied),
        detail: { zh: text, en: text },
      });
    } catch {
      showToast({ kind: "error", text: both(usersMessages, (m) => m.copyFailed) });
    }
  }
  return (
    <Button
      size="sm"
      variant="ghost"
      className="users-copy"
      aria-label={label}
      title={label}
      onClick={(event) => {
        // Inside a table row: copying must not also select the row.
        event.stopPropagation();
        void copy();
      }}
    >
      {t.copy}
    </Button>
  );
}
