import { MAX_STATE_LENGTH, OAUTH_SCOPES, type OAuthScope } from "./constants.js";
import type { LinkProblem } from "./link-problem.js";

export interface AuthorizeLinkInput {
  appid: string;
  redirectUri: string;
  scope: OAuthScope;
  state?: string;
  /** Override of https://open.weixin.qq.com, e.g. the sandbox origin. */
  openBase?: string;
}

const APPID_PATTERN = /^wx[0-9a-f]{16}$/;
const STATE_PATTERN = /^[A-Za-z0-9]*$/;

/** §1.1: an Official Account AppID is `wx` + 16 lower-case hex characters. */
export function isValidAppId(appid: string): boolean {
  return APPID_PATTERN.test(appid);
}

/** §1.1: state may only use [A-Za-z0-9] and be at most 128 bytes; empty is allowed (it is optional). */
export function isValidState(state: string): boolean {
  return state.length <= MAX_STATE_LENGTH && STATE_PATTERN.test(state);
}

function problem(
  field: LinkProblem["field"],
  code: string,
  messageZh: string,
  messageEn: string,
): LinkProblem {
  return { field, code, messageZh, messageEn };
}

function checkAppId(appid: unknown): LinkProblem[] {
  if (typeof appid !== "string" || appid.trim() === "") {
    return [problem("appid", "missing", "请填写公众号的 AppID。", "Enter the Official Account's AppID.")];
  }
  if (!isValidAppId(appid)) {
    return [
      problem(
        "appid",
        "invalid_format",
        "AppID 格式不对：应以 wx 开头，后面跟 16 位小写字母或数字（共 18 位）。请从 公众号后台 → 设置与开发 → 基本配置 复制。",
        "The AppID looks wrong: it starts with wx followed by 16 lower-case letters or digits (18 characters). Copy it from the MP console → 设置与开发 → 基本配置.",
      ),
    ];
  }
  return [];
}

function checkRedirectUri(redirectUri: unknown): LinkProblem[] {
  if (typeof redirectUri !== "string" || redirectUri.trim() === "") {
    return [
      problem(
        "redirectUri",
        "missing",
        "请填写回调地址（用户授权后跳回的网址）。",
        "Enter the redirect address (where users land after authorizing).",
      ),
    ];
  }
  if (redirectUri !== redirectUri.trim() || /\s/.test(redirectUri)) {
    return [
      problem(
        "redirectUri",
        "whitespace",
        "回调地址里有空格，请删掉。",
        "The redirect address contains spaces; remove them.",
      ),
    ];
  }
  const problems: LinkProblem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(redirectUri);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") {
    problems.push(
      problem(
        "redirectUri",
        "not_absolute_http",
        "回调地址必须是以 http:// 或 https:// 开头的完整网址。",
        "The redirect address must be a full web address starting with http:// or https://.",
      ),
    );
  }
  // WeChat appends ?code=…&state=… to the redirect (§1.3); a #fragment would swallow them.
  if (redirectUri.includes("#")) {
    problems.push(
      problem(
        "redirectUri",
        "has_fragment",
        "回调地址不能包含 # 号及其后面的内容，否则微信带回的 code 会丢失。",
        "The redirect address must not contain # (or anything after it); WeChat's code would be lost.",
      ),
    );
  }
  return problems;
}

function checkScope(scope: unknown): LinkProblem[] {
  if (typeof scope === "string" && (OAUTH_SCOPES as readonly string[]).includes(scope)) return [];
  if (scope === "snsapi_login") {
    return [
      problem(
        "scope",
        "website_scope",
        "这是网站扫码登录用的授权方式，公众号的链接只能用「静默授权」或「需用户确认」。",
        'This sign-in kind is for website QR login; Official Account links are "Silent" or "User confirms".',
      ),
    ];
  }
  return [
    problem(
      "scope",
      "invalid",
      "授权方式只能是「静默授权」（只拿用户编号）或「需用户确认」（会询问用户，可拿昵称头像）。",
      'The sign-in kind must be "Silent" (user ID only) or "User confirms" (asks the user, gives nickname and avatar).',
    ),
  ];
}

function checkState(state: unknown): LinkProblem[] {
  if (state === undefined || state === "") return [];
  if (typeof state !== "string") {
    return [problem("state", "invalid_chars", "state 必须是文字。", "state must be text.")];
  }
  const problems: LinkProblem[] = [];
  if (state.length > MAX_STATE_LENGTH) {
    problems.push(
      problem(
        "state",
        "too_long",
        `state 最长 128 个字符，现在是 ${state.length} 个，微信会直接报错。`,
        `state may be at most 128 characters; it has ${state.length}, and WeChat would show an error page.`,
      ),
    );
  }
  if (!STATE_PATTERN.test(state)) {
    problems.push(
      problem(
        "state",
        "invalid_chars",
        "state 只能包含英文字母和数字（A-Z、a-z、0-9）。",
        "state may only contain English letters and digits (A-Z, a-z, 0-9).",
      ),
    );
  }
  return problems;
}

/** Every problem with the input at once (so a form can show them all); never throws. */
export function checkAuthorizeLinkInput(input: AuthorizeLinkInput): LinkProblem[] {
  return [
    ...checkAppId(input.appid),
    ...checkRedirectUri(input.redirectUri),
    ...checkScope(input.scope),
    ...checkState(input.state),
  ];
}
