/** Why a token could not be encrypted or decrypted. Callers switch on `code`, not on messages. */
export type TokenCipherErrorCode = "bad-key" | "malformed" | "unsupported-version" | "auth-failed";

/**
 * Thrown by the token cipher. `auth-failed` means tampered ciphertext or the wrong key: both look
 * the same to AES-GCM on purpose, so we do not pretend to tell them apart.
 */
export class TokenCipherError extends Error {
  override readonly name = "TokenCipherError";
  readonly code: TokenCipherErrorCode;

  constructor(code: TokenCipherErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
