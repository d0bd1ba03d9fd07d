import type { ErrorExplanation } from "@wxdesk/wechat";
import { html } from "@wxdesk/wechat/html";
import type { Page } from "./layout.js";
import { homeOnlyActions, noticePage, retryActions } from "./notice-page.js";

/** The user tapped 拒绝 on WeChat's consent sheet (§1.3: the callback has a state but no code). */
export function deniedPage(retryHref: string): Page {
  return noticePage({
    tone: "info",
    titleZh: "你已拒绝授权",
    linesZh: ["没有关系，我们没有获取你的任何信息。", "如果想继续使用，请点击下方按钮重新授权。"],
    titleEn: "You declined the authorization",
    linesEn: [
      "That is fine: nothing about you was shared.",
      "To continue, tap the button below to authorize again.",
    ],
    actions: retryActions(retryHref, "authorizeAgain"),
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
    en: [
      "Incomplete sign-in link",
      "This link is missing a part we need to check it; it may have been cut or changed. Open it again from the account's menu or page.",
    ],
  },
  state_unknown: {
    zh: ["登录链接已失效", "这个登录链接已经过期（有效期 10 分钟）或不是本站发出的。请重新进入。"],
    en: [
      "Sign-in link expired",
      "This sign-in link has expired (it works for 10 minutes) or did not come from this site. Please start again.",
    ],
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
      "This sign-in was started in another browser or window. To protect your account we cannot continue here. Please start again here.",
    ],
  },
  next_not_allowed: {
    zh: ["不允许跳转到该地址", "登录后要打开的地址不在本站允许的范围内。请联系公众号管理员检查链接。"],
    en: [
      "Redirect target not allowed",
      "The page to open after sign-in is not one this site allows. Please ask the account's admin to check the link.",
    ],
  },
  bad_scope: {
    zh: ["授权方式不正确", "这个链接里的登录方式无法识别。请联系公众号管理员检查链接。"],
    en: [
      "Unknown sign-in kind",
      "This link asks for a kind of sign-in we do not know. Please ask the account's admin to check the link.",
    ],
  },
  bad_link: {
    zh: [
      "菜单链接无效",
      "这个链接的签名校验失败，可能被改动过。请从公众号菜单重新进入，或联系管理员重新生成链接。",
    ],
    en: [
      "Invalid menu link",
      "This link did not pass its safety check; it may have been changed. Open it again from the account's menu, or ask the admin for a new link.",
    ],
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
    actions: retryHref === undefined ? homeOnlyActions() : retryActions(retryHref, "startAgain"),
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
    linesEn: [
      "The connection to WeChat broke, so this sign-in did not finish.",
      "Tap the button below to start again; nothing is recorded twice.",
    ],
    ...(errcode === undefined ? {} : { errcode }),
    actions: retryActions(retryHref, "startAgain"),
  });
}

/**
 * Any other WeChat error. The visitor cannot fix it: plain words and a retry. `wechat/`'s doctor
 * (its title and fix, written for admins), the code and WeChat's request id wait behind 「详情」.
 */
export function wechatErrorPage(explanation: ErrorExplanation, retryHref: string): Page {
  return noticePage({
    tone: "error",
    titleZh: "微信登录没有完成",
    linesZh: [
      "这次登录在微信那边出了问题，不是你的操作有误。",
      "请点击下方「重试」重新进入；如果一直出现，请稍后再试。",
    ],
    adminNoteZh: `${explanation.titleZh}。${explanation.fixZh}`,
    titleEn: "Signing in with WeChat did not finish",
    linesEn: [
      "Something went wrong on WeChat's side; you did nothing wrong.",
      "Tap Try again below; if it keeps happening, try again later.",
    ],
    adminNoteEn: `${explanation.titleEn}. ${explanation.fixEn}`,
    ...(explanation.rid ? { detailLines: [`rid: ${explanation.rid}`] } : {}),
    errcode: explanation.errcode,
    actions: retryActions(retryHref, "tryAgain"),
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
    extra: {
      "zh-CN": html`<ol class="steps">
<li>在微信页面底部找到「使用完整服务」</li>
<li>点击它，并在弹出的窗口中点「允许」</li>
<li>页面会自动打开，继续刚才的操作</li>
</ol>`,
      en: html`<ol class="steps">
<li>Find "Use full service" at the bottom of the WeChat page</li>
<li>Tap it, then tap "Allow" in the window that opens</li>
<li>The page opens again and you can carry on</li>
</ol>`,
    },
    titleEn: "You are viewing a snapshot page",
    linesEn: [
      "WeChat opened a limited preview of this page, so some things do not work yet, and nothing about you is recorded.",
      'Tap "Use full service" at the bottom of the page to continue.',
    ],
    actions: [{ href: continueHref, labelZh: "我已点击，继续", labelEn: "Done, continue" }],
  });
}

/** Something on our side failed (store down…): no details for the visitor, they are in the log. */
export function serverErrorPage(retryHref: string): Page {
  return noticePage({
    tone: "error",
    titleZh: "服务暂时不可用",
    linesZh: ["我们这边出了点问题，这次登录没有完成。", "请稍后点击下方按钮重新进入。"],
    titleEn: "Service temporarily unavailable",
    linesEn: [
      "Something went wrong on our side, so this sign-in did not finish.",
      "Please tap the button below to start again in a moment.",
    ],
    actions: retryActions(retryHref, "startAgain"),
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
      "The server is too busy right now, so this step did not finish.",
      "Wait a few seconds, then tap Try again below.",
    ],
    actions: retryActions(retryHref, "tryAgain", false),
  });
}

/** A 4xx the route had no page of its own for (the request itself could not be read). */
export function badRequestPage(): Page {
  return noticePage({
    tone: "warn",
    titleZh: "链接无法打开",
    linesZh: ["这个链接不完整或被改动过。请从公众号菜单或页面重新进入。"],
    titleEn: "This link cannot be opened",
    linesEn: [
      "This link is incomplete or was changed. Please open it again from the account's menu or page.",
    ],
    actions: homeOnlyActions(),
  });
}

/**
 * 404 for a browser: a page the server does not have — typically a target page (`next`, e.g. the
 * /shop the desktop's hint gives as an example) that is not on this server. Never raw JSON.
 */
export function notFoundPage(): Page {
  return noticePage({
    tone: "warn",
    titleZh: "找不到这个页面",
    linesZh: ["这个页面不存在，可能是链接填错了。请从公众号菜单重新进入，或联系公众号管理员。"],
    titleEn: "This page cannot be found",
    linesEn: [
      "This page does not exist; the link may be wrong. Please open it again from the account's menu, or tell the account's admin.",
    ],
    actions: [{ href: "/", labelZh: "返回首页", labelEn: "Back to home", primary: true }],
  });
}
