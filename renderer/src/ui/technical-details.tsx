import { useT } from "../i18n/use-t.js";
import { uiMessages } from "./ui-messages.js";

/**
 * The system's own words (an English library message, a raw error) for whoever debugs it: behind a
 * 「详情」 disclosure, never in the sentence a person reads first.
 */
export function TechnicalDetails({ text }: { text: string | undefined }) {
  const t = useT(uiMessages);
  if (!text) return null;
  return (
    <details className="explanation__details">
      <summary>{t.details}</summary>
      <p className="explanation__detail">{text}</p>
    </details>
  );
}
