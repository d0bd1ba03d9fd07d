import { LANGS, type Lang } from "../i18n/define-messages.js";
import { useLang, useT } from "../i18n/use-t.js";
import { appMessages } from "./app-messages.js";
import { useAppStore } from "./app-store.js";

// Each language names itself, so someone who cannot read the current one still finds theirs.
const NAMES: Record<Lang, string> = { "zh-CN": "中文", en: "English" };

export function LanguageSwitch() {
  const t = useT(appMessages);
  const lang = useLang();
  const saveSettings = useAppStore((s) => s.saveSettings);
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t.langLabel}</legend>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className={`segmented__item ${option === lang ? "segmented__item--on" : ""}`}
          aria-pressed={option === lang}
          onClick={() => void saveSettings({ lang: option })}
        >
          {NAMES[option]}
        </button>
      ))}
    </fieldset>
  );
}
