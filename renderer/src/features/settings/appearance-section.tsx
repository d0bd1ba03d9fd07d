import type { Settings } from "@wxdesk/electron/desk-api";
import { useAppStore } from "../../app/app-store.js";
import { LanguageSwitch } from "../../app/language-switch.js";
import { useT } from "../../i18n/use-t.js";
import { ChoiceGroup } from "../../ui/choice-group.js";
import { Panel } from "../../ui/panel.js";
import { settingsMessages } from "./settings-messages.js";

/** Language (the same switch as the top bar: each language names itself) and light / dark. */
export function AppearanceSection() {
  const t = useT(settingsMessages);
  const theme = useAppStore((s) => s.settings.theme);
  const saveSettings = useAppStore((s) => s.saveSettings);
  return (
    <Panel id="settings-look" className="settings-section" title={t.lookHeading}>
      <div className="settings-look__row">
        <span className="field__label">{t.langLabel}</span>
        <LanguageSwitch />
      </div>
      <ChoiceGroup<Settings["theme"]>
        legend={t.themeLabel}
        layout="cards"
        value={theme}
        choices={[
          { value: "system", label: t.themeSystem, description: t.themeSystemHint },
          { value: "light", label: t.themeLight, description: t.themeLightHint },
          { value: "dark", label: t.themeDark, description: t.themeDarkHint },
        ]}
        onChange={(value) => void saveSettings({ theme: value })}
      />
    </Panel>
  );
}
