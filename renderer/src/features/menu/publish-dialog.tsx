import type { ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { appMessages } from "../../app/app-messages.js";
import { usePick, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { Dialog } from "../../ui/dialog.js";
import { uiMessages } from "../../ui/ui-messages.js";
import { selectSilentClickButtons, useButtonReplyStore } from "./button-reply-store.js";
import { publishMessages } from "./menu-publish-messages.js";
import { needsSandbox, useMenuRemoteStore } from "./menu-remote-store.js";
import { selectButtons, useMenuStore } from "./menu-store.js";

/**
 * Publishing in two clicks: the changes in words (draft vs the account's menu now) with 「确认发布」 beside
 * them. Success closes the dialog (the toast says it once); a refusal stays here with the problems or
 * WeChat's explanation, and a stopped local sandbox can be started from here to carry on.
 */
export function PublishDialog() {
  const t = useT(publishMessages);
  const ui = useT(uiMessages);
  // The top bar's own words for it: one name for one thing.
  const app = useT(appMessages);
  const pick = usePick();
  const { publish, publishDraft, closePublish, startSandboxAndContinue } = useMenuRemoteStore(
    useShallow((s) => ({
      publish: s.publish,
      publishDraft: s.publishDraft,
      closePublish: s.closePublish,
      startSandboxAndContinue: s.startSandboxAndContinue,
    })),
  );
  const buttons = useMenuStore(selectButtons);
  const silent = useButtonReplyStore(useShallow((s) => selectSilentClickButtons(s, buttons)));
  const { step, changes, error, problems } = publish;
  if (step === "closed") return null;
  const sandbox = needsSandbox(publish);

  let footer: ReactNode;
  if (step === "review" || step === "publishing") {
    footer = (
      <>
        <Button onClick={closePublish} disabled={step === "publishing"}>
          {ui.cancel}
        </Button>
        <Button
          variant="primary"
          icon="send"
          busy={step === "publishing"}
          disabled={!changes || changes.length === 0}
          onClick={() => void publishDraft()}
        >
          {step === "publishing" ? t.publishing : t.confirmPublish}
        </Button>
      </>
    );
  } else if (sandbox) {
    footer = (
      <>
        <Button onClick={closePublish} disabled={step === "starting"}>
          {t.backToEdit}
        </Button>
        <Button
          variant="primary"
          icon="play"
          busy={step === "starting"}
          onClick={() => void startSandboxAndContinue()}
        >
          {step === "starting" ? t.startingSandbox : app.sandboxStart}
        </Button>
      </>
    );
  } else {
    footer = (
      <Button variant="primary" onClick={closePublish}>
        {t.backToEdit}
      </Button>
    );
  }

  return (
    <Dialog open title={t.dialogTitle} onClose={closePublish} footer={footer} size="md">
      {step === "review" || step === "publishing" ? (
        changes === undefined ? (
          <p className="publish__loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t.reviewLoading}
          </p>
        ) : changes.length === 0 ? (
          <Banner kind="info" title={t.reviewNoChanges} />
        ) : (
          <>
            <p>{t.reviewIntro}</p>
            <ul className="changes plain-list">
              {changes.map((change) => (
                <li key={`${change.kind}:${change.path}:${change.description}`} className="changes__item">
                  <span className={`changes__kind changes__kind--${change.kind}`} aria-hidden="true" />
                  <span className="changes__text">
                    {pick({ zh: change.descriptionZh, en: change.description })}
                  </span>
                </li>
              ))}
            </ul>
            {silent.length > 0 ? (
              <Banner kind="info" title={t.silentButtonsTitle}>
                {t.silentButtonsBody(silent.map(t.silentButtonName).join(t.silentButtonsSeparator))}
              </Banner>
            ) : null}
            <p className="publish__note">{t.confirmNote}</p>
          </>
        )
      ) : null}
      {(step === "failed" || step === "starting") && sandbox ? (
        <Banner kind="warning" title={t.sandboxStoppedTitle}>
          {t.sandboxStoppedBody}
        </Banner>
      ) : null}
      {step === "failed" && !sandbox ? (
        <>
          {error ? (
            <DeskErrorBanner error={error} title={t.failedTitle} />
          ) : (
            <Banner kind="error" title={t.failedTitle} />
          )}
          {problems && problems.length > 0 ? (
            <div>
              <p className="publish__problems-title">{t.failedProblems}</p>
              <ul className="banner__list">
                {problems.map((p) => (
                  <li key={`${p.path}:${p.code}`}>{pick({ zh: p.messageZh, en: p.messageEn })}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </Dialog>
  );
}
