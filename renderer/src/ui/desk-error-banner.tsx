import type { DeskError } from "@wxdesk/electron/desk-api";
import type { ReactNode } from "react";
import { useLang, useT } from "../i18n/use-t.js";
import { Banner } from "./banner.js";
import { Button } from "./button.js";
import { ErrorExplanationView } from "./error-explanation.js";
import { uiMessages } from "./ui-messages.js";

export interface DeskErrorBannerProps {
  error: DeskError;
  /** A heading that says what failed ("菜单没有发布"); the error's own message otherwise. */
  title?: string;
  onRetry?(): void;
  actions?: ReactNode;
}

/**
 * A DeskError in words: its message, WeChat's explanation when there is one, and the menu problems for
 * `menu_invalid`. The code stays out of sight except as WeChat's errcode in the explanation.
 */
export function DeskErrorBanner({ error, title, onRetry, actions }: DeskErrorBannerProps) {
  const t = useT(uiMessages);
  const zh = useLang() === "zh-CN";
  const message = zh ? error.messageZh : error.message;
  const problems = error.details?.problems ?? [];
  return (
    <Banner
      kind="error"
      title={title ?? message}
      actions={
        <>
          {actions}
          {onRetry ? (
            <Button size="sm" onClick={onRetry}>
              {t.retry}
            </Button>
          ) : null}
        </>
      }
    >
      {title ? <p>{message}</p> : null}
      {error.details?.explanation ? <ErrorExplanationView explanation={error.details.explanation} /> : null}
      {problems.length > 0 ? (
        <>
          <div className="banner__subheading">{t.problemsHeading}</div>
          <ul className="banner__list">
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.code}`}>{zh ? problem.messageZh : problem.messageEn}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Banner>
  );
}
