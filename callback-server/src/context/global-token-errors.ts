import { WeChatApiError } from "@wxdesk/wechat";

/**
 * WeChat refused the global access_token (40001/42001/40014) although this server renewed it moments
 * ago, and the one renewal allowed per interval is spent: asking again would only start a token
 * storm (issue 8.11). Still a `WeChatApiError` (same errcode, endpoint, explanation), so callers and
 * the error handler treat it as WeChat's refusal (502 `wechat_error`); the handler adds these words
 * and `Retry-After`.
 */
export class GlobalTokenRefusedError extends WeChatApiError {
  /** When this server may renew the token again (seconds from now, at least 1). */
  readonly retryAfterSeconds: number;
  readonly wordsZh: string;
  readonly wordsEn: string;

  constructor(refused: WeChatApiError, retryAfterSeconds: number) {
    super({
      errcode: refused.errcode,
      errmsg: refused.errmsg,
      endpoint: refused.endpoint,
      errorClass: refused.errorClass,
      maybeDelivered: refused.maybeDelivered,
      ...(refused.httpStatus === undefined ? {} : { httpStatus: refused.httpStatus }),
      ...(refused.rid === undefined ? {} : { rid: refused.rid }),
    });
    this.name = "GlobalTokenRefusedError";
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
    this.wordsZh =
      `服务器刚刚重新获取了 access_token，微信仍然拒绝它（错误码 ${refused.errcode}）。` +
      "最可能是另一个系统在用同一个 AppSecret 获取令牌（它每取一次，这里的令牌就作废），" +
      "也可能是服务器 IP 不在白名单里或公众号没有这个接口的权限。" +
      `为免反复获取耗尽额度，${this.retryAfterSeconds} 秒内不会再次获取；请先排除上述原因。`;
    this.wordsEn =
      `The server renewed the access_token moments ago and WeChat still refuses it (errcode ${refused.errcode}). ` +
      "Most likely another system gets tokens with the same AppSecret (each time it does, the token here is voided); " +
      "it may also be that this server's IP is not whitelisted or the account lacks the permission. " +
      `To avoid a token storm the server will not renew it again for ${this.retryAfterSeconds} s; fix the cause first.`;
  }
}
