/**
 * Protocol words a person using the product never has to know (issue 10, item 7): the OAuth and
 * JS-SDK vocabulary of WeChat's developer documentation. Visible texts say what the thing is for
 * (用户编号, 只获取编号, 微信登录); a raw term may stay behind a 「详情」 disclosure, or in a message whose
 * key starts with `tech` (the desktop's copyable values, shown for support staff).
 *
 * Browser-safe: no Node built-ins, so the renderer's tests and the phone pages' tests share one list.
 */
export interface BannedWord {
  /** What the scan reports. */
  word: string;
  /** Matches the word in a visible text (case-insensitive, whole words only). */
  pattern: RegExp;
  /**
   * `everywhere`: no visible text (desktop or phone). `phone`: only on pages a WeChat user sees; the
   * desktop's admins set these up in 公众平台 under the same names (AppID, 错误码 on an error detail).
   */
  where: "everywhere" | "phone";
}

export const BANNED_WORDS: readonly BannedWord[] = [
  { word: "snsapi", pattern: /snsapi/i, where: "everywhere" },
  // "OpenID Connect" (the app sign-in standard) is a name, not the WeChat user id.
  { word: "openid", pattern: /\bopen_?id\b(?!\s*connect)/i, where: "everywhere" },
  { word: "unionid", pattern: /\bunion_?id\b/i, where: "everywhere" },
  { word: "JS-SDK", pattern: /\bjs-?sdk\b|jweixin/i, where: "everywhere" },
  { word: "access_token", pattern: /\baccess_?token\b/i, where: "everywhere" },
  { word: "refresh_token", pattern: /\brefresh_?token\b/i, where: "everywhere" },
  { word: "redirect_uri", pattern: /\bredirect_?uri\b/i, where: "everywhere" },
  { word: "errcode", pattern: /\berr_?code\b/i, where: "everywhere" },
  { word: "errmsg", pattern: /\berr_?msg\b/i, where: "everywhere" },
  { word: "is_snapshotuser", pattern: /\bis_snapshotuser\b/i, where: "everywhere" },
  { word: "scope", pattern: /\bscope\b/i, where: "phone" },
  { word: "state", pattern: /\bstate\b/i, where: "phone" },
  { word: "code", pattern: /\bcode\b(?<!\bQR code)/i, where: "phone" },
  { word: "appid", pattern: /\bapp_?id\b/i, where: "phone" },
  { word: "rid", pattern: /\brid\b/i, where: "phone" },
  { word: "错误码", pattern: /错误码/, where: "phone" },
];

export type PlainWordsAudience = "desktop" | "phone";

/** The banned words found in `text` for this audience (empty: the text is plain). */
export function bannedWordsIn(text: string, audience: PlainWordsAudience): string[] {
  return BANNED_WORDS.filter(
    (entry) => (audience === "phone" || entry.where === "everywhere") && entry.pattern.test(text),
  ).map((entry) => entry.word);
}

/**
 * The words a page shows before anything is opened: its text without scripts, styles, tags and the
 * 「详情」 disclosures (`<details>`, where codes for support staff may stay). For scanning rendered pages.
 */
export function shownText(html: string): string {
  return html
    .replace(/<(script|style|details)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<title>[\s\S]*?<\/title>/i, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? "",
    )
    .replace(/\s+/g, " ")
    .trim();
}
