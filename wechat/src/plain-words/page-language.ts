/** The one language a phone page speaks (issue 10, item 7): zh-CN, or English when the phone prefers it.
 * Shared by the callback server's pages and the sandbox's imitation of WeChat's own screens. */
export type PageLang = "zh-CN" | "en";

/** The request headers the choice reads (Fastify's and Koa's header objects both fit). */
export interface LanguageHeaders {
  "user-agent"?: string | string[] | undefined;
  "accept-language"?: string | string[] | undefined;
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** zh or en for a language tag (`en-GB`, `zh_CN`, `zh-Hant`); undefined for any other language. */
function ours(tag: string): PageLang | undefined {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (base === "zh") return "zh-CN";
  if (base === "en") return "en";
  return undefined;
}

/**
 * WeChat's in-app browser says its interface language in the user agent (`… MicroMessenger/8.0.49 …
 * Language/en`): that wins, since it is the language the user reads WeChat in. Otherwise the first of
 * zh/en in Accept-Language by weight; anything else (or nothing) is zh-CN, the product's first language.
 */
export function pageLanguage(headers: LanguageHeaders): PageLang {
  const ua = first(headers["user-agent"]);
  if (/MicroMessenger\//i.test(ua)) {
    const tag = /\bLanguage\/([A-Za-z_-]+)/.exec(ua)?.[1];
    const chosen = tag === undefined ? undefined : ours(tag);
    if (chosen) return chosen;
  }
  const ranked = first(headers["accept-language"])
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: ours(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.lang !== undefined && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang ?? "zh-CN";
}
