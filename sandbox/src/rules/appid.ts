/**
 * §1.1: an Official Account (and Mini Program) AppID is `wx` followed by 16 lower-case hex digits.
 * The sandbox keeps its own copy of WeChat's rule instead of importing wechat/'s: the stand-in judges
 * what the client sends, so a mistake in the client's checker must be able to show up in a test.
 */
export function looksLikeWeChatAppId(value: string): boolean {
  return /^wx[0-9a-f]{16}$/.test(value);
}
