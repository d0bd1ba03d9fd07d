import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { useLang, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { Panel } from "../../ui/panel.js";
import { TechnicalDetails } from "../../ui/technical-details.js";
import { settingsMessages } from "./settings-messages.js";
import { useSettingsStore } from "./settings-store.js";

/**
 * Where keys are kept. With no keychain, says so with the reason and offers — never silently — to keep
 * keys in a plain file, after a warning that says plainly who could read them.
 */
export function KeysSection() {
  const t = useT(settingsMessages);
  const zh = useLang() === "zh-CN";
  const allowed = useAppStore((s) => s.settings.allowPlaintextKeys);
  const startupKeychain = useAppStore((s) => s.info?.keychain);
  const { keychain, checking, ask, busy, error, loadKeychain, askPlaintext, setPlaintextKeys } =
    useSettingsStore(
      useShallow((s) => ({
        keychain: s.keychain,
        checking: s.checkingKeychain,
        ask: s.plaintextAsk,
        busy: s.plaintextBusy,
        error: s.plaintextError,
        loadKeychain: s.loadKeychain,
        askPlaintext: s.askPlaintext,
        setPlaintextKeys: s.setPlaintextKeys,
      })),
    );
  const status = keychain ?? startupKeychain;
  const technical = status?.technical ? (
    <TechnicalDetails>
      <p className="explanation__detail">{status.technical}</p>
    </TechnicalDetails>
  ) : null;
  const reason = status && !status.available ? (zh ? status.reasonZh : status.reason) : undefined;

  return (
    <Panel id="settings-keys" className="settings-section" title={t.keysHeading}>
      {status?.available === false && !allowed ? (
        <Banner
          kind="warning"
          title={t.keychainDown}
          actions={
            <Button size="sm" busy={checking} onClick={() => void loadKeychain()}>
              {t.keychainRecheck}
            </Button>
          }
        >
          {reason ? <p className="settings-keys__reason">{t.keychainWhy(reason)}</p> : null}
          {technical}
          <p>{t.keychainDownBody}</p>
          <div>
            <Button size="sm" variant="secondary" onClick={() => askPlaintext(true)}>
              {t.plaintextOffer}
            </Button>
          </div>
        </Banner>
      ) : allowed ? (
        <Banner
          kind="warning"
          title={t.plaintextOn}
          actions={
            <Button size="sm" busy={busy} onClick={() => void setPlaintextKeys(false)}>
              {t.plaintextOff}
            </Button>
          }
        >
          {reason ? <p className="settings-keys__reason">{t.keychainWhy(reason)}</p> : null}
          {technical}
          <p>{t.plaintextOnBody}</p>
          <p>{t.plaintextOffBody}</p>
        </Banner>
      ) : status?.available ? (
        <p className="settings-keys__ok">
          <span className="status-dot status-dot--ok">{t.keychainOk}</span>
        </p>
      ) : null}
      {error && !ask ? <DeskErrorBanner error={error} /> : null}
      <ConfirmDialog
        open={ask}
        title={t.plaintextTitle}
        confirmLabel={t.plaintextConfirm}
        danger
        busy={busy}
        onConfirm={() => void setPlaintextKeys(true)}
        onClose={() => askPlaintext(false)}
      >
        <div className="settings-keys__warning">
          {reason ? <p className="settings-keys__reason">{t.keychainWhy(reason)}</p> : null}
          <p>{t.plaintextWarning1}</p>
          <p>
            <strong>{t.plaintextWarning2}</strong>
          </p>
          <p>{t.plaintextWarning3}</p>
          {error ? <DeskErrorBanner error={error} /> : null}
        </div>
      </ConfirmDialog>
    </Panel>
  );
}
