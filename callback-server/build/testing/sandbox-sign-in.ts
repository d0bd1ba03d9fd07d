import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { Browser } from "../../src/routes/oauth/testing/oauth-test-harness.js";
import { getJson } from "../../src/testing/test-server.js";

/** Test-only: a WeChat user signs in to a running server (built or not) through the sandbox, as on a phone. */

export interface SandboxUserRow {
  openid: string;
  nickname: string;
  snapshot: boolean;
}

export interface SignedIn {
  user: SandboxUserRow;
  /** Where /oauth/start sent the browser (the sandbox's authorize page). */
  authorize: URL;
  /** Status of each hop: start (302), callback (302), landing page (200). */
  statuses: { start: number; callback: number; landing: number };
  landingHtml: string;
}

/** A fixture user with a plain nickname (easy to find on the landing page), not in snapshot mode. */
export const plainUser =
  (skip: readonly string[] = []) =>
  (u: SandboxUserRow) =>
    !u.snapshot && /^[\p{L}\p{N}]+$/u.test(u.nickname) && !skip.includes(u.openid);

/**
 * /oauth/start → the sandbox's consent (允许) → /oauth/callback → the landing page. The callback
 * names the public URL; the request goes to `serverUrl`, the same server reached locally.
 */
export async function signInThroughSandbox(
  serverUrl: string,
  sandboxUrl: string,
  pick: (user: SandboxUserRow) => boolean,
): Promise<SignedIn> {
  const browser = new Browser();
  const start = await browser.fetch(`${serverUrl}/oauth/start?scope=snsapi_userinfo`);
  const authorize = new URL(start.headers.get("location") ?? "");
  const users = (await getJson<SandboxUserRow[]>(`${sandboxUrl}/_sandbox/users`)).body;
  const user = users.find(pick);
  if (!user) throw new Error("no sandbox user matches");
  const consent = await getJson<{ location: string }>(`${sandboxUrl}/_sandbox/consent`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      appid: SANDBOX_DEFAULTS.appid,
      redirect_uri: authorize.searchParams.get("redirect_uri"),
      scope: "snsapi_userinfo",
      state: authorize.searchParams.get("state"),
      openid: user.openid,
    }),
  });
  if (consent.status !== 200) throw new Error(`sandbox consent failed: ${consent.status}`);
  const callbackUrl = new URL(consent.body.location);
  const callback = await browser.fetch(`${serverUrl}${callbackUrl.pathname}${callbackUrl.search}`);
  const landing = await browser.fetch(new URL(callback.headers.get("location") ?? "/", serverUrl).href);
  return {
    user,
    authorize,
    statuses: { start: start.status, callback: callback.status, landing: landing.status },
    landingHtml: await landing.text(),
  };
}
