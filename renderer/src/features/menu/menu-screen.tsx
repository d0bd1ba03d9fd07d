import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { onBeforeProfileSwitch } from "../../app/app-store.js";
import { useLang, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { uiMessages } from "../../ui/ui-messages.js";
import { ButtonForm } from "./button-form.js";
import { useButtonReplyStore } from "./button-reply-store.js";
import "./menu.css";
import { ScreenHeader } from "../../ui/screen-header.js";
import { menuMessages } from "./menu-messages.js";
import { MenuProblemsSummary } from "./menu-problems-summary.js";
import { useMenuRemoteStore } from "./menu-remote-store.js";
import { MenuSaveStatus } from "./menu-save-status.js";
import { useMenuStore } from "./menu-store.js";
import { MenuToolbar } from "./menu-toolbar.js";
import { MenuTreeView } from "./menu-tree-view.js";
import { PhonePreview } from "./phone-preview.js";
import { PublishDialog } from "./publish-dialog.js";
import { useMenuShortcuts } from "./use-menu-shortcuts.js";

/** The menu editor: phone preview, the tree, the selected button's form; publish with a readable diff. */
export function MenuScreen() {
  const t = useT(menuMessages);
  const ui = useT(uiMessages);
  const zh = useLang() === "zh-CN";
  const { phase, loadError, open, flushSave } = useMenuStore(
    useShallow((s) => ({ phase: s.phase, loadError: s.loadError, open: s.open, flushSave: s.flushSave })),
  );
  const { liveError, refreshLive } = useMenuRemoteStore(
    useShallow((s) => ({ liveError: s.liveError, refreshLive: s.refreshLive })),
  );
  useMenuShortcuts();

  // The shell remounts screens when the profile changes, so each account opens its own draft.
  // Whatever is still waiting to be saved is saved when leaving.
  useEffect(() => {
    void open();
    return () => void flushSave();
  }, [open, flushSave]);
  useEffect(() => onBeforeProfileSwitch(flushSave), [flushSave]);
  // Click buttons' replies (the server's, shared with 自动回复): read on opening, typed ones saved on leaving.
  const { loadReplies, flushReplies } = useButtonReplyStore(
    useShallow((s) => ({ loadReplies: s.load, flushReplies: s.flush })),
  );
  useEffect(() => {
    void loadReplies();
    return () => void flushReplies();
  }, [loadReplies, flushReplies]);
  useEffect(() => onBeforeProfileSwitch(flushReplies), [flushReplies]);

  return (
    <div className="screen menu-screen">
      <ScreenHeader title={t.title} subtitle={t.subtitle}>
        {phase === "ready" ? <MenuSaveStatus /> : null}
      </ScreenHeader>
      {phase === "failed" && loadError ? (
        <DeskErrorBanner error={loadError} title={t.loadFailed} onRetry={() => void open()} />
      ) : null}
      {phase === "loading" || phase === "idle" ? (
        <p className="menu-screen__loading" role="status">
          <span className="spinner" aria-hidden="true" /> {t.loading}
        </p>
      ) : null}
      {phase === "ready" ? (
        <>
          <MenuToolbar />
          {liveError ? (
            <Banner
              kind="warning"
              title={t.liveLoadFailed}
              actions={
                <Button size="sm" onClick={() => void refreshLive()}>
                  {ui.retry}
                </Button>
              }
            >
              {zh ? liveError.messageZh : liveError.message}
            </Banner>
          ) : null}
          <div className="menu-editor">
            <PhonePreview />
            <MenuTreeView />
            <div className="menu-editor__side">
              <MenuProblemsSummary />
              <ButtonForm />
            </div>
          </div>
          <PublishDialog />
        </>
      ) : null}
    </div>
  );
}
