import { type BilingualText, both } from "../../i18n/define-messages.js";
import { usePick, useT } from "../../i18n/use-t.js";
import { copyText } from "../../shared/copy-text.js";
import { Button } from "../../ui/button.js";
import { showToast } from "../../ui/toast-store.js";
import { appsMessages } from "./apps-messages.js";

/** Copies a value, then says what was copied (never the value itself: it may be the secret). */
export async function copyAndSay(text: string, what: BilingualText): Promise<void> {
  const ok = await copyText(text);
  showToast(
    ok
      ? {
          kind: "success",
          text: { zh: appsMessages["zh-CN"].copied(what.zh), en: appsMessages.en.copied(what.en) },
        }
      : { kind: "error", text: both(appsMessages, (m) => m.copyFailed) },
  );
}

export interface CopyValueProps {
  /** The visible label and what the toast says was copied. */
  label: BilingualText;
  value: string;
  /** Accessible name of the copy button. */
  copyLabel: string;
  /** The app secret: drawn in the warning colour. */
  secret?: boolean;
}

/** A labelled value that wraps however long it is (a URL, an id, the secret), with its copy button. */
export function CopyValue({ label, value, copyLabel, secret = false }: CopyValueProps) {
  const t = useT(appsMessages);
  const pick = usePick();
  return (
    <fieldset className={`apps-value ${secret ? "apps-value--secret" : ""}`}>
      <legend className="apps-value__label">{pick(label)}</legend>
      <div className="apps-value__row">
        <code className="apps-value__text">{value}</code>
        <Button size="sm" aria-label={copyLabel} onClick={() => void copyAndSay(value, label)}>
          {t.copy}
        </Button>
      </div>
    </fieldset>
  );
}
