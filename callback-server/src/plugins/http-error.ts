/**
 * Throw this from a route for a planned 4xx/5xx; the error handler answers it as
 * `{error: {code, message, messageZh}}`. (Or call `sendError` directly.)
 */
export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly statusCode: number;
  readonly code: string;
  readonly messageZh: string;

  constructor(statusCode: number, code: string, message: string, messageZh: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.messageZh = messageZh;
  }
}
