import type { AppContext } from "../app-context.js";
import { AppRegistry } from "./app-registry.js";
import { type LiveProvider, ProviderHolder } from "./provider-holder.js";
import { SignInLog } from "./sign-in-log.js";
import { SigningKeys, type SigningKeyTimes } from "./signing-keys.js";

export interface OidcOptions extends Partial<SigningKeyTimes> {
  /** How often an instance reads the signing keys again (default 30 s). */
  keyRefreshMs?: number;
  /** Failures inside the provider (ours, never a caller's); default: ignored. */
  onServerError?: (error: unknown, path: string) => void;
}

/**
 * The account's OpenID Connect provider and what the admin API manages of it: the apps, the
 * signing keys and who signed in where. One per server process (`buildApp`).
 */
export interface OidcGateway {
  apps: AppRegistry;
  keys: SigningKeys;
  signIns: SignInLog;
  /** The provider with the current keys. */
  provider(): Promise<LiveProvider>;
  /** Read the keys now (after a rotation here; other instances follow within `keyRefreshMs`). */
  refreshKeys(): Promise<void>;
}

const DEFAULT_TIMES: SigningKeyTimes = {
  // Every instance re-reads the keys within 30 s; RP libraries re-fetch a JWKS on an unknown kid.
  publishAheadMs: 10 * 60_000,
  // Id tokens live an hour; a day leaves room for clocks and late verifications.
  keepRetiredMs: 24 * 3_600_000,
  rotateAfterMs: 90 * 24 * 3_600_000,
};

export function createOidcGateway(ctx: AppContext, options: OidcOptions = {}): OidcGateway {
  const { store, cipher, clock, events, config } = ctx;
  const apps = new AppRegistry({ store, cipher, clock, configured: config.oidcClients });
  const keys = new SigningKeys(
    { store, cipher, clock },
    {
      publishAheadMs: options.publishAheadMs ?? DEFAULT_TIMES.publishAheadMs,
      keepRetiredMs: options.keepRetiredMs ?? DEFAULT_TIMES.keepRetiredMs,
      rotateAfterMs: options.rotateAfterMs ?? DEFAULT_TIMES.rotateAfterMs,
    },
  );
  const signIns = new SignInLog({ store, events, clock, apps });
  const onServerError = options.onServerError ?? (() => {});
  const holder = new ProviderHolder({
    keys,
    clock,
    refreshMs: options.keyRefreshMs ?? 30_000,
    // oidc-provider (with Koa and jose, about 10 MB) loads with the first sign-in, not at start.
    build: async (keySet) => {
      const { createProvider } = await import("./provider-factory.js");
      return createProvider({ config, store, cipher, apps, clock }, keySet, {
        onServerError,
        onSignIn: (koa) => {
          const client = koa.oidc.client;
          const openid = koa.oidc.account?.accountId;
          if (!client || !openid) return;
          signIns
            .record({ clientId: client.clientId, appName: client.clientName ?? client.clientId, openid })
            .catch((error: unknown) => onServerError(error, koa.path));
        },
      });
    },
  });
  return {
    apps,
    keys,
    signIns,
    provider: () => holder.current(),
    async refreshKeys() {
      await holder.refresh();
    },
  };
}
