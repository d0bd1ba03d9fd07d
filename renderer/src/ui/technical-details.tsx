import type { ReactNode } from "react";
import { useT } from "../i18n/use-t.js";
import { uiMessages } from "./ui-messages.js";

/**
 * The system's own words (WeChat's errcode and errmsg, a library's English message) for whoever
 * debugs it: behind a 「详情」 disclosure, never in the sentence a person reads first.
 */
export function TechnicalDetails({ children }: { children: ReactNode }) {
  const t = useT(uiMessages);
  return (
    <details className="explanation__details">
      <summary>{t.details}</summary>
      {children}
    </details>
  );
}
