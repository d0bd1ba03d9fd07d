import { createHmac } from "node:crypto";
import { pageLanguage } from "@wxdesk/wechat/plain-words";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import type { Clock } from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import { appSignInErrorPage } from "../pages/app-sign-in-pages.js";
import { type Page, pageIn } from "../pages/layout.js";
import { unavailablePage } from "../pages/oauth-pages.js";
import { StoreUnavailableError } from "../store/store-errors.js";
import type { Store } from "../store/store-types.js";
import { accountFinder, SCOPE_CLAIMS, unionidSubject } from "./account-claims.js";
import type { AppRegistry } from "./app-registry.js";
import { clientAdapter } from "./client-metadata.js";
import { loadFirstPartyGrant } from "./first-party-grant.js";
import { loginPolicy } from "./login-policy.js";
import { interactionPath, PROVIDER_ROUTES } from "./oidc-paths.js";
import type { KeySet } from "./signing-keys.js";
import { storeAdapterFactory } from "./store-adapter.js";

/** Lifetimes (seconds). The login step is one WeChat round trip; the OAuth state lives 10 minutes too. */
export const TTL_S = {
  AccessToken: 3600,
  AuthorizationCode: 60,
  IdToken: 3600,
  Interaction: 600,
  /** As long as the `wxdesk_session` cookie. */
  Session: 7 * 24 * 3600,
  Grant: 7 * 24 * 3600,
} as const;

export interface ProviderDeps {
  config: Pick<ServerConfig, "publicUrl" | "sessionSecret">;
  store: Store;
  /** Seals what the adapter stores (the token cipher). */
  cipher: TokenCipher;
  apps: AppRegistry;
  clock: Clock;
}

export interface ProviderHooks {
  /** A code was exchanged for tokens: someone signed in to an app. */
  onSignIn(ctx: KoaContextWithOIDC): void;
  /** A failure of ours inside the provider (never a bad request), for the log. */
  onServerError(error: unknown, path: string): void;
}

/** Koa `ctx.state` flag: the failure was the store being down. */
const STORE_DOWN = "wxdeskStoreDown";

/**
 * An oidc-provider instance for `keys`. It is rebuilt when the keys change (provider-holder.ts);
 * everything else it keeps lives in the store, so instances come and go without losing sign-ins.
 */
export function createProvider(deps: ProviderDeps, keys: KeySet, hooks: ProviderHooks): Provider {
  const { config, store, apps } = deps;
  const storeAdapter = storeAdapterFactory(store, {
    revokedGrantTtlS: TTL_S.Grant + 3600,
    cipher: deps.cipher,
  });
  const configuration: Configuration = {
    adapter: (model: string) => (model === "Client" ? clientAdapter(apps) : storeAdapter(model)),
    jwks: { keys: keys.jwks },
    routes: PROVIDER_ROUTES,
    scopes: ["openid", "profile"],
    // The authorization code flow only: no tokens in URLs (implicit, hybrid).
    responseTypes: ["code"],
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "none"],
    claims: { openid: [...SCOPE_CLAIMS.openid], profile: [...SCOPE_CLAIMS.profile] },
    // Profile claims in the id_token too: many app frameworks read the user's name from it alone.
    conformIdTokenClaims: false,
    subjectTypes: ["public", "pairwise"],
    findAccount: accountFinder(store),
    pairwiseIdentifier: unionidSubject(store),
    loadExistingGrant: loadFirstPartyGrant,
    interactions: {
      url: (_ctx, interaction) => interactionPath(interaction.uid),
      policy: loginPolicy(config.sessionSecret, deps.clock),
    },
    // Public apps (no secret) must use PKCE; S256 is the only method oidc-provider takes.
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    // OpenID Connect requires redirect_uri; it is matched exactly against the registered ones.
    allowOmittingSingleRegisteredRedirectUri: false,
    clientDefaults: {
      grant_types: ["authorization_code"],
      response_types: ["code"],
      id_token_signed_response_alg: "ES256",
      token_endpoint_auth_method: "client_secret_basic",
    },
    // Browser-side apps may call userinfo / token from their own pages' origins, nobody else.
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) ?? false,
    cookies: {
      names: {
        session: "wxdesk_oidc_session",
        interaction: "wxdesk_oidc_interaction",
        resume: "wxdesk_oidc_resume",
      },
      long: { httpOnly: true, sameSite: "lax" },
      short: { httpOnly: true, sameSite: "lax" },
      keys: [createHmac("sha256", config.sessionSecret).update("wxdesk-oidc-cookies.v1").digest("base64url")],
    },
    features: {
      devInteractions: { enabled: false },
      // Apps sign out on their own side; the WeChat session is not ours to end from an app.
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: { enabled: false },
      userinfo: { enabled: true },
    },
    ttl: { ...TTL_S },
    renderError: async (ctx, out, error) => {
      const page: Page =
        error instanceof StoreUnavailableError
          ? unavailablePage(ctx.originalUrl.startsWith("/") ? ctx.originalUrl : "/")
          : appSignInErrorPage(
              String(out.error),
              typeof out.error_description === "string" ? out.error_description : undefined,
            );
      const chosen = pageIn(page, pageLanguage(ctx.headers));
      ctx.type = "html";
      ctx.set("cache-control", "no-store");
      ctx.set("content-security-policy", chosen.csp);
      ctx.set("referrer-policy", "no-referrer");
      ctx.set("x-frame-options", "DENY");
      ctx.body = chosen.html;
    },
  };

  const provider = new Provider(config.publicUrl, configuration);
  answerFromPublicUrl(provider, config.publicUrl);

  // The store down is no fault of ours or the caller's: 503 with Retry-After, like every route.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.status === 500 && ctx.state[STORE_DOWN] === true) {
      ctx.status = 503;
      ctx.set("retry-after", "5");
      if (!ctx.response.is("html")) {
        ctx.body = {
          error: "temporarily_unavailable",
          error_description: "The server cannot reach its data store right now; try again in a few seconds",
        };
      }
    }
  });
  provider.on("server_error", (ctx: KoaContextWithOIDC, error: unknown) => {
    if (error instanceof StoreUnavailableError) ctx.state[STORE_DOWN] = true;
    else hooks.onServerError(error, ctx.path);
  });
  provider.on("grant.success", (ctx: KoaContextWithOIDC) => {
    if (ctx.oidc.params?.grant_type === "authorization_code") hooks.onSignIn(ctx);
  });
  return provider;
}

/**
 * Every URL the provider builds (discovery, redirects, the resume address) and the cookies'
 * `Secure` flag come from WXDESK_PUBLIC_URL, as everywhere else in the server — never from the
 * request's Host or X-Forwarded-* headers, which a client can set.
 */
function answerFromPublicUrl(provider: Provider, publicUrl: string): void {
  const url = new URL(publicUrl);
  const protocol = url.protocol.slice(0, -1);
  Object.defineProperties(provider.request, {
    protocol: { get: () => protocol, configurable: true },
    host: { get: () => url.host, configurable: true },
    hostname: { get: () => url.hostname, configurable: true },
  });
}
