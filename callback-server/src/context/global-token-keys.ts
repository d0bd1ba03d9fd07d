import type { TokenSource } from "../config/server-config.js";

/** The store keys and lock names of one account's global credentials (`globalTokenKeys`). */
export interface GlobalTokenKeys {
  /** The sealed access_token cache. */
  accessToken: string;
  /** Held while one caller fetches the access_token (across instances). */
  accessTokenLock: string;
  /** Taken (put-if-absent, with a TTL) by the one caller allowed to renew a token WeChat refused. */
  renewal: string;
  /** Taken by the one caller that reports a refused token: one report per storm, not per request. */
  refusalReported: string;
  /** The sealed jsapi_ticket cache. */
  jsapiTicket: string;
  jsapiTicketLock: string;
}

/**
 * Every cached credential is keyed by the AppID (issue 9.2): a data folder, or a Redis, that served
 * one account must never hand its token or ticket to another when `WXDESK_APPID` changes — the menu
 * would go to the old account and JS-SDK pages would be signed with its ticket, silently, for up to
 * two hours. The access_token is also keyed by its source: a `stable_token` token and a
 * `cgi-bin/token` one are separate credentials (§6.2, "isolation"). The ticket belongs to the
 * account whichever token fetched it.
 */
export function globalTokenKeys(appid: string, source: TokenSource): GlobalTokenKeys {
  return {
    accessToken: `global:${appid}:${source}:access_token`,
    accessTokenLock: `global-token:${appid}:${source}`,
    renewal: `global:${appid}:${source}:access_token:renewal`,
    refusalReported: `global:${appid}:${source}:access_token:refusal_reported`,
    jsapiTicket: `global:${appid}:jsapi_ticket`,
    jsapiTicketLock: `jsapi-ticket:${appid}`,
  };
}

/** Both sources' access_token keys of an AppID: what "clear the cache" drops besides the ticket. */
export function accessTokenKeysOf(appid: string): string[] {
  return (["stable_token", "token"] as const).map((source) => globalTokenKeys(appid, source).accessToken);
}
