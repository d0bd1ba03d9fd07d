/** The query parameters WeChat puts on push requests (§9.1, §9.2, §9.4). */
export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  encrypt_type?: string;
  msg_signature?: string;
  openid?: string;
}

/** Every query parameter the push routes read. */
export const PUSH_QUERY_NAMES = [
  "signature",
  "timestamp",
  "nonce",
  "echostr",
  "encrypt_type",
  "msg_signature",
  "openid",
] as const;

/**
 * Reads the known parameters from Fastify's parsed query. A repeated parameter (`?nonce=a&nonce=b`) arrives
 * as an array; it is dropped rather than guessed at, so the signature check that follows fails cleanly.
 */
export function readPushQuery(query: unknown): PushQuery {
  const out: PushQuery = {};
  if (typeof query !== "object" || query === null) return out;
  const source = query as Record<string, unknown>;
  for (const name of PUSH_QUERY_NAMES) {
    const value = Object.hasOwn(source, name) ? source[name] : undefined;
    if (typeof value === "string") out[name] = value;
  }
  return out;
}
