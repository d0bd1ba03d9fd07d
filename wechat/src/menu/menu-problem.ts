import type { MenuProblem } from "./menu-types.js";

/** Whether a problem sits on a top-level button or a sub-button: WeChat answers different errcodes (§7.2). */
export type MenuLevel = "top" | "sub";

export interface ProblemContext {
  level?: MenuLevel;
  limit?: number;
  actual?: number;
  /** The offending value, quoted in the message when short enough to help. */
  value?: string;
  /** Extra detail for the message, e.g. the button type or the list of domains. */
  detail?: string;
}

type Text = (c: ProblemContext) => [zh: string, en: string];

const where = (c: ProblemContext): [string, string] =>
  c.level === "sub" ? ["子菜单", "Sub-button"] : ["菜单", "Menu"];

// Roughly how many Chinese characters fit: CJK characters are 3 bytes each in UTF-8.
const cjk = (bytes: number | undefined): number => Math.floor((bytes ?? 0) / 3);

const TEXTS: Record<string, Text> = {
  body_not_object: () => ["菜单内容必须是一个 JSON 对象", "The menu must be a JSON object"],
  button_missing: () => ["菜单缺少 button 列表", 'The menu has no "button" list'],
  no_buttons: () => ["至少需要 1 个一级菜单", "Add at least 1 top button"],
  too_many_buttons: (c) => [
    `一级菜单最多 ${c.limit} 个，现在 ${c.actual} 个`,
    `At most ${c.limit} top buttons; there are ${c.actual}`,
  ],
  button_not_object: (c) => [`${where(c)[0]}项必须是一个对象`, `${where(c)[1]} item must be an object`],
  name_empty: (c) => [`${where(c)[0]}名称不能为空`, `${where(c)[1]} name must not be empty`],
  name_too_long: (c) => [
    `${where(c)[0]}名称最多 ${c.limit} 个字节（约 ${cjk(c.limit)} 个汉字），现在 ${c.actual} 个字节`,
    `${where(c)[1]} name can be at most ${c.limit} bytes (about ${cjk(c.limit)} Chinese characters); it is ${c.actual} bytes`,
  ],
  sub_button_not_array: () => ["sub_button 必须是子菜单列表", '"sub_button" must be a list of sub-buttons'],
  no_sub_buttons: () => [
    "至少需要 1 个子菜单，或者给这个菜单设置动作",
    "Add at least 1 sub-button, or give this button an action",
  ],
  too_many_sub_buttons: (c) => [
    `子菜单最多 ${c.limit} 个，现在 ${c.actual} 个`,
    `At most ${c.limit} sub-buttons per button; there are ${c.actual}`,
  ],
  too_deep: () => [
    "子菜单下不能再有子菜单（最多两级）",
    "Sub-buttons cannot have their own sub-buttons (2 levels at most)",
  ],
  no_action: () => [
    "一级菜单需要设置动作类型，或者添加子菜单",
    "A top button needs an action type or sub-buttons",
  ],
  type_missing: () => ["子菜单需要设置动作类型", "A sub-button needs an action type"],
  type_invalid: () => ["动作类型必须是文字", "The action type must be text"],
  unknown_type: (c) => [`不支持的动作类型「${c.value}」`, `Unsupported action type "${c.value}"`],
  key_missing: (c) => [
    `「${c.detail}」类型的菜单需要填写按钮标识`,
    `A "${c.detail}" button needs a button ID`,
  ],
  key_too_long: (c) => [
    `按钮标识最多 ${c.limit} 个字节，现在 ${c.actual} 个字节`,
    `The button ID can be at most ${c.limit} bytes; it is ${c.actual} bytes`,
  ],
  url_missing: (c) => [`「${c.detail}」类型的菜单需要填写网址`, `A "${c.detail}" button needs a URL`],
  url_too_long: (c) => [
    `网址最多 ${c.limit} 个字节，现在 ${c.actual} 个字节`,
    `The URL can be at most ${c.limit} bytes; it is ${c.actual} bytes`,
  ],
  url_invalid: () => [
    "网址必须是以 http:// 或 https:// 开头的完整地址",
    "The URL must be a full address starting with http:// or https://",
  ],
  media_id_missing: (c) => [
    `「${c.detail}」类型的菜单需要填写素材 media_id`,
    `A "${c.detail}" button needs a media_id`,
  ],
  article_id_missing: (c) => [
    `「${c.detail}」类型的菜单需要填写已发布文章的 article_id`,
    `A "${c.detail}" button needs the article_id of a published article`,
  ],
  appid_missing: () => [
    "小程序菜单需要填写小程序的 appid",
    "A miniprogram button needs the Mini Program's appid",
  ],
  appid_invalid: (c) => [
    `小程序 appid「${c.value}」格式不对，应为 wx 加 16 位十六进制字符`,
    `Mini Program appid "${c.value}" is not valid; it should be "wx" followed by 16 hex characters`,
  ],
  pagepath_missing: () => ["小程序菜单需要填写页面路径 pagepath", "A miniprogram button needs a pagepath"],
  too_many_domains: (c) => [
    `所有网页链接最多只能用 ${c.limit} 个不同的域名，现在用了 ${c.actual} 个：${c.detail}`,
    `All links together may use at most ${c.limit} different domains; they use ${c.actual}: ${c.detail}`,
  ],
  matchrule_not_object: () => ["个性化菜单的 matchrule 必须是一个对象", '"matchrule" must be an object'],
  matchrule_empty: () => [
    "个性化菜单的匹配规则不能为空，请至少设置用户标签或手机系统",
    "The match rule is empty; set at least a user tag or a phone system",
  ],
  privacy_field: (c) => [
    `匹配规则不能再使用「${c.detail}」（性别、地区、语言自 2021 年起不再支持）`,
    `The match rule can no longer use "${c.detail}" (sex, region and language are rejected since 2021)`,
  ],
  province_without_country: () => ["设置省份时必须同时设置国家", "A province needs a country"],
  city_without_province: () => ["设置城市时必须同时设置省份", "A city needs a province"],
  client_platform_invalid: (c) => [
    `手机系统「${c.value}」无效，只能是 1（iOS）、2（Android）或 3（其他）`,
    `Phone system "${c.value}" is not valid; use 1 (iOS), 2 (Android) or 3 (other)`,
  ],
  tag_id_invalid: (c) => [
    `用户标签 tag_id「${c.value}」无效，应为数字`,
    `User tag_id "${c.value}" is not valid; it should be a number`,
  ],
};

/** Builds a MenuProblem with both messages filled in from the code's text template. */
export function menuProblem(
  path: string,
  code: string,
  errcode: number,
  c: ProblemContext = {},
): MenuProblem {
  const text = TEXTS[code];
  const [messageZh, messageEn] = text ? text(c) : [code, code];
  const problem: MenuProblem = { path, code, errcode, messageZh, messageEn };
  if (c.limit !== undefined) problem.limit = c.limit;
  if (c.actual !== undefined) problem.actual = c.actual;
  return problem;
}

/**
 * The errcode WeChat would answer for a menu with these problems: it stops at the first one. wxdesk's
 * own rules have none (WeChat accepts those menus), so they are skipped.
 */
export function menuErrcode(problems: readonly MenuProblem[]): number | undefined {
  return problems.find((p) => p.errcode !== undefined)?.errcode;
}
