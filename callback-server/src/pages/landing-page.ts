import { html } from "@wxdesk/wechat/html";
import type { PageLang } from "@wxdesk/wechat/plain-words";
import { bilingual, layout, type Page } from "./layout.js";

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
 * WeChat's JS-SDK has loaded; without the SDK (offline, outside WeChat) it only shows the status. The
 * status words come from the element's data attributes, so one script (one CSP hash) serves both languages.
 */
export const LANDING_SCRIPT = `(function () {
  var status = document.getElementById("sharing-status");
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
      status.textContent = status.getAttribute("data-ok");
      status.className = "status ok";
      if (!apply(c) && sdk) sdk.addEventListener("load", function () { apply(c); });
    })
    .catch(function () {
      status.textContent = status.getAttribute("data-down");
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

const WORDS = {
  "zh-CN": {
    avatar: "头像",
    hello: (name: string) => `你好，${name}`,
    profile: "已通过微信登录，获取了你的昵称和头像。",
    silent: "已通过微信登录，只确认了你是谁，没有获取昵称和头像。",
    sharing: { busy: "分享功能：正在准备…", ok: "分享功能：已就绪", down: "分享功能：暂不可用" },
    signInTitle: "微信登录",
    welcome: "欢迎",
    signInLine: "使用微信登录后即可继续。我们只会获取你的昵称和头像。",
    signIn: "微信登录",
  },
  en: {
    avatar: "Profile photo",
    hello: (name: string) => `Hello, ${name}`,
    profile: "Signed in with WeChat; we have your nickname and profile photo.",
    silent: "Signed in with WeChat; we only know it is you, not your nickname or photo.",
    sharing: {
      busy: "Sharing: getting ready…",
      ok: "Sharing: ready",
      down: "Sharing: not available right now",
    },
    signInTitle: "Sign in with WeChat",
    welcome: "Welcome",
    signInLine: "Sign in with WeChat to continue. We only ask for your nickname and profile photo.",
    signIn: "Sign in with WeChat",
  },
} as const;

function signedIn(user: LandingUser, lang: PageLang) {
  const words = WORDS[lang];
  const src = avatarSrc(user.headimgurl);
  const name = user.nickname && user.nickname.length > 0 ? user.nickname : undefined;
  return html`<section class="card" data-page="landing" data-signed-in="yes">
${src ? html`<img class="avatar" src="${src}" alt="${words.avatar}" width="72" height="72">` : html`<div class="avatar placeholder" aria-hidden="true">👤</div>`}
<h1 id="greeting">${words.hello(name ?? shortOpenid(user.openid))}</h1>
<p class="muted">${user.scope === "snsapi_userinfo" ? words.profile : words.silent}</p>
<p id="sharing-status" class="status" data-ok="${words.sharing.ok}" data-down="${words.sharing.down}">${words.sharing.busy}</p>
</section>`;
}

function signedOut(lang: PageLang) {
  const words = WORDS[lang];
  return html`<section class="card" data-page="landing" data-signed-in="no">
<div class="icon ok" aria-hidden="true">${lang === "en" ? "W" : "微"}</div>
<h1>${words.welcome}</h1>
<p>${words.signInLine}</p>
<div class="actions">
<a class="btn primary" href="/oauth/start?scope=snsapi_userinfo">${words.signIn}</a>
</div>
</section>`;
}

export function landingPage(user: LandingUser | undefined): Page {
  return bilingual((lang) => {
    if (!user) return layout({ lang, title: WORDS[lang].signInTitle, main: signedOut(lang) });
    return layout({
      lang,
      title: WORDS[lang].welcome,
      main: signedIn(user, lang),
      script: LANDING_SCRIPT,
      jweixin: true,
    });
  });
}
