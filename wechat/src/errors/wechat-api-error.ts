import { errorClassOf } from "./error-catalog.js";
import type { ErrorExplanation, ExplainContext, WeChatErrorClass } from "./error-types.js";
import { explainWeChatError } from "./explain-wechat-error.js";
import { parseErrmsgDetails } from "./parse-errmsg-details.js";

export interface WeChatApiErrorInit {
  errcode: number;
  errmsg: string;
  /** API path such as `/sns/oauth2/access_token` — never a full URL (it would carry secrets). */
  endpoint: string;
  /** Defaults to the catalog class of errcode. */
  errorClass?: WeChatErrorClass;
  /** Defaults to true: WeChat answered, so the request reached it. */
  maybeDelivered?: boolean;
  httpStatus?: number;
  /** Defaults to the rid / req_id parsed from errmsg. */
  rid?: string;
}

/** The one error every WeChat call throws; callers switch on `errorClass` (STYLE: oauth4webapi). */
export class WeChatApiError extends Error {
  readonly errcode: number;
  readonly errmsg: string;
  readonly rid: string | undefined;
  readonly endpoint: string;
  readonly errorClass: WeChatErrorClass;
  /** True when the request may have reached WeChat (it answered, or a timeout/reset after sending). */
  readonly maybeDelivered: boolean;
  readonly httpStatus: number | undefined;

  constructor(init: WeChatApiErrorInit) {
    super(`WeChat ${init.endpoint} failed: errcode ${init.errcode}, ${init.errmsg}`);
    this.name = "WeChatApiError";
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.endpoint = init.endpoint;
    this.errorClass = init.errorClass ?? errorClassOf(init.errcode);
    this.maybeDelivered = init.maybeDelivered ?? true;
    this.httpStatus = init.httpStatus;
    this.rid = init.rid ?? parseErrmsgDetails(init.errmsg).rid;
  }

  /** Plain-words explanation; the endpoint is filled in, context adds what the caller knows. */
  explain(context?: ExplainContext): ErrorExplanation {
    const explanation = explainWeChatError(this.errcode, this.errmsg, {
      endpoint: this.endpoint,
      ...context,
    });
    // The instance may carry a more precise class than the catalog (HTTP 5xx → retryable).
    return { ...explanation, errorClass: this.errorClass };
  }
}
