import { useShallow } from "zustand/react/shallow";
import { usePick, useT } from "../i18n/use-t.js";
import { Button, IconButton } from "./button.js";
import { Icon } from "./icon.js";
import { useToastStore } from "./toast-store.js";
import { uiMessages } from "./ui-messages.js";

/** The stack of toasts, bottom right. Mounted once by the app shell. */
export function Toaster() {
  const t = useT(uiMessages);
  const pick = usePick();
  const { toasts, dismiss } = useToastStore(useShallow((s) => ({ toasts: s.toasts, dismiss: s.dismiss })));
  return (
    <section className="toaster" aria-label={t.notifications}>
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast--${toast.kind}`}
          role={toast.kind === "error" ? "alert" : "status"}
        >
          <span className="toast__icon">
            <Icon name={toast.kind === "success" ? "check" : toast.kind === "error" ? "alert" : "info"} />
          </span>
          <div className="toast__content">
            <div className="toast__text">{pick(toast.text)}</div>
            {toast.detail ? <div className="toast__detail hint-text">{pick(toast.detail)}</div> : null}
          </div>
          {toast.action ? (
            <Button
              size="sm"
              variant="ghost"
              className="toast__action"
              onClick={() => {
                toast.action?.run();
                dismiss(toast.id);
              }}
            >
              {pick(toast.action.label)}
            </Button>
          ) : null}
          <IconButton icon="close" size="sm" label={t.dismiss} onClick={() => dismiss(toast.id)} />
        </div>
      ))}
    </section>
  );
}
