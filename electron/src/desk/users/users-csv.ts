import type { Lang, TokenState } from "../../desk-api.js";
import type { AdminUser } from "../admin/admin-shapes.js";

/** The UTF-8 byte order mark: without it Excel reads UTF-8 CSV as the local code page (mojibake). */
export const BOM = "\uFEFF";

const STATE_WORDS: Record<TokenState, { zh: string; en: string }> = {
  valid: { zh: "有效", en: "valid" },
  expiring: { zh: "即将过期", en: "expiring soon" },
  access_expired: { zh: "访问令牌已过期（可自动续期）", en: "access expired (renews automatically)" },
  needs_reauth: { zh: "需要用户重新授权", en: "user must authorize again" },
  undecryptable: {
    zh: "令牌无法解密（服务器密钥已变，需重新授权）",
    en: "tokens cannot be decrypted (server key changed)",
  },
};

const SCOPE_WORDS = {
  snsapi_base: { zh: "静默授权（仅 openid）", en: "silent (openid only)" },
  snsapi_userinfo: { zh: "用户信息授权", en: "profile (nickname, avatar)" },
} as const;

const COLUMNS: Array<{ zh: string; en: string; cell: (u: AdminUser, lang: Lang) => string }> = [
  { zh: "昵称", en: "Nickname", cell: (u) => u.nickname ?? "" },
  { zh: "OpenID", en: "OpenID", cell: (u) => u.openid },
  { zh: "UnionID", en: "UnionID", cell: (u) => u.unionid ?? "" },
  { zh: "授权方式", en: "Authorization", cell: (u, l) => SCOPE_WORDS[u.scope][l === "en" ? "en" : "zh"] },
  { zh: "首次授权时间", en: "First authorized", cell: (u) => localTime(u.firstAuthorizedAt) },
  { zh: "最近授权时间", en: "Last authorized", cell: (u) => localTime(u.lastAuthorizedAt) },
  {
    zh: "令牌状态",
    en: "Token state",
    cell: (u, l) => STATE_WORDS[u.tokens.state][l === "en" ? "en" : "zh"],
  },
  { zh: "访问令牌到期", en: "Access expires", cell: (u) => localTime(u.tokens.accessExpiresAt) },
  { zh: "可续期至", en: "Renewable until", cell: (u) => localTime(u.tokens.refreshExpiresAt) },
  { zh: "头像链接", en: "Avatar URL", cell: (u) => u.headimgurl ?? "" },
];

const pad = (n: number) => String(n).padStart(2, "0");

/** `2025-03-01 14:05:09` in this computer's time zone: what Excel reads as a date and people read at a glance. */
export function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * One RFC 4180 field. A cell starting with = + - @ (or tab / CR, which Excel strips first) is
 * prefixed with ' so a spreadsheet shows it as text instead of running it as a formula (a
 * nickname is chosen by the WeChat user: "=HYPERLINK(…)" must stay a name).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The whole file: BOM, a header in the user's language, CRLF line ends (RFC 4180). Never a token column. */
export function usersCsv(users: AdminUser[], lang: Lang): string {
  const lines = [
    COLUMNS.map((c) => csvCell(lang === "en" ? c.en : c.zh)).join(","),
    ...users.map((u) => COLUMNS.map((c) => csvCell(c.cell(u, lang))).join(",")),
  ];
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

export function csvFilename(now: Date = new Date()): string {
  return `wxdesk-users-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.csv`;
}
