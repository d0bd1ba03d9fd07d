import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { ChoiceGroup } from "../../ui/choice-group.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { Dialog } from "../../ui/dialog.js";
import { Field, TextField } from "../../ui/field.js";
import { uiMessages } from "../../ui/ui-messages.js";
import { type ProfileField, validateProfileForm } from "./profile-form.js";
import { profileFormMessages } from "./profile-form-messages.js";
import { useSettingsStore } from "./settings-store.js";

/**
 * Add or edit a connection. The key is typed once into a password field and handed to the app, which
 * puts it in the keychain; editing shows only where it is saved, with 「更换密钥」 to type a new one.
 */
export function ProfileFormDialog() {
  const t = useT(profileFormMessages);
  const ui = useT(uiMessages);
  const { form, setField, submitForm, closeForm, keychain } = useSettingsStore(
    useShallow((s) => ({
      form: s.form,
      setField: s.setField,
      submitForm: s.submitForm,
      closeForm: s.closeForm,
      keychain: s.keychain,
    })),
  );
  const { profiles, allowPlaintext } = useAppStore(
    useShallow((s) => ({ profiles: s.profiles, allowPlaintext: s.settings.allowPlaintextKeys })),
  );
  if (!form) return null;

  const current = profiles.find((p) => p.id === form.editingId);
  const { values } = form;
  const errors = form.submitted
    ? validateProfileForm(
        values,
        profiles.filter((p) => p.id !== form.editingId),
      )
    : {};
  const errorOf = (field: ProfileField) => {
    const problem = errors[field];
    return problem ? [t[problem]] : [];
  };
  const toFile = keychain?.available === false && allowPlaintext;
  const savedWords =
    current?.keyStorage === "keychain"
      ? t.keySaved
      : current?.keyStorage === "plaintext"
        ? t.keySavedInFile
        : t.keyNone;

  return (
    <Dialog
      open
      title={current ? t.editTitle(current.name) : t.addTitle}
      onClose={closeForm}
      footer={
        <>
          <Button onClick={closeForm} disabled={form.saving}>
            {ui.cancel}
          </Button>
          <Button variant="primary" busy={form.saving} onClick={() => void submitForm()}>
            {current ? t.save : t.add}
          </Button>
        </>
      }
    >
      <form
        className="profile-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submitForm();
        }}
      >
        {form.error ? <DeskErrorBanner error={form.error} title={t.saveFailed} /> : null}
        <TextField
          label={t.name}
          hint={t.nameHint}
          value={values.name}
          errors={errorOf("name")}
          onChange={(value) => setField("name", value)}
        />
        <TextField
          label={t.serverUrl}
          hint={t.serverUrlHint}
          type="url"
          mono
          value={values.serverUrl}
          placeholder="https://"
          errors={errorOf("serverUrl")}
          onChange={(value) => setField("serverUrl", value)}
        />
        <ChoiceGroup
          legend={t.role}
          layout="cards"
          value={values.role}
          choices={[
            { value: "admin", label: t.roleAdmin, description: t.roleAdminHint },
            { value: "support", label: t.roleSupport, description: t.roleSupportHint },
          ]}
          onChange={(role) => setField("role", role)}
        />
        {values.changeKey ? (
          <Field
            label={t.key}
            hint={
              <>
                {t.keyHint}
                <br />
                <strong className={toFile ? "profile-form__saved--file" : undefined}>
                  {toFile ? t.keyGoesToFile : t.keyGoesToKeychain}
                </strong>
              </>
            }
            errors={errorOf("key")}
          >
            {(control) => (
              <div className="profile-form__key">
                <input
                  {...control}
                  className="input input--mono"
                  type="password"
                  value={values.key}
                  autoComplete="new-password"
                  spellCheck={false}
                  onChange={(event) => setField("key", event.target.value)}
                />
                {current ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      setField("key", "");
                      setField("changeKey", false);
                    }}
                  >
                    {t.keepKey}
                  </Button>
                ) : null}
              </div>
            )}
          </Field>
        ) : (
          <div className="field">
            <span className="field__label">{t.key}</span>
            <div className="profile-form__key">
              <span
                className={`profile-form__saved ${current?.keyStorage === "plaintext" ? "profile-form__saved--file" : ""}`}
              >
                {savedWords}
              </span>
              <Button size="sm" onClick={() => setField("changeKey", true)}>
                {t.changeKey}
              </Button>
            </div>
          </div>
        )}
        {/* Enter in a field saves, like any form. */}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
