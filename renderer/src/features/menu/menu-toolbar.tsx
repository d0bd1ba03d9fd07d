import { useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useCanPublish } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { downloadTextFile } from "../../shared/download-file.js";
import { Button, IconButton } from "../../ui/button.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { selectReplyProblems, useButtonReplyStore } from "./button-reply-store.js";
import { MenuHistoryDialog } from "./menu-history-dialog.js";
import { menuFileText } from "./menu-import.js";
import { menuMessages } from "./menu-messages.js";
import { publishMessages } from "./menu-publish-messages.js";
import { useMenuRemoteStore } from "./menu-remote-store.js";
import { selectButtons, selectMenu, selectProblems, useMenuStore } from "./menu-store.js";

/** Undo/redo, load/import/export, history and delete, and 「发布」 — disabled with a reason when it can't. */
export function MenuToolbar() {
  const t = useT(menuMessages);
  const p = useT(publishMessages);
  const canPublish = useCanPublish();
  const { canUndo, canRedo, undo, redo, loadLive, importFile, problemCount } = useMenuStore(
    useShallow((s) => ({
      canUndo: s.history.past.length > 0,
      canRedo: s.history.future.length > 0,
      undo: s.undo,
      redo: s.redo,
      loadLive: s.loadLive,
      importFile: s.importFile,
      problemCount: selectProblems(s).all.length,
    })),
  );
  const { liveLoading, beginPublish, removeMenu } = useMenuRemoteStore(
    useShallow((s) => ({
      liveLoading: s.liveLoading,
      beginPublish: s.beginPublish,
      removeMenu: s.removeMenu,
    })),
  );
  const buttons = useMenuStore(selectButtons);
  const replyProblems = useButtonReplyStore((s) => selectReplyProblems(s, buttons).length);
  const fileInput = useRef<HTMLInputElement>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const supportReason = canPublish ? undefined : t.supportCannotPublish;
  const toFix = problemCount + replyProblems;
  const publishReason =
    supportReason ?? (buttons.length === 0 ? t.addFirstToPublish : toFix > 0 ? t.fixFirst(toFix) : undefined);

  const exportMenu = () => {
    const date = new Date().toISOString().slice(0, 10);
    downloadTextFile(
      `wxdesk-menu-${date}.json`,
      menuFileText(selectMenu(useMenuStore.getState())),
      "application/json",
    );
  };

  return (
    <div className="menu-toolbar" role="toolbar" aria-label={t.title}>
      <div className="menu-toolbar__group">
        <IconButton
          icon="undo"
          label={t.undo}
          disabled={!canUndo}
          onClick={undo}
          aria-keyshortcuts="Control+Z Meta+Z"
        />
        <IconButton
          icon="redo"
          label={t.redo}
          disabled={!canRedo}
          onClick={redo}
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
        />
      </div>
      <span className="menu-toolbar__divider" />
      <div className="menu-toolbar__group">
        <Button
          icon="cloud"
          variant="ghost"
          busy={liveLoading}
          title={t.loadLiveLong}
          disabledReason={supportReason}
          onClick={() => void loadLive()}
        >
          {t.loadLive}
        </Button>
        <Button icon="upload" variant="ghost" onClick={() => fileInput.current?.click()}>
          {t.importFile}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          // Reached through the visible 「导入」 button; screen readers should meet one control, not two.
          aria-hidden="true"
          aria-label={t.importPick}
          onChange={async (event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) importFile(await file.text(), file.name);
          }}
        />
        <Button icon="download" variant="ghost" onClick={exportMenu}>
          {t.exportFile}
        </Button>
      </div>
      <div className="menu-toolbar__end">
        <Button
          icon="history"
          variant="ghost"
          onClick={() => setHistoryOpen(true)}
          disabledReason={supportReason}
        >
          {p.historyButton}
        </Button>
        <IconButton
          icon="trash"
          label={p.deleteButton}
          disabledReason={supportReason}
          onClick={() => setDeleteOpen(true)}
        />
        <Button
          variant="primary"
          icon="send"
          disabledReason={publishReason}
          onClick={() => void beginPublish()}
        >
          {t.publish}
        </Button>
      </div>
      {publishReason ? <p className="menu-toolbar__reason">{publishReason}</p> : null}
      <MenuHistoryDialog open={historyOpen} onClose={() => setHistoryOpen(false)} />
      <ConfirmDialog
        open={deleteOpen}
        danger
        title={p.deleteTitle}
        confirmLabel={p.deleteConfirm}
        busy={deleting}
        onClose={() => setDeleteOpen(false)}
        onConfirm={async () => {
          setDeleting(true);
          await removeMenu();
          setDeleting(false);
          setDeleteOpen(false);
        }}
      >
        <p>{p.deleteBody}</p>
      </ConfirmDialog>
    </div>
  );
}
