import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore, useCanPublish } from "../../app/app-store.js";
import { usePick, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { EmptyScreen } from "../../ui/empty-state.js";
import { uiMessages } from "../../ui/ui-messages.js";
import { LeaveDialog } from "./leave-dialog.js";
import "./replies.css";
import "./reply-phone.css";
import { ScreenHeader } from "../../ui/screen-header.js";
import { repliesMessages } from "./replies-messages.js";
import { selectDirty, selectIssues, useRepliesStore } from "./replies-store.js";
import { ReplyEditor } from "./reply-editor.js";
import { ReplyPhonePreview } from "./reply-phone-preview.js";
import { ReplyTargetList } from "./reply-target-list.js";
import { useLeaveGuard } from "./use-leave-guard.js";

/** 自动回复: the reply for each click button key and for following, edited, checked, previewed, saved. */
export function RepliesScreen() {
  const t = useT(repliesMessages);
  const ui = useT(uiMessages);
  const canPublish = useCanPublish();
  const epoch = useAppStore((s) => s.profileEpoch);
  const { phase, loadError, load } = useRepliesStore(
    useShallow((s) => ({ phase: s.phase, loadError: s.loadError, load: s.load })),
  );
  useLeaveGuard();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the active profile changes (epoch)
  useEffect(() => {
    if (canPublish) void load();
  }, [epoch, canPublish, load]);

  if (!canPublish) {
    return (
      <EmptyScreen icon="reply" title={t.supportTitle}>
        {t.supportBody}
      </EmptyScreen>
    );
  }
  return (
    <div className="screen replies-screen">
      <RepliesHeader />
      {phase === "failed" && loadError ? (
        <DeskErrorBanner error={loadError} title={t.loadFailed} onRetry={() => void load()} />
      ) : null}
      {phase === "loading" || phase === "idle" ? (
        <div className="screen--centered replies-screen__loading" role="status">
          {ui.loading}
        </div>
      ) : null}
      {phase === "ready" ? (
        <div className="replies-screen__columns">
          <ReplyTargetList />
          <ReplyEditor />
          <ReplyPhonePreview />
        </div>
      ) : null}
      <LeaveDialog />
    </div>
  );
}

function RepliesHeader() {
  const t = useT(repliesMessages);
  const pick = usePick();
  const { ready, dirty, issues, saving, saveError, serverProblems, menuError, save, discard } =
    useRepliesStore(
      useShallow((s) => ({
        ready: s.phase === "ready",
        dirty: selectDirty(s),
        issues: selectIssues(s).length,
        saving: s.saving,
        saveError: s.saveError,
        serverProblems: s.serverProblems,
        menuError: s.menuError,
        save: s.save,
        discard: s.discard,
      })),
    );
  const reason = !dirty ? t.nothingToSave : issues > 0 ? t.saveBlocked(issues) : undefined;
  return (
    <>
      <ScreenHeader title={t.title} subtitle={t.subtitle}>
        {ready ? (
          <div className="replies-screen__actions">
            {dirty ? <span className="tag tag--warning">{t.unsaved}</span> : null}
            {dirty ? (
              <Button variant="ghost" onClick={discard} disabled={saving}>
                {t.discard}
              </Button>
            ) : null}
            <Button
              variant="primary"
              icon="check"
              busy={saving}
              disabledReason={reason}
              onClick={() => void save()}
            >
              {saving ? t.saving : t.save}
            </Button>
          </div>
        ) : null}
      </ScreenHeader>
      {menuError ? <Banner kind="warning" title={t.menusFailed} /> : null}
      {saveError ? (
        serverProblems.length > 0 ? (
          <Banner kind="error" title={t.saveFailed}>
            <p>{t.serverProblems}</p>
            <ul className="banner__list">
              {serverProblems.map((p) => (
                <li key={`${p.path}:${p.message}`}>{pick({ zh: p.messageZh, en: p.message })}</li>
              ))}
            </ul>
          </Banner>
        ) : (
          <DeskErrorBanner error={saveError} title={t.saveFailed} />
        )
      ) : null}
    </>
  );
}
