import { readCreateTime } from "./create-time.js";
import { MessageParseError } from "./message-parse-error.js";
import type { EventMessage, IncomingMessage, MessageHeader } from "./message-types.js";
import { childElement, parseXmlSafely, type XmlElement } from "./safe-xml.js";

/** Reads fields of one element, throwing `missing_field` with the WeChat name when a required one is absent. */
class Fields {
  constructor(
    private readonly element: XmlElement,
    private readonly where: string,
  ) {}

  optional(name: string): string | undefined {
    return this.element.children.find((child) => child.name === name)?.text;
  }

  text(name: string): string {
    return this.optional(name) ?? "";
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined || value.trim() === "") {
      throw new MessageParseError("missing_field", `${this.where}${name} is missing`);
    }
    return value;
  }

  number(name: string): number {
    const value = Number(this.required(name).trim());
    if (!Number.isFinite(value)) {
      throw new MessageParseError("malformed", `${this.where}${name} is not a number`);
    }
    return value;
  }

  child(name: string): Fields {
    const element = childElement(this.element, name);
    if (!element) throw new MessageParseError("missing_field", `${this.where}${name} is missing`);
    return new Fields(element, `${this.where}${name}.`);
  }

  /** Every direct child called `name`, e.g. the `<item>`s of a list. */
  all(name: string): Fields[] {
    return this.element.children
      .filter((child) => child.name === name)
      .map((child) => new Fields(child, `${this.where}${name}.`));
  }
}

function rawFields(root: XmlElement): Record<string, string> {
  // Object.fromEntries defines own properties, so a field named "__proto__" cannot touch the prototype.
  const seen = new Set<string>();
  const entries: Array<[string, string]> = [];
  for (const child of root.children) {
    if (child.children.length > 0 || seen.has(child.name)) continue;
    seen.add(child.name);
    entries.push([child.name, child.text]);
  }
  return Object.fromEntries(entries);
}

function parseEvent(f: Fields, header: MessageHeader, event: string): EventMessage | undefined {
  const base = { ...header, msgType: "event" as const, eventKey: f.text("EventKey") };
  switch (event) {
    case "subscribe": {
      // §9.2: a follow through a parametric QR code carries EventKey `qrscene_<scene>` and a Ticket.
      const ticket = f.optional("Ticket");
      const scene = base.eventKey.startsWith("qrscene_") ? base.eventKey.slice("qrscene_".length) : undefined;
      return { ...base, event, ...(ticket ? { ticket } : {}), ...(scene !== undefined ? { scene } : {}) };
    }
    case "unsubscribe":
      return { ...base, event };
    case "SCAN": {
      const ticket = f.optional("Ticket");
      return { ...base, event, ...(ticket ? { ticket } : {}) };
    }
    case "LOCATION":
      return {
        ...base,
        event,
        latitude: f.number("Latitude"),
        longitude: f.number("Longitude"),
        precision: f.number("Precision"),
      };
    case "CLICK":
      return { ...base, event };
    case "VIEW":
    case "view_miniprogram": {
      const menuId = f.optional("MenuId");
      return { ...base, event, ...(menuId ? { menuId } : {}) };
    }
    case "scancode_push":
    case "scancode_waitmsg": {
      const info = f.child("ScanCodeInfo");
      return {
        ...base,
        event,
        scanCodeInfo: { scanType: info.text("ScanType"), scanResult: info.text("ScanResult") },
      };
    }
    case "pic_sysphoto":
    case "pic_photo_or_album":
    case "pic_weixin": {
      const info = f.child("SendPicsInfo");
      // PicList may be absent when Count is 0; each picture is an <item> (§9.2).
      const picList = info
        .all("PicList")
        .flatMap((list) => list.all("item"))
        .map((item) => ({ picMd5Sum: item.text("PicMd5Sum") }));
      return { ...base, event, sendPicsInfo: { count: info.number("Count"), picList } };
    }
    case "location_select": {
      const info = f.child("SendLocationInfo");
      return {
        ...base,
        event,
        sendLocationInfo: {
          locationX: info.number("Location_X"),
          locationY: info.number("Location_Y"),
          scale: info.number("Scale"),
          label: info.text("Label"),
          poiname: info.text("Poiname"),
        },
      };
    }
    default:
      return undefined;
  }
}

/**
 * Parses a pushed message or event (§9.2) into a typed object. The XML goes through the safe parser first
 * (size limit, DTD ban, no entity expansion). Throws MessageParseError.
 */
export function parseMessageXml(xml: string, options: { maxBytes?: number } = {}): IncomingMessage {
  const root = parseXmlSafely(xml, options);
  const f = new Fields(root, "");
  const createTime = readCreateTime(f.required("CreateTime"));
  const header: MessageHeader = {
    toUserName: f.required("ToUserName"),
    fromUserName: f.required("FromUserName"),
    createTime,
    raw: rawFields(root),
  };
  const msgType = f.required("MsgType");
  const msgId = (): string => f.required("MsgId").trim();
  switch (msgType) {
    case "text":
      return { ...header, msgType, msgId: msgId(), content: f.text("Content") };
    case "image":
      return { ...header, msgType, msgId: msgId(), picUrl: f.text("PicUrl"), mediaId: f.text("MediaId") };
    case "voice": {
      const recognition = f.optional("Recognition");
      return {
        ...header,
        msgType,
        msgId: msgId(),
        mediaId: f.text("MediaId"),
        format: f.text("Format"),
        ...(recognition !== undefined ? { recognition } : {}),
      };
    }
    case "video":
    case "shortvideo":
      return {
        ...header,
        msgType,
        msgId: msgId(),
        mediaId: f.text("MediaId"),
        thumbMediaId: f.text("ThumbMediaId"),
      };
    case "location":
      return {
        ...header,
        msgType,
        msgId: msgId(),
        locationX: f.number("Location_X"),
        locationY: f.number("Location_Y"),
        scale: f.number("Scale"),
        label: f.text("Label"),
      };
    case "link":
      return {
        ...header,
        msgType,
        msgId: msgId(),
        title: f.text("Title"),
        description: f.text("Description"),
        url: f.text("Url"),
      };
    case "event": {
      const event = f.required("Event");
      const parsed = parseEvent(f, header, event);
      if (parsed) return parsed;
      return { ...header, msgType: "unknown", originalMsgType: msgType, event };
    }
    default: {
      const id = f.optional("MsgId")?.trim();
      return { ...header, msgType: "unknown", originalMsgType: msgType, ...(id ? { msgId: id } : {}) };
    }
  }
}
