export interface ParsedAuthorizeUrl {
  appid?: string;
  redirectUri?: string;
  responseType?: string;
  scope?: string;
  state?: string;
  hasWechatRedirect: boolean;
}

const FIELDS = [
  ["appid", "appid"],
  ["redirect_uri", "redirectUri"],
  ["response_type", "responseType"],
  ["scope", "scope"],
  ["state", "state"],
] as const;

/**
 * Reads an authorize link back, accepting any parameter order and extra params such as WxJava's
 * `connect_redirect=1` (§1.1). Never throws: fields that are absent stay absent.
 */
export function parseAuthorizeUrl(url: string): ParsedAuthorizeUrl {
  const hashAt = url.indexOf("#");
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? "" : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf("?");
  const params = new URLSearchParams(queryAt === -1 ? "" : beforeHash.slice(queryAt + 1));
  const parsed: ParsedAuthorizeUrl = { hasWechatRedirect: fragment === "wechat_redirect" };
  for (const [wire, name] of FIELDS) {
    const value = params.get(wire);
    if (value !== null) parsed[name] = value;
  }
  return parsed;
}
