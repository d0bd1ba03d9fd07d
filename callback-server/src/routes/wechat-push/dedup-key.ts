import { createHash } from "node:crypto";
import type { IncomingMessage } from "@wxdesk/wechat";

/** How long a push is remembered: WeChat's three attempts (§9.3) all fall well inside a minute. */
export const DEDUP_TTL_MS = 60_000;

/** A MsgId is a 64-bit integer (≤ 20 digits); anything else is hashed so the store key stays short. */
const PLAIN_MSG_ID = /^\d{1,24}$/;

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/**
 * The store key that marks a push as seen (§9.3 de-dup rule). WeChat retries a push up to 3 times in total
 * when it gets no answer within 5 s, with the same body, so:
 * - user messages carry a 64-bit `MsgId` → de-dup by it;
 * - events have no MsgId → de-dup by `FromUserName + CreateTime` (the doc's recommendation), plus the
 *   event name and EventKey: a retry repeats them byte for byte, while two different buttons tapped in
 *   the same second are two pushes and must not be merged.
 */
export function dedupKey(message: IncomingMessage): string {
  const msgId = "msgId" in message ? message.msgId : undefined;
  if (msgId) return `push:dedup:msg:${PLAIN_MSG_ID.test(msgId) ? msgId : digest(msgId)}`;
  const event = "event" in message ? (message.event ?? "") : "";
  const eventKey = message.msgType === "event" ? message.eventKey : (message.raw.EventKey ?? "");
  // JSON keeps the parts apart whatever they contain; the hash bounds the key (EventKey may be a long URL).
  return `push:dedup:event:${digest(JSON.stringify([message.fromUserName, message.createTime, event, eventKey]))}`;
}
