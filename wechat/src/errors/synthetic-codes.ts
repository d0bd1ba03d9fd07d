// Codes for failures that never got a WeChat errcode. Negative and far from -1 so they can never
// collide with a real WeChat code.

/** Connection refused/reset, DNS failure… → retryable. */
export const ERR_NETWORK = -10001;
/** The per-call timeout expired → retryable. */
export const ERR_TIMEOUT = -10002;
/** Non-JSON body, schema mismatch, or HTTP error status → unexpected (HTTP 5xx → retryable). */
export const ERR_BAD_RESPONSE = -10003;
