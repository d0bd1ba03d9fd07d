import type { ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { useLang, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { Dialog } from "../../ui/dialog.js";
import { uiMessages } from "../../ui/ui-messages.js";
import { publishMessages } from "./menu-publish-messages.js";
import { useMenuRemoteStore } from "./menu-remote-store.js";

/**
 * Publishing in three steps: the changes in words (draft vs the account's menu now), a confirmation,
 * then the result — success with the 5-minute note, or the problems / WeChat's explanation.
 */
export function PublishDialog() {
  const t = useT(publishMessages);
  const ui = useT(uiMessages);
  const zh = useLang() === "zh-CN";
  const { publish, confirmChanges, publishDraft, closePublish } = useMenuRemoteStore(
    useShallow((s) => ({
      publish: s.publish,
      confirmChanges: s.confirmChanges,
      publishDraft: s.publishDraft,
      closePublish: s.closePublish,
    })),
  );
  const { step, changes, error, problems } = publish;
  if (step === "closed") return null;

  let footer: ReactNode;
  if (step === "review") {
    footer = (
      <>
        <Button onClick={closePublish}>{ui.cancel}</Button>
        <Button variant="primary" disabled={!changes || changes.length === 0} onClick={confirmChanges}>
          {t.next}
        </Button>
      </>
    );
  } else if (step === "confirm" || step === "publishing") {
    footer = (
      <>
        <Button onClick={closePublish} disabled={step === "publishing"}>
          {ui.cancel}
        </Button>
        <Button
          variant="primary"
          icon="send"
          busy={step === "publishing"}
          onClick={() => void publishDraft()}
        >
          {step === "publishing" ? t.publishing : t.confirmPublish}
        </Button>
      </>
    );
  } else {
    footer = (
      <Button variant="primary" onClick={closePublish}>
        {step === "done" ? t.done : t.backToEdit}
      </Button>
    );
  }

  return (
    <Dialog open title={t.dialogTitle} onClose={closePublish} footer={footer} size="md">
      {step === "review" ? (
        changes === undefined ? (
          <p className="publish__loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t.reviewLoading}
          </p>
        ) : changes.length === 0 ? (
          <Banner kind="info" title={t.reviewNoChanges} />
        ) : (
          <>
            <p>{t.reviewIntro}</p>
            <ul className="changes">
              {changes.map((change) => (
                <li key={`${change.kind}:${change.path}:${change.description}`} className="changes__item">
                  <span className={`changes__kind changes__kind--${change.kind}`} aria-hidden="true" />
                  <span>{zh ? change.descriptionZh : change.description}</span>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      {step === "confirm" || step === "publishing" ? (
        <Banner kind="warning" title={t.confirmQuestion}>
          {t.confirmBody}
        </Banner>
      ) : null}
      {step === "done" ? (
        <Banner kind="success" title={t.doneTitle}>
          {t.phoneRefreshNote}
        </Banner>
      ) : null}
      {step === "failed" ? (
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
                  <li key={`${p.path}:${p.code}`}>{zh ? p.messageZh : p.messageEn}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </Dialog>
  );
}
