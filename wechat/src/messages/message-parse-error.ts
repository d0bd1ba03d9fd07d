export type MessageParseErrorCode = "too_large" | "forbidden_dtd" | "malformed" | "missing_field";

/** Thrown when pushed XML (or a reply body) cannot be trusted or read; callers switch on `code`. */
export class MessageParseError extends Error {
  readonly code: MessageParseErrorCode;

  constructor(code: MessageParseErrorCode, message: string) {
    super(message);
    this.name = "MessageParseError";
    this.code = code;
  }
}
