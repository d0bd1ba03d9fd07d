import type { IncomingMessage } from "@wxdesk/wechat";
import type { ReplyConfig, ReplySettings } from "../../store/store-types.js";

/** Only a menu `CLICK` or a `subscribe` can have a configured reply; the rest skip the store read. */
export function mayHaveReply(message: IncomingMessage): boolean {
  return message.msgType === "event" && (message.event === "CLICK" || message.event === "subscribe");
}

/**
 * The configured passive reply for a push, if any: a menu `CLICK` with a configured button key, or a
 * `subscribe` (also when it came through a parametric QR code). Everything else gets no reply (`success`).
 */
export function chooseReply(message: IncomingMessage, settings: ReplySettings): ReplyConfig | undefined {
  if (message.msgType !== "event") return undefined;
  if (message.event === "subscribe") return settings.subscribe;
  if (message.event === "CLICK") {
    // Own keys only: a button key such as "constructor" or "__proto__" must not resolve to Object.prototype.
    const click = settings.click;
    return Object.hasOwn(click, message.eventKey) ? click[message.eventKey] : undefined;
  }
  return undefined;
}
