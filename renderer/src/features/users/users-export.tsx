import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button, IconButton } from "../../ui/button.js";
import { usersMessages } from "./users-messages.js";
import { searchText } from "./users-query.js";
import { useUsersStore } from "./users-store.js";

/** 「导出表格」: asks the app for the CSV of the current search (`users.exportCsv({q})`). */
export function UsersExportButton() {
  const t = useT(usersMessages);
  const { exporting, exportCsv, q } = useUsersStore(
    useShallow((s) => ({ exporting: s.exporting, exportCsv: s.exportCsv, q: searchText(s.query) })),
  );
  return (
    <Button
      icon="download"
      busy={exporting}
      title={q ? t.exportHintQuery(q) : t.exportHintAll}
      onClick={() => void exportCsv()}
    >
      {t.exportCsv}
    </Button>
  );
}

/**
 * The finished export: how many users it holds and a link that saves it. The CSV stays in memory as a
 * Blob URL (no file is written by the renderer; the download goes through the app's save dialog).
 */
export function UsersExportNote() {
  const t = useT(usersMessages);
  const f = useFormat();
  const { exported, closeExport } = useUsersStore(
    useShallow((s) => ({ exported: s.exported, closeExport: s.closeExport })),
  );
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!exported) return;
    const href = URL.createObjectURL(new Blob([exported.csv], { type: "text/csv;charset=utf-8" }));
    setUrl(href);
    return () => {
      URL.revokeObjectURL(href);
      setUrl(undefined);
    };
  }, [exported]);
  if (!exported || !url) return null;
  return (
    <Banner
      kind={exported.truncated ? "warning" : "success"}
      title={t.exportReady(f.number(exported.rows))}
      actions={
        <>
          <a className="btn btn--primary btn--sm users-export__save" href={url} download={exported.filename}>
            {t.exportSave(exported.filename)}
          </a>
          <IconButton icon="close" size="sm" label={t.exportClose} onClick={closeExport} />
        </>
      }
    >
      {exported.truncated ? <p>{t.exportTruncated(f.number(exported.rows))}</p> : null}
      <p>{exported.q ? t.exportedQuery(exported.q) : t.exportedAll}</p>
    </Banner>
  );
}
