import { html, type SafeHtml } from "@wxdesk/wechat/html";
import { page, SANDBOX_TAG } from "./layout.js";

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

/** WeChat's snsapi_userinfo consent sheet: white sheet from the bottom, 拒绝 / 允许. */
export function consentPage(p: ConsentPageInput): string {
  return page(
    "微信授权",
    html`<div class="bar">微信授权<small>${p.redirectHost}</small></div>
<p class="behind">页面加载中…</p>
<div class="mask"></div>
<form class="sheet" method="post" action="${p.action}">
  ${hiddenFields(p.hidden)}
  <div class="account"><img class="avatar" src="${p.accountAvatar}" alt=""><span class="name">${p.accountName}</span><span class="apply">申请</span></div>
  <div class="title">获取你的昵称、头像</div>
  <div class="desc">用于为你提供更好的服务 · Use your nickname and profile photo</div>
  <div class="user"><img class="avatar big" src="${p.userAvatar}" alt=""><span class="nick">${p.nickname}</span><span class="hint">微信个人信息</span></div>
  <a class="switch" href="${p.switchHref}">切换账号 / Switch user</a>
  <div class="buttons">
    <button class="btn grey" type="submit" name="decision" value="deny">拒绝</button>
    <button class="btn primary" type="submit" name="decision" value="allow">允许</button>
  </div>
  ${SANDBOX_TAG}
</form>`,
  );
}

/**
 * §1.3 snapshot-page mode: the page opens restricted, with a virtual account; "使用完整服务"
 * leads to the real consent sheet.
 */
export function snapshotPage(p: ConsentPageInput & { fullServiceHref: string }): string {
  return page(
    "快照页",
    html`<div class="bar">${p.accountName}<small>${p.redirectHost}</small></div>
<p class="snapshot-banner">当前为快照页，仅可浏览部分内容。如需登录或使用更多功能，请点击下方“使用完整服务”。<br>
This is a snapshot page: a virtual account, no real nickname or avatar.</p>
<form method="post" action="${p.action}" style="padding:24px 16px">
  ${hiddenFields(p.hidden)}
  <p class="desc" style="margin-bottom:16px">以快照模式打开网页：开发者拿到的是虚拟账号（is_snapshotuser=1），昵称为“微信用户”，头像为默认灰色头像。</p>
  <button class="btn default wide" type="submit" name="decision" value="allow">以快照模式浏览 / Browse as snapshot</button>
</form>
<div class="bottom"><a class="btn primary wide" href="${p.fullServiceHref}">使用完整服务</a>${SANDBOX_TAG}</div>`,
  );
}
