import { useEffect } from "react";
import { useAppStore } from "../../app/app-store.js";
import { useLang, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { AppearanceSection } from "./appearance-section.js";
import { KeysSection } from "./keys-section.js";
import { ProfilesSection } from "./profiles-section.js";
import { SandboxSection } from "./sandbox-section.js";
import { ServiceKeysSection } from "./service-keys-section.js";
import { settingsMessages } from "./settings-messages.js";
import { useSettingsStore } from "./settings-store.js";
import "./settings.css";
import { ScreenHeader } from "../../ui/screen-header.js";

/** Settings: connections, where keys are kept, service keys, appearance, the local sandbox. */
export function SettingsScreen() {
  const t = useT(settingsMessages);
  const zh = useLang() === "zh-CN";
  const info = useAppStore((s) => s.info);
  const allowPlaintext = useAppStore((s) => s.settings.allowPlaintextKeys);
  const keychain = useSettingsStore((s) => s.keychain) ?? info?.keychain;

  useEffect(() => {
    void useSettingsStore.getState().loadKeychain();
    return () => useSettingsStore.getState().reset();
  }, []);

  const recovery = info?.settingsRecovery;
  return (
    <div className="screen settings-screen">
      <ScreenHeader title={t.title} subtitle={t.subtitle} />
      {recovery ? (
        <Banner kind="warning" title={t.settingsRecovered}>
          <p>{zh ? recovery.messageZh : recovery.message}</p>
          <p>{t.settingsRecoveredKept(recovery.file)}</p>
        </Banner>
      ) : null}
      {/* Keys that cannot be kept anywhere block adding connections: say so first. */}
      {keychain?.available === false && !allowPlaintext ? (
        <>
          <KeysSection />
          <ProfilesSection />
        </>
      ) : (
        <>
          <ProfilesSection />
          <KeysSection />
        </>
      )}
      <ServiceKeysSection />
      <AppearanceSection />
      <SandboxSection />
      {info ? (
        <p className="settings-about meta-text">
          {t.about(info.version)} · {info.transport === "electron" ? t.transportElectron : t.transportWeb}
        </p>
      ) : null}
    </div>
  );
}
