import { html, type SafeHtml } from "@wxdesk/wechat/html";
import type { PageLang } from "@wxdesk/wechat/plain-words";
import { page, sandboxTag } from "./layout.js";

export interface ConsentPageInput {
  /** Where the form posts (the sandbox's decide endpoint). */
  action: string;
  /** The original authorize parameters plus the chosen user, sent back as hidden fields. */
  hidden: Record<string, string>;
  accountName: string;
  accountAvatar: string;
  redirectHost: string;
  nickname: string;
  userAvatar: string;
  switchHref: string;
}

function hiddenFields(fields: Record<string, string>): SafeHtml[] {
  return Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
}

const WORDS = {
  "zh-CN": {
    sheetTitle: "微信授权",
    loading: "页面加载中…",
    apply: "申请",
    asks: "获取你的昵称、头像",
    why: "用于为你提供更好的服务",
    hint: "微信个人信息",
    switchUser: "切换账号",
    deny: "拒绝",
    allow: "允许",
    snapshotTitle: "快照页",
    snapshotBanner: "当前为快照页，仅可浏览部分内容。如需登录或使用更多功能，请点击下方“使用完整服务”。",
    snapshotDesc: "以快照模式浏览时，网页拿到的是一个虚拟账号：昵称为“微信用户”，头像为默认灰色头像。",
    browse: "以快照模式浏览",
    fullService: "使用完整服务",
  },
  en: {
    sheetTitle: "WeChat authorization",
    loading: "Loading the page…",
    apply: "requests",
    asks: "Your nickname and profile photo",
    why: "To give you a better service",
    hint: "WeChat profile",
    switchUser: "Switch account",
    deny: "Deny",
    allow: "Allow",
    snapshotTitle: "Snapshot page",
    snapshotBanner:
      'This is a snapshot page: only part of it can be viewed. To sign in or do more, tap "Use full service" below.',
    snapshotDesc:
      'In snapshot mode the page gets a placeholder account: the nickname "WeChat user" and a grey default photo.',
    browse: "Browse as snapshot",
    fullService: "Use full service",
  },
} as const;

/** WeChat's consent sheet for a "user confirms" link: white sheet from the bottom, 拒绝 / 允许. */
export function consentPage(p: ConsentPageInput, lang: PageLang): string {
  const w = WORDS[lang];
  return page(
    lang,
    w.sheetTitle,
    html`<div class="bar">${w.sheetTitle}<small>${p.redirectHost}</small></div>
<p class="behind">${w.loading}</p>
<div class="mask"></div>
<form class="sheet" method="post" action="${p.action}">
  ${hiddenFields(p.hidden)}
  <div class="account"><img class="avatar" src="${p.accountAvatar}" alt=""><span class="name">${p.accountName}</span><span class="apply">${w.apply}</span></div>
  <div class="title">${w.asks}</div>
  <div class="desc">${w.why}</div>
  <div class="user"><img class="avatar big" src="${p.userAvatar}" alt=""><span class="nick">${p.nickname}</span><span class="hint">${w.hint}</span></div>
  <a class="switch" href="${p.switchHref}">${w.switchUser}</a>
  <div class="buttons">
    <button class="btn grey" type="submit" name="decision" value="deny">${w.deny}</button>
    <button class="btn primary" type="submit" name="decision" value="allow">${w.allow}</button>
  </div>
  ${sandboxTag(lang)}
</form>`,
  );
}

/**
 * §1.3 snapshot-page mode: the page opens restricted, with a virtual account; "使用完整服务"
 * leads to the real consent sheet.
 */
export function snapshotPage(p: ConsentPageInput & { fullServiceHref: string }, lang: PageLang): string {
  const w = WORDS[lang];
  return page(
    lang,
    w.snapshotTitle,
    html`<div class="bar">${p.accountName}<small>${p.redirectHost}</small></div>
<p class="snapshot-banner">${w.snapshotBanner}</p>
<form class="snapshot-form" method="post" action="${p.action}">
  ${hiddenFields(p.hidden)}
  <p class="desc">${w.snapshotDesc}</p>
  <button class="btn default wide" type="submit" name="decision" value="allow">${w.browse}</button>
</form>
<div class="bottom"><a class="btn primary wide" href="${p.fullServiceHref}">${w.fullService}</a>${sandboxTag(lang)}</div>`,
  );
}
