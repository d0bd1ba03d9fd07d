import { useShallow } from "zustand/react/shallow";
import { useNavStore } from "../../app/nav-store.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { repliesMessages } from "./replies-messages.js";
import { selectIssues, useRepliesStore } from "./replies-store.js";

/** Asked when the admin leaves with unsaved replies: save and go, go without saving, or stay. */
export function LeaveDialog() {
  const t = useT(repliesMessages);
  const navigate = useNavStore((s) => s.navigate);
  const { pendingLeave, saving, blocked, save, discard, cancelLeave } = useRepliesStore(
    useShallow((s) => ({
      pendingLeave: s.pendingLeave,
      saving: s.saving,
      blocked: selectIssues(s).length,
      save: s.save,
      discard: s.discard,
      cancelLeave: s.cancelLeave,
    })),
  );
  const go = () => {
    if (!pendingLeave) return;
    cancelLeave();
    navigate(pendingLeave);
  };
  return (
    <Dialog
      open={pendingLeave !== undefined}
      title={t.leaveTitle}
      onClose={cancelLeave}
      size="sm"
      footer={
        <>
          <Button onClick={cancelLeave} disabled={saving}>
            {t.leaveStay}
          </Button>
          <Button
            variant="danger"
            disabled={saving}
            onClick={() => {
              discard();
              go();
            }}
          >
            {t.leaveDiscard}
          </Button>
          <Button
            variant="primary"
            busy={saving}
            disabledReason={blocked > 0 ? t.saveBlocked(blocked) : undefined}
            onClick={async () => {
              if (await save()) go();
              else cancelLeave();
            }}
          >
            {t.leaveSave}
          </Button>
        </>
      }
    >
      <p>{t.leaveBody}</p>
    </Dialog>
  );
}
