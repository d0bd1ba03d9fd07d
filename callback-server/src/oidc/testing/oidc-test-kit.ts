import * as client from "openid-client";
import type { OidcClientConfig } from "../../config/oidc-clients.js";
import {
  authorizeInSandbox,
  Browser,
  isAuthorizeUrl,
  type OAuthHarness,
  type OAuthHarnessOptions,
  startOAuthHarness,
} from "../../routes/oauth/testing/oauth-test-harness.js";
import type { StoredEvent } from "../../store/store-types.js";

/** Test-only: the relying parties' side, with panva's `openid-client` (someone else's RP code). */

/** Where the apps of these tests say they live; nothing listens there: the browser stops at it. */
export const APP_ORIGIN = "http://127.0.0.1:9";
export const APP_CALLBACK = `${APP_ORIGIN}/callback`;

export const SHOP: OidcClientConfig = {
  clientId: "shop",
  clientSecret: "shop-secret-0123456789abcdefghijklmnop",
  redirectUris: [APP_CALLBACK],
  name: "商城",
  sub: "openid",
  scopes: ["openid", "profile"],
};

/** A page-only app: no secret, PKCE required. */
export const SPA: OidcClientConfig = {
  clientId: "spa",
  redirectUris: [APP_CALLBACK],
  name: "活动页",
  sub: "openid",
  scopes: ["openid", "profile"],
};

export async function startOidcHarness(
  options: OAuthHarnessOptions & { clients?: OidcClientConfig[] } = {},
): Promise<OAuthHarness> {
  const { clients, ...rest } = options;
  return startOAuthHarness({ ...rest, config: { oidcClients: clients ?? [SHOP, SPA], ...rest.config } });
}

/** The app's view of the provider: discovery through openid-client, over plain http on loopback. */
export async function rpConfig(
  h: OAuthHarness,
  app: { clientId: string; clientSecret?: string | undefined },
): Promise<client.Configuration> {
  const config = await client.discovery(
    new URL(h.config.publicUrl),
    app.clientId,
    app.clientSecret,
    app.clientSecret === undefined ? client.None() : undefined,
    {
      execute: [client.allowInsecureRequests],
      // The public URL may be https in a test; the app reaches the same server over http.
      [client.customFetch]: (url, options) => fetch(toServer(h, url), options as RequestInit),
    },
  );
  // Verify the id_token's signature against the JWKS too (openid-client skips it by default for
  // tokens that came straight from the token endpoint).
  client.enableNonRepudiationChecks(config);
  return config;
}

export interface Authorization {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

/** An authorization URL as the app builds it: PKCE S256, state, nonce. */
export async function authorizationUrl(
  config: client.Configuration,
  params: { scope: string; redirectUri?: string; extra?: Record<string, string> },
): Promise<Authorization> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: params.redirectUri ?? APP_CALLBACK,
    scope: params.scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...params.extra,
  });
  return { url, verifier, state, nonce };
}

export interface BrowserTrip {
  /** Where the browser was sent back to the app (its redirect_uri with code or error), if it was. */
  appUrl?: URL;
  /** The last answer when the trip ended on a page of ours. */
  page?: Response;
  /** Times through WeChat's authorize page. */
  wechatAuthorizations: number;
}

/**
 * A browser from the app's authorization URL until it is sent back to the app: our redirects, and
 * WeChat's authorize page (the sandbox's, as `openid`) whenever the server sends it there.
 */
export async function browseToApp(
  h: OAuthHarness,
  browser: Browser,
  start: URL | string,
  openid: string,
  options: { decision?: "allow" | "deny"; maxHops?: number } = {},
): Promise<BrowserTrip> {
  const maxHops = options.maxHops ?? 20;
  let current = new URL(start).href;
  let wechatAuthorizations = 0;
  for (let hop = 0; hop < maxHops; hop++) {
    if (current.startsWith(APP_ORIGIN)) return { appUrl: new URL(current), wechatAuthorizations };
    if (isAuthorizeUrl(h, current)) {
      wechatAuthorizations++;
      current = await authorizeInSandbox(h, current, openid, options.decision);
      continue;
    }
    let response = await browser.fetch(toServer(h, current));
    if (response.status === 200) {
      // oidc-provider's auto-submitting form (it ends the previous account's session when another
      // WeChat user signs in): a browser posts it at once.
      const html = await response.text();
      const form = autoSubmitForm(html);
      if (!form)
        return { page: new Response(html, { status: 200, headers: response.headers }), wechatAuthorizations };
      response = await browser.fetch(toServer(h, form.action), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.fields.toString(),
      });
    }
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) {
      return { page: response, wechatAuthorizations };
    }
    current = new URL(location, current).href;
  }
  throw new Error(`the browser did not get back to the app within ${maxHops} hops`);
}

function autoSubmitForm(html: string): { action: string; fields: URLSearchParams } | undefined {
  if (!html.includes("document.forms[0].submit()")) return undefined;
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) return undefined;
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) {
    fields.set(match[1] ?? "", match[2] ?? "");
  }
  return { action, fields };
}

/** Our public URL may be https in a test; the browser reaches the same server over http. */
function toServer(h: OAuthHarness, url: string): string {
  const parsed = new URL(url);
  if (parsed.origin !== new URL(h.config.publicUrl).origin) return url;
  const local = new URL(h.url);
  parsed.protocol = local.protocol;
  parsed.host = local.host;
  return parsed.href;
}

/** The app's token request for the code on `appUrl`, checked against its own authorization request. */
export function redeemCode(config: client.Configuration, appUrl: URL, authorization: Authorization) {
  return client.authorizationCodeGrant(config, appUrl, {
    pkceCodeVerifier: authorization.verifier,
    expectedState: authorization.state,
    expectedNonce: authorization.nonce,
  });
}

/** The whole sign-in as an app does it: returns the token response, the id_token claims and userinfo. */
export async function signInToApp(
  h: OAuthHarness,
  app: { clientId: string; clientSecret?: string | undefined },
  p: { scope: string; openid: string; browser?: Browser },
) {
  const config = await rpConfig(h, app);
  const authorization = await authorizationUrl(config, { scope: p.scope });
  const trip = await browseToApp(h, p.browser ?? new Browser(), authorization.url, p.openid);
  if (!trip.appUrl)
    throw new Error(`no redirect back to the app: ${trip.page?.status} ${await trip.page?.text()}`);
  const tokens = await redeemCode(config, trip.appUrl, authorization);
  const claims = tokens.claims();
  if (!claims) throw new Error("no id_token");
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return { config, tokens, claims, userinfo, trip };
}

/** The app's side of a refusal: the error parameters on its redirect_uri. */
export function appError(trip: BrowserTrip): { error: string | null; description: string | null } {
  if (!trip.appUrl) throw new Error(`the browser did not get back to the app (${trip.page?.status})`);
  return {
    error: trip.appUrl.searchParams.get("error"),
    description: trip.appUrl.searchParams.get("error_description"),
  };
}

/** The next event of `type` on this instance's bus (subscribed before the action that makes it). */
export function nextEvent(h: OAuthHarness, type: string, timeoutMs = 5_000): Promise<StoredEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = h.ctx.events.subscribe((event) => {
      if (event.type !== type) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}
