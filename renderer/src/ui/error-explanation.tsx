import type { DeskError } from "@wxdesk/electron/desk-api";
import { useLang, useT } from "../i18n/use-t.js";
import { uiMessages } from "./ui-messages.js";

/** WeChat's errcode explained (from @wxdesk/wechat's catalog, carried in DeskError.details). */
export type ErrorExplanation = NonNullable<NonNullable<DeskError["details"]>["explanation"]>;

/** Title, what happened and how to fix it, in the UI language; the errcode small, for support. */
export function ErrorExplanationView({ explanation }: { explanation: ErrorExplanation }) {
  const t = useT(uiMessages);
  const zh = useLang() === "zh-CN";
  return (
    <div className="explanation">
      <div className="explanation__title">{zh ? explanation.titleZh : explanation.titleEn}</div>
      <p className="explanation__detail">{zh ? explanation.detailZh : explanation.detailEn}</p>
      <div className="explanation__fix">
        <span className="explanation__fix-label">{t.howToFix}</span>
        <p>{zh ? explanation.fixZh : explanation.fixEn}</p>
      </div>
      <div className="explanation__meta">
        <span>{t.errcode(explanation.errcode)}</span>
        {explanation.rid ? <span>{t.requestId(explanation.rid)}</span> : null}
      </div>
    </div>
  );
}
