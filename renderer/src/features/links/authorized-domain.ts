/**
 * The host WeChat must accept as the 网页授权域名 for this server's links: the host of the direct link's
 * redirect_uri when a link was built (the server's public URL, what WeChat really sees), else the host of
 * the active profile's server address.
 */
export function defaultAuthorizedDomain(
  directUrl: string | undefined,
  serverUrl: string | undefined,
): string {
  if (directUrl) {
    try {
      const redirect = new URL(directUrl).searchParams.get("redirect_uri");
      if (redirect) return new URL(redirect).hostname;
    } catch {
      // Fall back to the profile's address.
    }
  }
  if (serverUrl) {
    try {
      return new URL(serverUrl).hostname;
    } catch {
      return "";
    }
  }
  return "";
}
