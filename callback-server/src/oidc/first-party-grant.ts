import type { Grant, KoaContextWithOIDC, default as Provider } from "oidc-provider";

export interface GrantRequest {
  accountId: string;
  clientId: string;
  /** Already only what the app may ask (oidc-provider refuses other known scopes: invalid_scope). */
  scopes: readonly string[];
  /** The grant this browser already has for the app, if any. */
  grantId?: string | undefined;
}

/**
 * Apps here are the account's own (registered by its admin), so there is no consent screen: the
 * grant simply holds the scopes the app asked for, within what it is allowed. An existing grant of
 * the same user and app is extended rather than replaced; it is written only when it changed.
 */
export async function firstPartyGrant(provider: Provider, request: GrantRequest): Promise<Grant> {
  const existing = request.grantId ? await provider.Grant.find(request.grantId) : undefined;
  const grant =
    existing && existing.accountId === request.accountId && existing.clientId === request.clientId
      ? existing
      : new provider.Grant({ accountId: request.accountId, clientId: request.clientId });
  const granted = new Set(grant.getOIDCScope().split(" "));
  if (!grant.jti || request.scopes.some((scope) => !granted.has(scope))) {
    grant.addOIDCScope([...request.scopes]);
    await grant.save();
  }
  return grant;
}

/** oidc-provider's `loadExistingGrant`: called once the user is known, before it would ask consent. */
export async function loadFirstPartyGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const accountId = oidc.session?.accountId;
  const client = oidc.client;
  if (!accountId || !client) return undefined;
  return firstPartyGrant(oidc.provider, {
    accountId,
    clientId: client.clientId,
    scopes: [...oidc.requestParamOIDCScopes],
    grantId: oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId),
  });
}
