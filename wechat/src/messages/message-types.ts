/** Fields every push carries (§9.2). `raw` holds every top-level text field by its WeChat name, extras included. */
export interface MessageHeader {
  toUserName: string;
  fromUserName: string;
  /** Unix seconds. */
  createTime: number;
  raw: Record<string, string>;
}

/** MsgId is a 64-bit integer: kept as a decimal string so it never loses precision (§9.2). */
interface UserMessage extends MessageHeader {
  msgId: string;
}

export interface TextMessage extends UserMessage {
  msgType: "text";
  content: string;
}

export interface ImageMessage extends UserMessage {
  msgType: "image";
  picUrl: string;
  mediaId: string;
}

export interface VoiceMessage extends UserMessage {
  msgType: "voice";
  mediaId: string;
  format: string;
  /** Speech recognition result, only when enabled for the account. */
  recognition?: string;
}

export interface VideoMessage extends UserMessage {
  msgType: "video" | "shortvideo";
  mediaId: string;
  thumbMediaId: string;
}

export interface LocationMessage extends UserMessage {
  msgType: "location";
  locationX: number;
  locationY: number;
  scale: number;
  label: string;
}

export interface LinkMessage extends UserMessage {
  msgType: "link";
  title: string;
  description: string;
  url: string;
}

interface EventHeader extends MessageHeader {
  msgType: "event";
  /** `""` when WeChat sends none (e.g. unsubscribe). */
  eventKey: string;
}

export interface SubscribeEvent extends EventHeader {
  event: "subscribe";
  /** Present when the user followed by scanning a parametric QR code: EventKey `qrscene_<scene>`. */
  ticket?: string;
  /** The scene of that QR code, EventKey without its `qrscene_` prefix. */
  scene?: string;
}

export interface UnsubscribeEvent extends EventHeader {
  event: "unsubscribe";
}

/** An already-following user scanned a parametric QR code; EventKey is the scene without prefix. */
export interface ScanEvent extends EventHeader {
  event: "SCAN";
  ticket?: string;
}

export interface LocationEvent extends EventHeader {
  event: "LOCATION";
  latitude: number;
  longitude: number;
  precision: number;
}

export interface ClickEvent extends EventHeader {
  event: "CLICK";
}

/** EventKey is the URL (VIEW) or the pagepath (view_miniprogram). */
export interface ViewEvent extends EventHeader {
  event: "VIEW" | "view_miniprogram";
  menuId?: string;
}

export interface ScanCodeEvent extends EventHeader {
  event: "scancode_push" | "scancode_waitmsg";
  scanCodeInfo: { scanType: string; scanResult: string };
}

export interface PicEvent extends EventHeader {
  event: "pic_sysphoto" | "pic_photo_or_album" | "pic_weixin";
  sendPicsInfo: { count: number; picList: Array<{ picMd5Sum: string }> };
}

export interface LocationSelectEvent extends EventHeader {
  event: "location_select";
  sendLocationInfo: { locationX: number; locationY: number; scale: number; label: string; poiname: string };
}

export type EventMessage =
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | LocationEvent
  | ClickEvent
  | ViewEvent
  | ScanCodeEvent
  | PicEvent
  | LocationSelectEvent;

export type EventName = EventMessage["event"];

/** Any MsgType or Event this library does not model; the wire values are kept so callers can still log them. */
export interface UnknownMessage extends MessageHeader {
  msgType: "unknown";
  originalMsgType: string;
  /** The Event value when `originalMsgType` is `event`. */
  event?: string;
  msgId?: string;
}

export type IncomingMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | LocationMessage
  | LinkMessage
  | EventMessage
  | UnknownMessage;
