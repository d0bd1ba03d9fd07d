declare const sealed: unique symbol;

/**
 * A token after `TokenCipher.encrypt`. The brand makes it a type error to hand a plaintext
 * WeChat token to the store: user tokens must be encrypted at rest (DESIGN.md, "Callback
 * server behaviour"), and the store is typed to accept only this.
 */
export type SealedToken = string & { readonly [sealed]: true };

/** For storage code re-reading a value it previously stored; never use on plaintext. */
export function asSealedToken(stored: string): SealedToken {
  return stored as SealedToken;
}
