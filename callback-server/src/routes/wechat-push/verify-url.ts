import { pushSignature, verifySignature } from "@wxdesk/wechat";
import type { PushQuery } from "./push-query.js";
import { BAD_SIGNATURE, NOT_CONFIGURED, type PushResponse, textResponse } from "./push-response.js";

/** Enough for WeChat's echostr (a 19-digit number) with room to spare; a longer one is not WeChat. */
const MAX_ECHOSTR = 512;

/**
 * True when `signature` is sha1(sorted(token, timestamp, nonce)) — checked on the URL verification and on
 * every push (§9.1, §9.2), in constant time.
 */
export function hasValidSignature(token: string, query: PushQuery): boolean {
  const { signature, timestamp, nonce } = query;
  if (signature === undefined || timestamp === undefined || nonce === undefined) return false;
  return verifySignature(pushSignature(token, timestamp, nonce), signature);
}

/**
 * URL verification (§9.1): WeChat saves the server URL only if the body is exactly `echostr`. For Official
 * Accounts the echostr is plain text even in safe mode, so it is echoed as is.
 */
export function verifyUrl(token: string | undefined, query: PushQuery): PushResponse {
  if (token === undefined) return NOT_CONFIGURED;
  if (!hasValidSignature(token, query)) return BAD_SIGNATURE;
  const { echostr } = query;
  if (echostr === undefined || echostr === "" || echostr.length > MAX_ECHOSTR) {
    return textResponse(400, "缺少 echostr / echostr is missing or too long");
  }
  return textResponse(200, echostr);
}
