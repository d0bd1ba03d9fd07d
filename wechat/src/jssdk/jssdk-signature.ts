import { hash } from "node:crypto";

/**
 * The `signature` for `wx.config` (§8.2): sha1 of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` — keys in
 * ASCII order, values not URL-escaped. The page URL is signed without its `#fragment`, because the browser
 * (and so the JS-SDK) never sends the fragment to WeChat.
 */
export function jssdkSignature(p: {
  ticket: string;
  nonceStr: string;
  timestamp: number | string;
  url: string;
}): string {
  const fragment = p.url.indexOf("#");
  const url = fragment === -1 ? p.url : p.url.slice(0, fragment);
  const text = `jsapi_ticket=${p.ticket}&noncestr=${p.nonceStr}&timestamp=${String(p.timestamp)}&url=${url}`;
  return hash("sha1", text, "hex");
}
