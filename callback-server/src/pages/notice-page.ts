import { html, type SafeHtml } from "@wxdesk/wechat/html";
import type { PageLang } from "@wxdesk/wechat/plain-words";
import { bilingual, layout, type Page } from "./layout.js";

export type NoticeTone = "ok" | "info" | "warn" | "error";

export interface NoticeAction {
  href: string;
  labelZh: string;
  labelEn: string;
  /** The green button; others are grey. */
  primary?: boolean;
}

/**
 * One message page in plain words, rendered once in zh-CN and once in English (a phone sees one of
 * them). Codes and advice for admins stay behind a 「详情」 disclosure, never in the page's own words.
 */
export interface NoticeInput {
  tone: NoticeTone;
  titleZh: string;
  linesZh: string[];
  titleEn: string;
  linesEn: string[];
  /** WeChat's error code, inside 详情 (support staff ask for it). */
  errcode?: number;
  /** For whoever runs the account (WeChat's own advice is written for admins): inside 详情. */
  adminNoteZh?: string;
  adminNoteEn?: string;
  /** More technical lines for 详情 (a request id, a provider's English detail). */
  detailLines?: string[];
  /** Between the text and the buttons (e.g. a list of steps), per language. */
  extra?: Record<PageLang, SafeHtml>;
  actions: NoticeAction[];
}

/** The words of the buttons the notice pages share, so each reads the same on every page. */
const LABELS = {
  startAgain: { labelZh: "重新进入", labelEn: "Start again" },
  tryAgain: { labelZh: "重试", labelEn: "Try again" },
  authorizeAgain: { labelZh: "重新授权", labelEn: "Authorize again" },
  home: { labelZh: "返回首页", labelEn: "Back to home" },
} as const;

export type RetryLabel = Exclude<keyof typeof LABELS, "home">;

/** The green retry button, then (unless `home` is false) a grey 返回首页. */
export function retryActions(href: string, label: RetryLabel, home = true): NoticeAction[] {
  const retry: NoticeAction = { href, ...LABELS[label], primary: true };
  return home ? [retry, { href: "/", ...LABELS.home }] : [retry];
}

/** Only 返回首页, as the green button (nothing to retry). */
export function homeOnlyActions(): NoticeAction[] {
  return [{ href: "/", ...LABELS.home, primary: true }];
}

const GLYPH: Record<NoticeTone, string> = { ok: "✓", info: "i", warn: "!", error: "!" };

const WORDS: Record<PageLang, { details: string; errcode: string; admin: string }> = {
  "zh-CN": { details: "详情", errcode: "错误码", admin: "给管理员：" },
  en: { details: "Details", errcode: "Error code", admin: "For the account's admin: " },
};

function details(input: NoticeInput, lang: PageLang): SafeHtml | "" {
  const words = WORDS[lang];
  const note = lang === "en" ? input.adminNoteEn : input.adminNoteZh;
  const lines = [
    ...(input.errcode === undefined ? [] : [`${words.errcode} ${input.errcode}`]),
    ...(note === undefined ? [] : [`${words.admin}${note}`]),
    ...(input.detailLines ?? []),
  ];
  if (lines.length === 0) return "";
  return html`<details class="details"><summary>${words.details}</summary>
${lines.map((line) => html`<p>${line}</p>`)}
</details>`;
}

export function noticePage(input: NoticeInput): Page {
  return bilingual((lang) => {
    const title = lang === "en" ? input.titleEn : input.titleZh;
    const lines = lang === "en" ? input.linesEn : input.linesZh;
    const main = html`<section class="card" data-page="notice" data-tone="${input.tone}">
<div class="icon ${input.tone}" aria-hidden="true">${GLYPH[input.tone]}</div>
<h1>${title}</h1>
${lines.map((line, i) => html`<p${i === lines.length - 1 && i > 0 ? html` class="fix"` : ""}>${line}</p>`)}
${input.extra?.[lang] ?? ""}
${details(input, lang)}
<div class="actions">
${input.actions.map((a) => html`<a class="btn ${a.primary ? "primary" : "secondary"}" href="${a.href}">${lang === "en" ? a.labelEn : a.labelZh}</a>`)}
</div>
</section>`;
    return layout({ lang, title, main });
  });
}
