import { html } from "@wxdesk/wechat/html";
import { page, SANDBOX_TAG } from "./layout.js";

export interface PickerEntry {
  href: string;
  nickname: string;
  avatar: string;
  meta: string;
}

/** Who is "you" on this simulated phone: pick a fixture user (remembered in a cookie). */
export function pickerPage(p: { accountName: string; entries: PickerEntry[]; notice?: string }): string {
  return page(
    "选择微信用户",
    html`<div class="bar">选择微信用户</div>
${p.notice ? html`<div class="notice">${p.notice}</div>` : ""}
<p class="behind" style="padding:12px 16px;text-align:left">你将以哪个微信用户的身份访问「${p.accountName}」？ / Which WeChat user are you?</p>
<div class="list">
${p.entries.map(
  (e) =>
    html`<a href="${e.href}"><img class="avatar big" src="${e.avatar}" alt=""><span>${e.nickname}</span><span class="meta">${e.meta}</span></a>`,
)}
</div>
${SANDBOX_TAG}`,
  );
}
