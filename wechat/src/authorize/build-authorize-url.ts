import { AuthorizeLinkError } from "./authorize-link-error.js";
import { type AuthorizeLinkInput, checkAuthorizeLinkInput } from "./check-authorize-link.js";
import { AUTHORIZE_PATH, WECHAT_OPEN_BASE } from "./constants.js";

/**
 * The authorize link exactly as §1.1 documents it: params in the order
 * `appid, redirect_uri, response_type, scope, state` (the legacy doc says WeChat regex-matches the
 * link), redirect_uri encoded as a whole with encodeURIComponent (= Python `quote(safe='')`),
 * `&state=` left out when empty (wechatpy's behaviour), and the mandatory `#wechat_redirect`.
 */
export function buildAuthorizeUrl(input: AuthorizeLinkInput): string {
  const problems = checkAuthorizeLinkInput(input);
  if (problems.length > 0) throw new AuthorizeLinkError(problems);
  const base = (input.openBase ?? WECHAT_OPEN_BASE).replace(/\/+$/, "");
  const state = input.state ? `&state=${input.state}` : "";
  return (
    `${base}${AUTHORIZE_PATH}?appid=${input.appid}` +
    `&redirect_uri=${encodeURIComponent(input.redirectUri)}` +
    `&response_type=code&scope=${input.scope}${state}#wechat_redirect`
  );
}
