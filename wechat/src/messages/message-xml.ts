import { element, type XmlValue } from "./xml-write.js";

function header(
  p: { toUserName: string; fromUserName: string; createTime: number },
  msgType: string,
): string {
  return (
    element("ToUserName", p.toUserName) +
    element("FromUserName", p.fromUserName) +
    element("CreateTime", Math.trunc(p.createTime)) +
    element("MsgType", msgType)
  );
}

/**
 * An event push as WeChat sends it (§9.2): single line, strings in CDATA, CreateTime bare. `extra` adds more
 * fields after EventKey, e.g. `{ MenuId: "1" }` or nested ones such as
 * `{ ScanCodeInfo: { ScanType: "qrcode", ScanResult: "x" } }` and `{ SendPicsInfo: { Count: 1, PicList: [{ PicMd5Sum: "…" }] } }`.
 */
export function buildEventXml(e: {
  toUserName: string;
  fromUserName: string;
  createTime: number;
  event: string;
  eventKey?: string;
  extra?: Record<string, XmlValue>;
}): string {
  const key = e.eventKey === undefined ? "" : element("EventKey", e.eventKey);
  const extra = Object.entries(e.extra ?? {})
    .map(([name, value]) => element(name, value))
    .join("");
  return `<xml>${header(e, "event")}${element("Event", e.event)}${key}${extra}</xml>`;
}

/** A user's text message as WeChat pushes it — byte-for-byte the §9.2 example layout. */
export function buildTextMessageXml(m: {
  toUserName: string;
  fromUserName: string;
  createTime: number;
  content: string;
  msgId: string;
}): string {
  // MsgId is a 64-bit integer kept as a string; it is written bare like WeChat does, so it must be digits.
  if (!/^\d+$/.test(m.msgId)) throw new TypeError("msgId must be a decimal integer string");
  return `<xml>${header(m, "text")}${element("Content", m.content)}<MsgId>${m.msgId}</MsgId></xml>`;
}
