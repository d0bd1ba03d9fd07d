import { hash } from "node:crypto";
import type { IncomingMessage } from "@wxdesk/wechat";

/** Slack beyond the window pair: clock steps, slow stores, WeChat's retry spread (3 attempts, §9.3). */
const DEDUP_MARGIN_SECONDS = 60;

/**
 * How long a push (and the reply chosen for it) is remembered. A push signed at `t` is accepted while the
 * server clock reads anything from `t - window` to `t + window` (push-freshness.ts), so its first delivery
 * and a replay can be up to two windows apart: the key must live longer than that, or a replay late in the
 * window finds it gone and is acted on twice.
 */
export function dedupTtlMs(windowSeconds: number): number {
  return (2 * windowSeconds + DEDUP_MARGIN_SECONDS) * 1000;
}

/** A MsgId is a 64-bit integer (≤ 20 digits); anything else is hashed so the store key stays short. */
const PLAIN_MSG_ID = /^\d{1,24}$/;

function digest(text: string): string {
  return hash("sha256", text, "base64url");
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
