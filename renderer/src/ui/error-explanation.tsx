import type { DeskError } from "@wxdesk/electron/desk-api";
import { useLang, useT } from "../i18n/use-t.js";
import { TechnicalDetails } from "./technical-details.js";
import { uiMessages } from "./ui-messages.js";

/** WeChat's errcode explained (from @wxdesk/wechat's catalog, carried in DeskError.details). */
export type ErrorExplanation = NonNullable<NonNullable<DeskError["details"]>["explanation"]>;

export interface ErrorExplanationViewProps {
  explanation: ErrorExplanation;
  /** More raw lines for whoever debugs it (a developer, WeChat support), shown with the errcode under 「详情」. */
  technical?: readonly string[];
}

/**
 * Words first: what went wrong and how to fix it, in the UI language. WeChat's own text (the errcode,
 * its English errmsg, the endpoint, the request id) is for support staff and developers, so it waits
 * behind a 「详情」 disclosure instead of sitting in a Chinese sentence.
 */
export function ErrorExplanationView({ explanation, technical = [] }: ErrorExplanationViewProps) {
  const t = useT(uiMessages);
  const zh = useLang() === "zh-CN";
  return (
    <div className="explanation">
      <div className="explanation__title">{zh ? explanation.titleZh : explanation.titleEn}</div>
      <div className="explanation__fix">
        <span className="explanation__fix-label">{t.howToFix}</span>
        <p>{zh ? explanation.fixZh : explanation.fixEn}</p>
      </div>
      <TechnicalDetails>
        <p className="explanation__detail">{zh ? explanation.detailZh : explanation.detailEn}</p>
        {technical.map((line) => (
          <p key={line} className="explanation__detail">
            {line}
          </p>
        ))}
        <div className="explanation__meta">
          <span>{t.errcode(explanation.errcode)}</span>
          {explanation.rid ? <span>{t.requestId(explanation.rid)}</span> : null}
          {explanation.callerIp ? <span>{t.callerIp(explanation.callerIp)}</span> : null}
        </div>
      </TechnicalDetails>
    </div>
  );
}
