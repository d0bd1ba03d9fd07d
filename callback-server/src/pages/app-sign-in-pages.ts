import type { Page } from "./layout.js";
import { noticePage } from "./notice-page.js";

interface Explanation {
  titleZh: string;
  lineZh: string;
  titleEn: string;
  lineEn: string;
}

/** OpenID Connect errors a person can meet in the browser, in plain words (no protocol terms). */
const EXPLANATIONS: Record<string, Explanation> = {
  invalid_client: {
    titleZh: "这个应用还没有登记",
    lineZh: "发起登录的应用没有在本服务器登记，或登记信息已被删除。",
    titleEn: "This app is not registered here",
    lineEn: "The app that started this sign-in is not registered on this server, or its entry was removed.",
  },
  invalid_redirect_uri: {
    titleZh: "应用的返回地址不对",
    lineZh: "应用要求登录后返回的地址没有登记过，为了安全没有继续。",
    titleEn: "The app asked to return to an address that is not registered",
    lineEn: "The app asked to come back to an address it never registered, so we stopped for safety.",
  },
  login_expired: {
    titleZh: "登录已过期",
    lineZh: "这次登录等待太久或已经完成过了。",
    titleEn: "This sign-in has expired or was already completed",
    lineEn: "This sign-in waited too long or was already completed.",
  },
  server_error: {
    titleZh: "服务器出错了",
    lineZh: "登录没有完成，这不是您的问题。",
    titleEn: "Something went wrong on the server",
    lineEn: "The sign-in did not finish; this is not your fault.",
  },
};

const FALLBACK: Explanation = {
  titleZh: "无法完成登录",
  lineZh: "应用发来的登录请求有误，没有继续。",
  titleEn: "The sign-in could not be completed",
  lineEn: "The app's sign-in request was not right, so we did not continue.",
};

/**
 * The page shown when an app's sign-in cannot go back to the app (its address cannot be trusted,
 * or the attempt is gone): what happened, and that the way on is to start again from the app.
 * `detailEn` is the provider's own English detail, for whoever runs the app: behind 「详情」.
 */
export function appSignInErrorPage(code: string, detailEn?: string): Page {
  const words = EXPLANATIONS[code] ?? FALLBACK;
  return noticePage({
    tone: "error",
    titleZh: words.titleZh,
    linesZh: [words.lineZh, "请回到应用重新登录；如果一直这样，请联系应用的管理员。"],
    titleEn: words.titleEn,
    linesEn: [
      words.lineEn,
      "Go back to the app and sign in again; if it keeps happening, contact whoever runs the app.",
    ],
    ...(detailEn ? { detailLines: [`${code}: ${detailEn}`] } : {}),
    actions: [],
  });
}
