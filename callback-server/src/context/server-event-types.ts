/**
 * The kinds of event the server records and streams (docs/admin-api.md "Events"). One list that
 * serves as the type and at run time: the desktop app subscribes to each by name (each SSE message
 * is named by its type), so it imports this list from the package root instead of restating it.
 */
export const SERVER_EVENT_TYPES = [
  "authorization",
  "refresh",
  "check",
  "failure",
  "menu",
  "message",
  "token_superseded",
  "token_cache_cleared",
  "token_key_replaced",
  /** Someone signed in to one of the account's apps through the OpenID Connect provider. */
  "app_sign_in",
  /** A service key was created or revoked (reading a token with one logs nothing). */
  "service_key",
] as const;

export type ServerEventType = (typeof SERVER_EVENT_TYPES)[number];
