import { useShallow } from "zustand/react/shallow";
import { usePick, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { Dialog } from "../../ui/dialog.js";
import { TextField } from "../../ui/field.js";
import { appAddressProblem } from "./app-address.js";
import { appsMessages } from "./apps-messages.js";
import { addressRefusal, appNameProblem, useAppsStore } from "./apps-store.js";

/** Add app: a name and the address users come back to, each checked as the server will. */
export function AddAppDialog() {
  const t = useT(appsMessages);
  const pick = usePick();
  const { form, setName, setAddress, add, close } = useAppsStore(
    useShallow((s) => ({
      form: s.form,
      setName: s.setName,
      setAddress: s.setAddress,
      add: s.add,
      close: s.closeAdd,
    })),
  );
  if (!form) return null;
  const nameProblem = form.submitted ? appNameProblem(form.name) : undefined;
  const addressProblem = form.submitted ? appAddressProblem(form.address) : undefined;
  const refused = addressRefusal(form);
  const addressErrors = addressProblem
    ? [t[addressProblem]]
    : refused
      ? [pick({ zh: refused.messageZh, en: refused.message })]
      : [];
  return (
    <Dialog
      open
      title={t.addTitle}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>{t.cancel}</Button>
          <Button variant="primary" busy={form.saving} onClick={() => void add()}>
            {t.addConfirm}
          </Button>
        </>
      }
    >
      <form
        className="apps-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <TextField
          label={t.name}
          hint={t.nameHint}
          value={form.name}
          onChange={setName}
          errors={nameProblem ? [t[nameProblem]] : []}
        />
        <TextField
          label={t.address}
          hint={t.addressHint}
          type="url"
          placeholder="https://shop.example.com/callback"
          value={form.address}
          onChange={setAddress}
          errors={addressErrors}
          mono
        />
        {/* Enter in a field adds the app. */}
        <button type="submit" hidden />
      </form>
      {form.error && !refused ? <DeskErrorBanner error={form.error} /> : null}
    </Dialog>
  );
}
