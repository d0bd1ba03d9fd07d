export { AuthorizeLinkError } from "./authorize-link-error.js";
export { buildAuthorizeUrl } from "./build-authorize-url.js";
export {
  type AuthorizeLinkInput,
  checkAuthorizeLinkInput,
  isValidAppId,
  isValidState,
} from "./check-authorize-link.js";
export { type OAuthScope, WECHAT_API_BASE, WECHAT_OPEN_BASE } from "./constants.js";
export type { LinkProblem } from "./link-problem.js";
export { type ParsedAuthorizeUrl, parseAuthorizeUrl } from "./parse-authorize-url.js";
export { type CallbackResult, parseCallbackQuery } from "./parse-callback-query.js";
