import { LANGS, type Lang } from "../i18n/define-messages.js";
import { useLang, useT } from "../i18n/use-t.js";
import { SegmentedButtons } from "../ui/segmented-buttons.js";
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
      <SegmentedButtons
        options={LANGS}
        value={lang}
        onChange={(option) => void saveSettings({ lang: option })}
        label={(option) => NAMES[option]}
        lang={(option) => option}
      />
    </fieldset>
  );
}
