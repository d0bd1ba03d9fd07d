import type { IncomingMessage } from "@wxdesk/wechat";

/** EventKey can be a whole URL (VIEW) or page path; the activity log keeps a readable prefix. */
const MAX_EVENT_KEY = 256;

/**
 * The `message` activity event for a handled push: what arrived and whether it was answered. The openid is
 * fine to show admins; the message content is not recorded (it is the user's private text).
 */
export function messageEventData(message: IncomingMessage, replied: boolean): Record<string, unknown> {
  const msgType = message.msgType === "unknown" ? message.originalMsgType : message.msgType;
  const data: Record<string, unknown> = { msgType, openid: message.fromUserName, replied };
  if ("event" in message && message.event !== undefined) data.event = message.event;
  if (message.msgType === "event" && message.eventKey !== "") {
    data.eventKey = message.eventKey.slice(0, MAX_EVENT_KEY);
  }
  return data;
}
