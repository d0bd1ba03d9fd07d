import { html } from "@wxdesk/wechat/html";
import { layout, type Page } from "./layout.js";

/** What the landing page knows about the signed-in user (never tokens). */
export interface LandingUser {
  openid: string;
  scope: "snsapi_base" | "snsapi_userinfo";
  nickname?: string;
  headimgurl?: string;
}

/**
 * The landing page's one inline script (constant, allowed by hash). It asks our server for a
 * `wx.config` signature for this exact URL (§8.2: without the #fragment) and applies it once
 * WeChat's JS-SDK has loaded; without the SDK (offline, outside WeChat) it only shows the status.
 */
export const LANDING_SCRIPT = `(function () {
  var status = document.getElementById("jssdk-status");
  if (!status) return;
  var sdk = document.getElementById("jweixin");
  var url = location.href.split("#")[0];
  function apply(c) {
    if (!window.wx || typeof window.wx.config !== "function") return false;
    window.wx.config({
      debug: false,
      appId: c.appId,
      timestamp: c.timestamp,
      nonceStr: c.nonceStr,
      signature: c.signature,
      jsApiList: ["updateAppMessageShareData", "updateTimelineShareData"]
    });
    return true;
  }
  fetch("/jssdk/config?url=" + encodeURIComponent(url), { credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(function (c) {
      status.textContent = "JS-SDK：已签名";
      status.className = "status ok";
      if (!apply(c) && sdk) sdk.addEventListener("load", function () { apply(c); });
    })
    .catch(function () {
      status.textContent = "JS-SDK：暂不可用";
    });
})();
`;

/** Avatars only from http(s); WeChat's CDN serves https too, so http qlogo links are upgraded. */
function avatarSrc(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" && parsed.hostname.endsWith(".qlogo.cn")) parsed.protocol = "https:";
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** `oLVPpj…3GLc`: enough to recognise, short enough for a phone. */
export function shortOpenid(openid: string): string {
  return openid.length > 12 ? `${openid.slice(0, 6)}…${openid.slice(-4)}` : openid;
}

function signedIn(user: LandingUser) {
  const src = avatarSrc(user.headimgurl);
  const name = user.nickname && user.nickname.length > 0 ? user.nickname : undefined;
  return html`<section class="card" data-page="landing" data-signed-in="yes">
${src ? html`<img class="avatar" src="${src}" alt="头像" width="72" height="72">` : html`<div class="avatar placeholder" aria-hidden="true">👤</div>`}
<h1 id="greeting">你好，${name ?? shortOpenid(user.openid)}</h1>
<p class="muted">${
    user.scope === "snsapi_userinfo"
      ? "已通过微信授权登录（昵称和头像）"
      : `已通过微信静默授权登录（仅 openid：${shortOpenid(user.openid)}）`
  }</p>
<p id="jssdk-status" class="status">JS-SDK：正在签名…</p>
<div class="en" lang="en"><p>Signed in with WeChat (${user.scope}).</p></div>
</section>`;
}

function signedOut() {
  return html`<section class="card" data-page="landing" data-signed-in="no">
<div class="icon ok" aria-hidden="true">微</div>
<h1>欢迎</h1>
<p>使用微信登录后即可继续。我们只会获取你的昵称和头像。</p>
<div class="actions">
<a class="btn primary" href="/oauth/start?scope=snsapi_userinfo">微信登录</a>
</div>
<div class="en" lang="en"><p>Sign in with WeChat to continue; only your nickname and avatar are requested.</p></div>
</section>`;
}

export function landingPage(user: LandingUser | undefined): Page {
  if (!user) return layout({ title: "微信登录", main: signedOut() });
  return layout({ title: "欢迎", main: signedIn(user), script: LANDING_SCRIPT, jweixin: true });
}
