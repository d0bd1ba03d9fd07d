export type MessageCryptoErrorCode = "bad_key" | "bad_signature" | "bad_padding" | "bad_appid" | "malformed";

/** Thrown by safe-mode encryption/decryption (§9.4); callers switch on `code`. */
export class MessageCryptoError extends Error {
  readonly code: MessageCryptoErrorCode;

  constructor(code: MessageCryptoErrorCode, message: string) {
    super(message);
    this.name = "MessageCryptoError";
    this.code = code;
  }
}
