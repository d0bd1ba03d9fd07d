import type { ErrorExplanation } from "@wxdesk/wechat";
import { html } from "@wxdesk/wechat/html";
import type { Page } from "./layout.js";
import { noticePage } from "./notice-page.js";

/** The user tapped 拒绝 on WeChat's consent sheet (§1.3: the callback has a state but no code). */
export function deniedPage(retryHref: string): Page {
  return noticePage({
    tone: "info",
    titleZh: "你已拒绝授权",
    linesZh: ["没有关系，我们没有获取你的任何信息。", "如果想继续使用，请点击下方按钮重新授权。"],
    titleEn: "You declined the authorization",
    linesEn: ["Nothing about you was shared. Tap the button to authorize again."],
    actions: [
      { href: retryHref, labelZh: "重新授权", primary: true },
      { href: "/", labelZh: "返回首页" },
    ],
  });
}

/** Why a callback or a start request was refused; each has its own plain-words explanation. */
export type RefusalReason =
  | "state_missing"
  | "state_unknown"
  | "state_used"
  | "other_browser"
  | "next_not_allowed"
  | "bad_scope"
  | "bad_link";

const REFUSALS: Record<RefusalReason, { zh: [string, string]; en: [string, string] }> = {
  state_missing: {
    zh: ["登录链接不完整", "这个链接缺少必要的校验信息，可能被截断或改动过。请从公众号菜单或页面重新进入。"],
    en: ["Incomplete sign-in link", "The link has no state value; it may have been cut or altered."],
  },
  state_unknown: {
    zh: ["登录链接已失效", "这个登录链接已经过期（有效期 10 分钟）或不是本站发出的。请重新进入。"],
    en: ["Sign-in link expired", "The state is unknown or older than 10 minutes. Start again."],
  },
  state_used: {
    zh: ["登录链接已经用过了", "每个登录链接只能使用一次。请重新进入，我们会为你生成新的链接。"],
    en: ["Sign-in link already used", "Each sign-in link works once. Start again for a fresh one."],
  },
  other_browser: {
    zh: [
      "请在同一个浏览器里完成登录",
      "这次登录是在另一个浏览器或窗口里发起的，为了保护你的账号，我们不能在这里继续。请在这里重新进入。",
    ],
    en: [
      "Finish signing in where you started",
      "This sign-in was started in another browser (the binding cookie does not match). Start again here.",
    ],
  },
  next_not_allowed: {
    zh: ["不允许跳转到该地址", "登录后要打开的地址不在本站允许的范围内。请联系公众号管理员检查链接。"],
    en: [
      "Redirect target not allowed",
      "The address to open after sign-in (next) is not on this site's allowlist.",
    ],
  },
  bad_scope: {
    zh: [
      "授权方式不正确",
      "链接里的授权方式只能是 snsapi_base 或 snsapi_userinfo。请联系公众号管理员检查链接。",
    ],
    en: ["Invalid scope", "scope must be snsapi_base or snsapi_userinfo."],
  },
  bad_link: {
    zh: [
      "菜单链接无效",
      "这个链接的签名校验失败，可能被改动过。请从公众号菜单重新进入，或联系管理员重新生成链接。",
    ],
    en: ["Invalid menu link", "The signed link failed its signature check; it may have been altered."],
  },
};

/** Without `retryHref` (a bad link: starting again would fail the same way) only 返回首页 is offered. */
export function refusedPage(reason: RefusalReason, retryHref?: string): Page {
  const text = REFUSALS[reason];
  return noticePage({
    tone: "warn",
    titleZh: text.zh[0],
    linesZh: [text.zh[1]],
    titleEn: text.en[0],
    linesEn: [text.en[1]],
    actions:
      retryHref === undefined
        ? [{ href: "/", labelZh: "返回首页", primary: true }]
        : [
            { href: retryHref, labelZh: "重新进入", primary: true },
            { href: "/", labelZh: "返回首页" },
          ],
  });
}

/**
 * The code exchange may have reached WeChat (timeout/reset after sending) or the code was already
 * used: we never re-send a code, we start a fresh authorization for a fresh one.
 */
