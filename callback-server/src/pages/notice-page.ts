import { html, type SafeHtml } from "@wxdesk/wechat/html";
import { layout, type Page } from "./layout.js";

export type NoticeTone = "ok" | "info" | "warn" | "error";

export interface NoticeAction {
  href: string;
  labelZh: string;
  /** The green button; others are grey. */
  primary?: boolean;
}

/** One message page: zh-CN first in plain words, English underneath in small print. */
export interface NoticeInput {
  tone: NoticeTone;
  titleZh: string;
  linesZh: string[];
  titleEn: string;
  linesEn: string[];
  /** Shown small under the title when the page is about a WeChat error. */
  errcode?: number;
  /** Small print for whoever runs the account (WeChat's own advice is written for admins). */
  adminNoteZh?: string;
  /** Between the text and the buttons (e.g. a list of steps). */
  extra?: SafeHtml;
  actions: NoticeAction[];
}

const GLYPH: Record<NoticeTone, string> = { ok: "✓", info: "i", warn: "!", error: "!" };

export function noticePage(input: NoticeInput): Page {
  const main = html`<section class="card" data-page="notice" data-tone="${input.tone}">
<div class="icon ${input.tone}" aria-hidden="true">${GLYPH[input.tone]}</div>
<h1>${input.titleZh}</h1>
${input.errcode === undefined ? "" : html`<div class="errcode">错误码 ${input.errcode}</div>`}
${input.linesZh.map((line, i) => html`<p${i === input.linesZh.length - 1 && i > 0 ? html` class="fix"` : ""}>${line}</p>`)}
${input.extra ?? ""}
${input.adminNoteZh === undefined ? "" : html`<p class="note">给管理员：${input.adminNoteZh}</p>`}
<div class="actions">
${input.actions.map((a) => html`<a class="btn ${a.primary ? "primary" : "secondary"}" href="${a.href}">${a.labelZh}</a>`)}
</div>
<div class="en" lang="en">
<p><strong>${input.titleEn}</strong></p>
${input.linesEn.map((line) => html`<p>${line}</p>`)}
</div>
</section>`;
  return layout({ title: input.titleZh, main });
}
