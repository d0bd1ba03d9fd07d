/**
 * Where the OpenID Connect provider lives. Everything of it is under `/oidc/` (the server's own
 * WeChat flow is `/oauth/*`), except the discovery document, which OpenID Connect Discovery puts at
 * `<issuer>/.well-known/openid-configuration`. Imports nothing: the OAuth routes read it too.
 */
export const OIDC_PREFIX = "/oidc";
export const DISCOVERY_PATH = "/.well-known/openid-configuration";
/** The login step: ours (Fastify), not oidc-provider's. */
export const INTERACTION_PREFIX = `${OIDC_PREFIX}/interaction/`;

/**
 * oidc-provider's routes (its `routes` option), by its route name. Features that are switched
 * off keep a path under the prefix too, so nothing of the provider can land outside it.
 */
export const PROVIDER_ROUTES = {
  authorization: `${OIDC_PREFIX}/auth`,
  token: `${OIDC_PREFIX}/token`,
  jwks: `${OIDC_PREFIX}/jwks`,
  userinfo: `${OIDC_PREFIX}/userinfo`,
  pushed_authorization_request: `${OIDC_PREFIX}/request`,
  revocation: `${OIDC_PREFIX}/token/revocation`,
  introspection: `${OIDC_PREFIX}/token/introspection`,
  end_session: `${OIDC_PREFIX}/session/end`,
  registration: `${OIDC_PREFIX}/reg`,
  backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
  code_verification: `${OIDC_PREFIX}/device`,
  device_authorization: `${OIDC_PREFIX}/device/auth`,
  challenge: `${OIDC_PREFIX}/challenge`,
  credential: `${OIDC_PREFIX}/credential`,
} as const;

/** The login step's first address: the provider sends the browser here. */
export function interactionPath(uid: string): string {
  return `${INTERACTION_PREFIX}${encodeURIComponent(uid)}`;
}

/** Where the browser comes back after the WeChat round trip (`next` of `/oauth/start`). */
export function interactionReturnPath(uid: string): string {
  return `${interactionPath(uid)}/login`;
}

/** A `next` that is an OpenID Connect login step: it answers snapshot guests and refusals itself. */
export function isInteractionReturn(next: string): boolean {
  return next.startsWith(INTERACTION_PREFIX) && next.endsWith("/login");
}
