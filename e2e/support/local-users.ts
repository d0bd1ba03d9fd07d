import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTokenCipher, SqliteStore } from "@wxdesk/callback-server";
import { authorizeThroughSandbox } from "../../electron/src/desk/testing/local-desk.js";
import type { BuiltLinks } from "../../electron/src/desk-api.js";
import type { DeskBridge } from "./desk-bridge.js";

/**
 * The user tokens the local callback server keeps for `openid`, in clear: read from its SQLite file
 * (`<dataDir>/local/wxdesk.db`) and unsealed with its token key (`<dataDir>/local/token-key`), which is
 * what a test needs to prove they never reach the page.
 */
export async function storedTokens(desk: DeskBridge, openid: string): Promise<string[]> {
  const local = join(desk.dataDir, "local");
  const cipher = createTokenCipher(readFileSync(join(local, "token-key"), "utf8").trim());
  const store = new SqliteStore({ path: join(local, "wxdesk.db") });
  try {
    const user = await store.getUser(openid);
    if (!user) throw new Error(`the local server has not stored ${openid}`);
    return [cipher.decrypt(user.tokens.accessTokenEnc), cipher.decrypt(user.tokens.refreshTokenEnc)];
  } finally {
    await store.close();
  }
}

/** A start link of the local server (needs the admin profile active: building links is for admins). */
export async function buildStartLink(
  desk: DeskBridge,
  scope: "snsapi_base" | "snsapi_userinfo" = "snsapi_userinfo",
): Promise<string> {
  const links = (await desk.host.call("links.build", [{ scope, next: "/" }])) as BuiltLinks;
  return links.startUrl;
}

/** One authorization as `openid` through `startUrl`, made outside the browser (start link → sandbox consent → callback). */
export async function authorizeInBackground(
  desk: DeskBridge,
  startUrl: string,
  openid: string,
): Promise<void> {
  await authorizeThroughSandbox(desk.sandboxUrl, startUrl, openid);
}
