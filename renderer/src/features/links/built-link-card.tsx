import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { selectActiveIsLocal, useAppStore } from "../../app/app-store.js";
import type { TextKey } from "../../i18n/define-messages.js";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { Icon } from "../../ui/icon.js";
import { linksMessages } from "./links-messages.js";
import { useLinksStore } from "./links-store.js";
import { type QrHintKind, qrHintKind } from "./qr-hint.js";

export interface BuiltLinkCardProps {
  title: string;
  hint: string;
  url: string;
  /**
   * The start link: what a menu button should use. Only it gets a QR code (shown, and as PNG/SVG files
   * named `fileBase`); a second code beside it would leave people guessing which one to print.
   */
  recommended?: { fileBase: string };
  /** Said instead of a QR code on the other link: why it has none. */
  note?: string;
}

/** Under the code (a narrow column): a few words. Beside it, when scanning leads nowhere: what to do instead. */
const QR_CAPTIONS: Record<QrHintKind, TextKey<typeof linksMessages>> = {
  sandbox: "qrOnlyHere",
  "this-computer": "qrOnlyHere",
  phone: "qrHint",
};
const QR_NOTES: Record<QrHintKind, TextKey<typeof linksMessages> | undefined> = {
  sandbox: "qrHintSandbox",
  "this-computer": "qrHintThisComputer",
  phone: undefined,
};

/** One built link: the address and 「复制链接」; the recommended one also its QR code and the code as a file. */
export function BuiltLinkCard({ title, hint, url, recommended, note }: BuiltLinkCardProps) {
  const t = useT(linksMessages);
  const local = useAppStore(selectActiveIsLocal);
  const { copy } = useLinksStore(useShallow((s) => ({ copy: s.copy })));
  const qrKind = qrHintKind(url, local);
  const qrNote = recommended ? QR_NOTES[qrKind] : undefined;

  return (
    <section className={`link-card ${recommended ? "link-card--recommended" : ""}`} aria-label={title}>
      <div className="link-card__main">
        <div className="link-card__heading">
          <h3 className="link-card__title">{title}</h3>
          {recommended ? <span className="tag tag--accent">{t.recommended}</span> : null}
        </div>
        <p className="link-card__hint hint-text">{hint}</p>
        <output className="link-card__url" aria-label={title}>
          {url}
        </output>
        <div className="link-card__actions">
          <Button
            size="sm"
            variant={recommended ? "primary" : "secondary"}
            icon="link"
            onClick={() => void copy(url)}
          >
            {t.copy}
          </Button>
          {recommended ? <QrDownloads url={url} fileBase={recommended.fileBase} /> : null}
        </div>
        {note ? <p className="link-card__note">{note}</p> : null}
        {qrNote ? (
          <p className="link-card__note">
            <Icon name="info" size={16} />
            {t[qrNote]}
          </p>
        ) : null}
      </div>
      {recommended ? <LinkQr url={url} title={title} hint={t[QR_CAPTIONS[qrKind]]} /> : null}
    </section>
  );
}

function QrDownloads({ url, fileBase }: { url: string; fileBase: string }) {
  const t = useT(linksMessages);
  const downloadQr = useLinksStore((s) => s.downloadQr);
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        icon="download"
        onClick={() => void downloadQr(url, "png", `${fileBase}.png`)}
      >
        {t.downloadPng}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon="download"
        onClick={() => void downloadQr(url, "svg", `${fileBase}.svg`)}
      >
        {t.downloadSvg}
      </Button>
    </>
  );
}

function LinkQr({ url, title, hint }: { url: string; title: string; hint: string }) {
  const t = useT(linksMessages);
  const { qr, loadQr } = useLinksStore(useShallow((s) => ({ qr: s.qr[url], loadQr: s.loadQr })));
  useEffect(() => {
    void loadQr(url);
  }, [url, loadQr]);
  return (
    <figure className="link-card__qr">
      {qr?.dataUrl ? (
        <img src={qr.dataUrl} alt={t.qrAlt(title)} width={132} height={132} />
      ) : (
        <div className="link-card__qr-placeholder" role="status">
          {qr?.error ? t.qrFailed : t.qrLoading}
        </div>
      )}
      <figcaption className="link-card__qr-hint">{hint}</figcaption>
    </figure>
  );
}
