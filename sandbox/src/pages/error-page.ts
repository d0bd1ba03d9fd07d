import { html } from "@wxdesk/wechat/html";
import type { PageLang } from "@wxdesk/wechat/plain-words";
import type { AuthorizeProblem } from "../authorize-check.js";
import { page, sandboxTag } from "./layout.js";

const WORDS: Record<PageLang, { title: string; line: string; details: string; code: string }> = {
  "zh-CN": {
    title: "这个链接打不开",
    line: "链接设置有误，请联系公众号的管理员。",
    details: "详情",
    code: "错误码",
  },
  en: {
    title: "This link cannot be opened",
    line: "The link is set up wrongly. Please contact the account's admin.",
    details: "Details",
    code: "Error code",
  },
};

/**
 * §1.4: WeChat shows an error page with the code and does not redirect. The visitor reads plain words;
 * the code and WeChat's own (developer) wording, which the admin needs, are behind 「详情」.
 * `plain`: the message is already plain words for the visitor (the sandbox's own refusals): shown as is.
 */
export function errorPage(
  problem: AuthorizeProblem,
  lang: PageLang,
  options: { plain?: boolean } = {},
): string {
  const words = WORDS[lang];
  const message = lang === "en" ? problem.messageEn : problem.messageZh;
  return page(
    lang,
    words.title,
    html`<div class="error" data-errcode="${problem.code}">
  <div class="icon" aria-hidden="true">!</div>
  <h1>${words.title}</h1>
  <p>${options.plain ? message : words.line}</p>
  <details><summary>${words.details}</summary>
    <p>${words.code}：${problem.code}</p>
    ${options.plain ? "" : html`<p>${message}</p>`}
  </details>
  ${sandboxTag(lang)}
</div>`,
  );
}