export function networkRetryPage(retryHref: string, errcode?: number): Page {
  return noticePage({
    tone: "warn",
    titleZh: "网络不稳定，请重新进入",
    linesZh: ["和微信服务器的连接中断了，这次登录没有完成。", "点击下方按钮重新进入即可，不会产生重复记录。"],
    titleEn: "Unstable network, please start again",
    linesEn: ["The connection to WeChat broke before sign-in finished. Tap the button to start again."],
    ...(errcode === undefined ? {} : { errcode }),
    actions: [
      { href: retryHref, labelZh: "重新进入", primary: true },
      { href: "/", labelZh: "返回首页" },
    ],
  });
}

/** Any other WeChat error, explained by `wechat/`'s doctor: title, what happened, what to do. */
export function wechatErrorPage(explanation: ErrorExplanation, retryHref: string): Page {
  return noticePage({
    tone: "error",
    titleZh: explanation.titleZh,
    linesZh: ["微信登录没有完成。", "请点击下方「重试」重新进入；如果一直出现，请稍后再试。"],
    adminNoteZh: explanation.fixZh,
    titleEn: explanation.titleEn,
    linesEn: [explanation.fixEn, ...(explanation.rid ? [`rid: ${explanation.rid}`] : [])],
    errcode: explanation.errcode,
    actions: [
      { href: retryHref, labelZh: "重试", primary: true },
      { href: "/", labelZh: "返回首页" },
    ],
  });
}

/**
 * §1.3 snapshot page (快照页): WeChat opened the page in a restricted preview and gave us a
 * virtual account. We keep nothing and explain how to get the full page.
 */
export function snapshotPage(continueHref: string): Page {
  return noticePage({
    tone: "info",
    titleZh: "你正在浏览快照页",
    linesZh: [
      "现在看到的是微信提供的「快照页」预览，部分功能暂时用不了，我们也不会记录你的任何信息。",
      "点击页面下方「使用完整服务」后即可继续。",
    ],
    extra: html`<ol class="steps">
<li>在微信页面底部找到「使用完整服务」</li>
<li>点击它，并在弹出的窗口中点「允许」</li>
<li>页面会自动打开，继续刚才的操作</li>
</ol>`,
    titleEn: "You are viewing a snapshot page",
    linesEn: [
      "WeChat opened this page in its limited snapshot mode with a placeholder account; nothing was stored.",
      "Tap “使用完整服务” (Use full service) at the bottom of the screen to continue.",
    ],
    actions: [{ href: continueHref, labelZh: "我已点击，继续" }],
  });
}

/** Something on our side failed (store down…): no details for the visitor, they are in the log. */
export function serverErrorPage(retryHref: string): Page {
  return noticePage({
    tone: "error",
    titleZh: "服务暂时不可用",
    linesZh: ["我们这边出了点问题，这次登录没有完成。", "请稍后点击下方按钮重新进入。"],
    titleEn: "Service temporarily unavailable",
    linesEn: ["Something failed on our side; the details are in the server log. Please try again shortly."],
    actions: [
      { href: retryHref, labelZh: "重新进入", primary: true },
      { href: "/", labelZh: "返回首页" },
    ],
  });
}

/**
 * 503: the server cannot reach its data for a moment (the store is down, a lock is held too long).
 * Nothing the visitor did; the same address usually works again within seconds.
 */
export function unavailablePage(retryHref: string): Page {
  return noticePage({
    tone: "warn",
    titleZh: "服务暂时不可用",
    linesZh: ["服务器暂时忙不过来，这次操作没有完成。", "请稍等几秒钟，再点击下方「重试」。"],
    titleEn: "Service temporarily unavailable",
    linesEn: [
      "The server cannot reach its data right now, so this step did not finish. Wait a few seconds, then tap 重试 (Retry).",
    ],
    actions: [{ href: retryHref, labelZh: "重试", primary: true }],
  });
}

/** A 4xx the route had no page of its own for (the request itself could not be read). */
export function badRequestPage(): Page {
  return noticePage({
    tone: "warn",
    titleZh: "链接无法打开",
    linesZh: ["这个链接不完整或被改动过。请从公众号菜单或页面重新进入。"],
    titleEn: "This link cannot be opened",
    linesEn: ["The request could not be read; the link may be cut or altered."],
    actions: [{ href: "/", labelZh: "返回首页", primary: true }],
  });
}
