import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import * as client from "openid-client";
import { PhoneBrowser } from "./phone-browser.js";

/**
 * A connected app signing a sandbox user in, as a real one does with panva's `openid-client`:
 * discovery, an authorization URL with PKCE, the browser's trip (the server's redirects, WeChat's
 * consent given through the sandbox control API), the code exchanged for tokens, userinfo.
 */
export async function signInThroughApp(input: {
  serverUrl: string;
  sandboxUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  openid: string;
}): Promise<{ claims: client.IDToken; userinfo: client.UserInfoResponse }> {
  const config = await client.discovery(
    new URL(input.serverUrl),
    input.clientId,
    input.clientSecret,
    undefined,
    {
      execute: [client.allowInsecureRequests],
    },
  );
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: "openid profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
  });
  const back = await browse(new PhoneBrowser(), url.href, input);
  const tokens = await client.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("no id_token");
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return { claims, userinfo };
}

/** Redirect by redirect until the browser is sent to the app's address. */
async function browse(
  browser: PhoneBrowser,
  start: string,
  input: { sandboxUrl: string; redirectUri: string; openid: string },
): Promise<URL> {
  let current = start;
  for (let hop = 0; hop < 20; hop++) {
    if (current.startsWith(input.redirectUri)) return new URL(current);
    const url = new URL(current);
    if (
      url.origin === new URL(input.sandboxUrl).origin &&
      url.pathname.startsWith("/connect/oauth2/authorize")
    ) {
      const consent = await fetch(`${input.sandboxUrl}/_sandbox/consent`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          appid: SANDBOX_DEFAULTS.appid,
          redirect_uri: url.searchParams.get("redirect_uri"),
          scope: url.searchParams.get("scope"),
          state: url.searchParams.get("state"),
          openid: input.openid,
        }),
      });
      if (consent.status !== 200) throw new Error(`consent answered ${consent.status}`);
      current = ((await consent.json()) as { location: string }).location;
      continue;
    }
    const response = await browser.fetch(current);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) {
      throw new Error(`the trip stopped at ${current}: ${response.status} ${await response.text()}`);
    }
    current = new URL(location, current).href;
  }
  throw new Error("the browser did not get back to the app within 20 hops");
}
