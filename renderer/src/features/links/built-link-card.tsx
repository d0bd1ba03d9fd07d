import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { linksMessages } from "./links-messages.js";
import { useLinksStore } from "./links-store.js";

export interface BuiltLinkCardProps {
  title: string;
  hint: string;
  url: string;
  /** Marks the start link: what a menu button should use. */
  recommended?: boolean;
  /** The download's file name without extension, e.g. `wxdesk-menu-link-qr`. */
  fileBase: string;
}

/** One built link: the address, 「复制链接」, its QR code and the QR code as a PNG or SVG file. */
export function BuiltLinkCard({ title, hint, url, recommended = false, fileBase }: BuiltLinkCardProps) {
  const t = useT(linksMessages);
  const { qr, loadQr, downloadQr, copy } = useLinksStore(
    useShallow((s) => ({ qr: s.qr[url], loadQr: s.loadQr, downloadQr: s.downloadQr, copy: s.copy })),
  );
  useEffect(() => {
    void loadQr(url);
  }, [url, loadQr]);

  return (
    <section className={`link-card ${recommended ? "link-card--recommended" : ""}`} aria-label={title}>
      <div className="link-card__main">
        <div className="link-card__heading">
          <h3 className="link-card__title">{title}</h3>
          {recommended ? <span className="tag tag--accent">{t.recommended}</span> : null}
        </div>
        <p className="link-card__hint">{hint}</p>
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
        </div>
      </div>
      <figure className="link-card__qr">
        {qr?.dataUrl ? (
          <img src={qr.dataUrl} alt={t.qrAlt(title)} width={132} height={132} />
        ) : (
          <div className="link-card__qr-placeholder" role="status">
            {qr?.error ? t.qrFailed : t.qrLoading}
          </div>
        )}
        <figcaption className="link-card__qr-hint">{t.qrHint}</figcaption>
      </figure>
    </section>
  );
}
