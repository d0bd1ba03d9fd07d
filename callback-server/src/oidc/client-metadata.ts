import type { Adapter, AdapterPayload } from "oidc-provider";
import type { AppRegistry, AppWithSecret } from "./app-registry.js";

/**
 * An app as oidc-provider's client metadata. Code flow only (no implicit, no refresh tokens); id
 * tokens ES256. A secret means `client_secret_basic` (oidc-provider then also takes
 * `client_secret_post`); none means a public client (`none`, PKCE required). `sub: "unionid"` rides
 * on oidc-provider's per-client subject hook (`subject_type: "pairwise"` + `pairwiseIdentifier`).
 */
export function clientMetadata({ app, secret }: AppWithSecret): AdapterPayload {
  return {
    client_id: app.clientId,
    client_name: app.name,
    application_type: "web",
    redirect_uris: [...app.redirectUris],
    response_types: ["code"],
    grant_types: ["authorization_code"],
    id_token_signed_response_alg: "ES256",
    scope: app.scopes.join(" "),
    subject_type: app.sub === "unionid" ? "pairwise" : "public",
    ...(secret === undefined
      ? { token_endpoint_auth_method: "none" }
      : { token_endpoint_auth_method: "client_secret_basic", client_secret: secret }),
  };
}

/**
 * oidc-provider's `Client` model reads the registry on every lookup (it caches the built client by
 * the metadata's hash, so a changed secret is a new client at once). Registration is off: nothing
 * ever writes clients through the adapter.
 */
export function clientAdapter(apps: AppRegistry): Adapter {
  const readOnly = async () => {
    throw new Error("clients are managed by the admin API, not through oidc-provider");
  };
  return {
    async find(id) {
      const found = await apps.withSecret(id);
      return found ? clientMetadata(found) : undefined;
    },
    upsert: readOnly,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
  };
}
