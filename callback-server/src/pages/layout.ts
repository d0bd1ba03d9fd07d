import { html, type SafeHtml, trustedHtml } from "@wxdesk/wechat/html";
import type { PageLang } from "@wxdesk/wechat/plain-words";
import { contentSecurityPolicy, cspHash, JWEIXIN_SRC } from "./content-security.js";
import { PAGE_CSS } from "./page-styles.js";

/** A rendered page: the document and the CSP header that goes with it. */
export interface RenderedPage {
  html: string;
  csp: string;
}

/**
 * A page in its two languages; the server sends the one the phone prefers (`pageLanguage`). Its own
 * `html`/`csp` are the zh-CN rendering, the default for callers that do not ask.
 */
export interface Page extends RenderedPage {
  en: RenderedPage;
}

/**
 * A page in both languages, each rendered the first time it is asked for (an answer sends one, so
 * the other is never built); `render` sees only that language (a page never mixes them).
 */
export function bilingual(render: (lang: PageLang) => RenderedPage): Page {
  let zh: RenderedPage | undefined;
  let en: RenderedPage | undefined;
  const zhPage = () => {
    zh ??= render("zh-CN");
    return zh;
  };
  return {
    get html() {
      return zhPage().html;
    },
    get csp() {
      return zhPage().csp;
    },
    get en() {
      en ??= render("en");
      return en;
    },
  };
}

/** The rendering of `page` in `lang`. */
export function pageIn(page: Page, lang: PageLang): RenderedPage {
  return lang === "en" ? page.en : { html: page.html, csp: page.csp };
}

export interface LayoutInput {
  lang: PageLang;
  title: string;
  main: SafeHtml;
  /** A constant inline script (never built from request data): allowed in the CSP by its hash. */
  script?: string;
  /** Load WeChat's JS-SDK (`jweixin`) before the inline script. */
  jweixin?: boolean;
}

const STYLE_HASH = cspHash(PAGE_CSS);

/** The shared document shell: viewport for phones, one language, no referrer (callback URLs carry a code). */
export function layout(input: LayoutInput): RenderedPage {
  const script = input.script;
  const document = html`<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<meta name="format-detection" content="telephone=no">
<link rel="icon" href="data:,">
<title>${input.title}</title>
<style>${trustedHtml(PAGE_CSS)}</style>
</head>
<body>
<main>
${input.main}
</main>
${input.jweixin ? html`<script id="jweixin" src="${JWEIXIN_SRC}" async></script>` : ""}
${script === undefined ? "" : html`<script>${trustedHtml(script)}</script>`}
</body>
</html>
`;
  return {
    html: document.value,
    csp: contentSecurityPolicy({
      styleHashes: [STYLE_HASH],
      scriptHashes: script === undefined ? [] : [cspHash(script)],
      jweixin: input.jweixin === true,
    }),
  };
}
