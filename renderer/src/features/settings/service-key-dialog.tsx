import { useShallow } from "zustand/react/shallow";
import { both } from "../../i18n/define-messages.js";
import { useT } from "../../i18n/use-t.js";
import { copyText } from "../../shared/copy-text.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { Dialog } from "../../ui/dialog.js";
import { TextField } from "../../ui/field.js";
import { ShownOnceDialog } from "../../ui/shown-once-dialog.js";
import { showToast } from "../../ui/toast-store.js";
import { serviceKeysMessages } from "./service-keys-messages.js";
import { serviceKeyNameProblem, useServiceKeysStore } from "./service-keys-store.js";

/** New service key: a name, then the key — shown this once, with a copy button and a plain warning. */
export function ServiceKeyDialog() {
  const t = useT(serviceKeysMessages);
  const { dialog, setName, create, close } = useServiceKeysStore(
    useShallow((s) => ({ dialog: s.dialog, setName: s.setName, create: s.create, close: s.closeCreate })),
  );
  if (!dialog) return null;
  const created = dialog.created;

  if (created) {
    async function copy(key: string) {
      const ok = await copyText(key);
      showToast(
        ok
          ? { kind: "success", text: both(serviceKeysMessages, (m) => m.copied) }
          : { kind: "error", text: both(serviceKeysMessages, (m) => m.copyFailed) },
      );
    }
    return (
      <ShownOnceDialog
        title={t.createdTitle(created.name)}
        warning={t.createdWarning}
        doneLabel={t.createdDone}
        onClose={close}
      >
        <div className="settings-service-keys__created">
          <TextField label={t.keyLabel} value={created.key} onChange={() => {}} mono />
          <Button onClick={() => void copy(created.key)}>{t.copy}</Button>
        </div>
      </ShownOnceDialog>
    );
  }

  const problem = dialog.submitted ? serviceKeyNameProblem(dialog.name) : undefined;
  return (
    <Dialog
      open
      title={t.createTitle}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>{t.cancel}</Button>
          <Button variant="primary" busy={dialog.saving} onClick={() => void create()}>
            {t.createConfirm}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <TextField
          label={t.name}
          hint={t.nameHint}
          value={dialog.name}
          onChange={setName}
          errors={problem ? [t[problem]] : []}
        />
      </form>
      {dialog.error ? <DeskErrorBanner error={dialog.error} /> : null}
    </Dialog>
  );
}
