export { ERROR_CATALOG, errorClassOf } from "./error-catalog.js";
export type {
  ErrorCatalogEntry,
  ErrorExplanation,
  ExplainContext,
  WeChatErrorClass,
} from "./error-types.js";
export { explainWeChatError } from "./explain-wechat-error.js";
export { type ErrmsgDetails, parseErrmsgDetails } from "./parse-errmsg-details.js";
export { ERR_BAD_RESPONSE, ERR_NETWORK, ERR_TIMEOUT } from "./synthetic-codes.js";
export { WeChatApiError, type WeChatApiErrorInit } from "./wechat-api-error.js";
