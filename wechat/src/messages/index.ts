export type { EncryptedMessage, MessageCrypto } from "./message-crypto.js";
export { createMessageCrypto } from "./message-crypto.js";
export type { MessageCryptoErrorCode } from "./message-crypto-error.js";
export { MessageCryptoError } from "./message-crypto-error.js";
export { parseMessageXml } from "./message-parse.js";
export type { MessageParseErrorCode } from "./message-parse-error.js";
export { MessageParseError } from "./message-parse-error.js";
export type {
  ClickEvent,
  EventMessage,
  EventName,
  ImageMessage,
  IncomingMessage,
  LinkMessage,
  LocationEvent,
  LocationMessage,
  LocationSelectEvent,
  MessageHeader,
  PicEvent,
  ScanCodeEvent,
  ScanEvent,
  SubscribeEvent,
  TextMessage,
  UnknownMessage,
  UnsubscribeEvent,
  VideoMessage,
  ViewEvent,
  VoiceMessage,
} from "./message-types.js";
export { buildEventXml, buildTextMessageXml } from "./message-xml.js";
export { messageSignature, pushSignature, verifySignature } from "./push-signature.js";
export type { NewsArticle, ParsedReply, PassiveReply, ReplyAddress } from "./reply-xml.js";
export { buildReplyXml, MAX_NEWS_ARTICLES, parseReplyXml } from "./reply-xml.js";
export { DEFAULT_MAX_XML_BYTES } from "./safe-xml.js";
export type { XmlValue } from "./xml-write.js";
