import { html } from "@wxdesk/wechat/html";
import type { PageLang } from "@wxdesk/wechat/plain-words";
import { page, sandboxTag } from "./layout.js";

export interface PickerEntry {
  href: string;
  nickname: string;
  avatar: string;
  /** Per language: the platform, 快照页用户, no WeChat-wide ID. */
  meta: Record<PageLang, string>;
}

const WORDS: Record<PageLang, { title: string; ask: (account: string) => string }> = {
  "zh-CN": { title: "选择微信用户", ask: (account) => `你将以哪个微信用户的身份访问「${account}」？` },
  en: {
    title: "Choose a WeChat user",
    ask: (account) => `Which WeChat user are you when you open "${account}"?`,
  },
};

/** Who is "you" on this simulated phone: pick a fixture user (remembered in a cookie). */
export function pickerPage(
  p: { accountName: string; entries: PickerEntry[]; notice?: string },
  lang: PageLang,
): string {
  const w = WORDS[lang];
  return page(
    lang,
    w.title,
    html`<div class="bar">${w.title}</div>
${p.notice ? html`<div class="notice">${p.notice}</div>` : ""}
<p class="intro">${w.ask(p.accountName)}</p>
<div class="list">
${p.entries.map(
  (e) =>
    html`<a href="${e.href}"><img class="avatar big" src="${e.avatar}" alt=""><span>${e.nickname}</span><span class="meta">${e.meta[lang]}</span></a>`,
)}
</div>
${sandboxTag(lang)}`,
  );
}
