import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { menuMessages } from "./menu-messages.js";
import { useMenuRemoteStore } from "./menu-remote-store.js";
import { selectButtons, useMenuStore } from "./menu-store.js";
import { toMenu } from "./menu-tree.js";
import { sameMenu } from "./same-menu.js";

/** Whether the draft is saved, and whether it differs from what the account shows. */
export function MenuSaveStatus() {
  const t = useT(menuMessages);
  const f = useFormat();
  const { save, flushSave, buttons } = useMenuStore(
    useShallow((s) => ({ save: s.save, flushSave: s.flushSave, buttons: selectButtons(s) })),
  );
  const live = useMenuRemoteStore((s) => s.live);
  const differs = useMemo(() => (live ? !sameMenu(toMenu(buttons), live.menu) : undefined), [buttons, live]);
  const text =
    save.state === "saving"
      ? t.saveSaving
      : save.state === "pending"
        ? t.savePending
        : save.state === "failed"
          ? t.saveFailed
          : save.savedAt
            ? t.saveSaved(f.time(save.savedAt))
            : t.saveNothing;
  return (
    <div className="save-status">
      {differs !== undefined ? (
        <span className={`tag ${differs ? "tag--warning" : "tag--accent"}`}>
          {differs ? t.liveDiffers : t.liveSame}
        </span>
      ) : null}
      <span
        className={`save-status__text ${save.state === "failed" ? "save-status__text--failed" : ""}`}
        role="status"
      >
        {text}
      </span>
      {save.state === "failed" ? (
        <Button size="sm" onClick={() => void flushSave()}>
          {t.saveRetry}
        </Button>
      ) : null}
    </div>
  );
}
