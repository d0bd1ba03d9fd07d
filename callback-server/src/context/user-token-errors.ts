/** Why a user-token operation could not even start. Routes switch on `code`. */
export type UserTokenErrorCode = "snapshot_user" | "unknown_user" | "needs_reauth" | "token_undecryptable";

/**
 * `snapshot_user`: `recordAuthorization` refuses `is_snapshotuser: 1` tokens — their openid is
 * virtual (protocol sheet §1.3) and must never become a stored user; the OAuth routes show guest
 * mode instead. `needs_reauth` carries the WeChat errcode that ended the grant. `token_undecryptable`:
 * the stored tokens do not open with this server's token-key (lost or changed) — WeChat was not asked.
 */
export class UserTokenError extends Error {
  override readonly name = "UserTokenError";
  readonly code: UserTokenErrorCode;
  readonly errcode: number | undefined;

  constructor(code: UserTokenErrorCode, message: string, errcode?: number) {
    super(message);
    this.code = code;
    this.errcode = errcode;
  }
}
