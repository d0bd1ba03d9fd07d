import type { MenuVersionView } from "@wxdesk/electron/desk-api";
import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useCanPublish } from "../../app/app-store.js";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { ConfirmDialog } from "../../ui/confirm-dialog.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { Dialog } from "../../ui/dialog.js";
import { EmptyState } from "../../ui/empty-state.js";
import { liveVersionId } from "./menu-live-version.js";
import { menuMessages } from "./menu-messages.js";
import { publishMessages } from "./menu-publish-messages.js";
import { useMenuRemoteStore } from "./menu-remote-store.js";

const KIND_KEY = {
  publish: "kindPublish",
  delete: "kindDelete",
  rollback: "kindRollback",
} as const satisfies Record<MenuVersionView["kind"], keyof typeof publishMessages.en>;

/** Every publish/delete/rollback, newest first, each restorable in one click after a confirmation. */
export function MenuHistoryDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT(publishMessages);
  const m = useT(menuMessages);
  const f = useFormat();
  const canPublish = useCanPublish();
  const { versions, versionsLoading, versionsError, loadVersions, rollback, live, liveError } =
    useMenuRemoteStore(
      useShallow((s) => ({
        versions: s.versions,
        versionsLoading: s.versionsLoading,
        versionsError: s.versionsError,
        loadVersions: s.loadVersions,
        rollback: s.rollback,
        live: s.live,
        liveError: s.liveError,
      })),
    );
  const currentId = versions ? liveVersionId(versions, live) : undefined;
  const [confirming, setConfirming] = useState<MenuVersionView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) void loadVersions();
  }, [open, loadVersions]);

  const now = Date.now();
  return (
    <>
      <Dialog
        open={open && !confirming}
        title={t.historyTitle}
        description={t.historyIntro}
        onClose={onClose}
        size="lg"
      >
        {versionsError ? (
          <DeskErrorBanner
            error={versionsError}
            title={t.historyFailed}
            onRetry={() => void loadVersions()}
          />
        ) : null}
        {versionsLoading && !versions ? <p role="status">{t.historyLoading}</p> : null}
        {versions && versions.length === 0 ? <EmptyState icon="history" title={t.historyEmpty} /> : null}
        {versions && versions.length > 0 && currentId === undefined ? (
          <Banner kind="info" title={liveError || !live ? t.historyLiveUnknown : t.historyNoneLive} />
        ) : null}
        {versions && versions.length > 0 ? (
          <ol className="versions plain-list">
            {versions.map((version) => (
              <li key={version.id} className="versions__item">
                <div className="versions__head">
                  <span className={`tag ${version.kind === "delete" ? "tag--danger" : "tag--accent"}`}>
                    {t[KIND_KEY[version.kind]]}
                  </span>
                  <span className="versions__time">{f.dateTime(version.at)}</span>
                  <span className="versions__ago">{f.relative(version.at, now)}</span>
                  <span className="versions__by">{t.versionBy(version.by)}</span>
                  {version.id === currentId ? <span className="tag">{t.versionCurrent}</span> : null}
                </div>
                <div className="versions__buttons">
                  {version.menu && version.menu.button.length > 0 ? (
                    version.menu.button.map((b, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: names repeat; the order is the identity
                      <span key={j} className="versions__button">
                        {b.name || m.untitled}
                        {b.sub_button && b.sub_button.length > 0 ? (
                          <small> · {m.subCount(b.sub_button.length)}</small>
                        ) : null}
                      </span>
                    ))
                  ) : (
                    <span className="versions__none">{t.versionNoMenu}</span>
                  )}
                </div>
                {version.id !== currentId ? (
                  <Button
                    size="sm"
                    icon="history"
                    disabledReason={canPublish ? undefined : m.supportCannotPublish}
                    onClick={() => setConfirming(version)}
                  >
                    {t.rollbackAction}
                  </Button>
                ) : null}
              </li>
            ))}
          </ol>
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={confirming !== null}
        title={t.rollbackTitle}
        confirmLabel={t.rollbackConfirm}
        busy={busy}
        onClose={() => setConfirming(null)}
        onConfirm={async () => {
          if (!confirming) return;
          setBusy(true);
          const ok = await rollback(confirming.id);
          setBusy(false);
          setConfirming(null);
          if (ok) onClose();
        }}
      >
        {confirming ? <p>{t.rollbackBody(f.dateTime(confirming.at))}</p> : null}
      </ConfirmDialog>
    </>
  );
}
