import { readCreateTime } from "./create-time.js";
import { MessageParseError } from "./message-parse-error.js";
import { parseXmlSafely, type XmlElement } from "./safe-xml.js";
import { element } from "./xml-write.js";

export interface NewsArticle {
  title: string;
  description?: string;
  picUrl?: string;
  url?: string;
}

/** The passive replies wxdesk sends (§9.3). */
export type PassiveReply =
  | { type: "text"; content: string }
  | { type: "image"; mediaId: string }
  | { type: "news"; articles: NewsArticle[] };

export interface ReplyAddress {
  toUserName: string;
  fromUserName: string;
  createTime: number;
}

export type ParsedReply = PassiveReply & ReplyAddress;

/** §9.3: a news reply carries 1 to 8 articles. */
export const MAX_NEWS_ARTICLES = 8;

/**
 * The reply body for a passive reply (§9.3), with WeChat's element names. The caller passes the ids already
 * swapped: `toUserName` = the user's openid, `fromUserName` = the account's gh_ id.
 */
export function buildReplyXml(reply: PassiveReply, p: ReplyAddress): string {
  const head =
    element("ToUserName", p.toUserName) +
    element("FromUserName", p.fromUserName) +
    element("CreateTime", Math.trunc(p.createTime)) +
    element("MsgType", reply.type);
  switch (reply.type) {
    case "text":
      return `<xml>${head}${element("Content", reply.content)}</xml>`;
    case "image":
      return `<xml>${head}${element("Image", { MediaId: reply.mediaId })}</xml>`;
    case "news": {
      const count = reply.articles.length;
      if (count < 1 || count > MAX_NEWS_ARTICLES) {
        throw new RangeError(`A news reply needs 1 to ${MAX_NEWS_ARTICLES} articles, got ${count}`);
      }
      // All four item fields are always written (empty when absent), like wechatpy's template.
      const items = reply.articles.map((a) => ({
        Title: a.title,
        Description: a.description ?? "",
        PicUrl: a.picUrl ?? "",
        Url: a.url ?? "",
      }));
      return `<xml>${head}${element("ArticleCount", count)}${element("Articles", items)}</xml>`;
    }
  }
}

function text(el: XmlElement | undefined, name: string): string | undefined {
  return el?.children.find((child) => child.name === name)?.text;
}

function required(el: XmlElement, name: string, where = ""): string {
  const value = text(el, name);
  if (value === undefined) throw new MessageParseError("missing_field", `${where}${name} is missing`);
  return value;
}

/**
 * Reads a passive reply body back (the sandbox does this with what a developer server answered).
 * `success` or an empty body mean "no reply" (§9.3) and give null. Other reply types than text, image and
 * news are reported as malformed because wxdesk does not model them.
 */
export function parseReplyXml(xml: string): ParsedReply | null {
  const trimmed = xml.trim();
  if (trimmed === "" || trimmed === "success") return null;
  const root = parseXmlSafely(trimmed);
  const createTime = readCreateTime(required(root, "CreateTime"));
  const address: ReplyAddress = {
    toUserName: required(root, "ToUserName"),
    fromUserName: required(root, "FromUserName"),
    createTime,
  };
  const type = required(root, "MsgType");
  switch (type) {
    case "text":
      return { type, content: required(root, "Content"), ...address };
    case "image": {
      const image = root.children.find((child) => child.name === "Image");
      if (!image) throw new MessageParseError("missing_field", "Image is missing");
      return { type, mediaId: required(image, "MediaId", "Image."), ...address };
    }
    case "news": {
      const list = root.children.find((child) => child.name === "Articles");
      if (!list) throw new MessageParseError("missing_field", "Articles is missing");
      const articles = list.children
        .filter((item) => item.name === "item")
        .map((item) => {
          const article: NewsArticle = { title: required(item, "Title", "Articles.item.") };
          const description = text(item, "Description");
          const picUrl = text(item, "PicUrl");
          const url = text(item, "Url");
          if (description) article.description = description;
          if (picUrl) article.picUrl = picUrl;
          if (url) article.url = url;
          return article;
        });
      if (articles.length < 1 || articles.length > MAX_NEWS_ARTICLES) {
        throw new MessageParseError("malformed", `A news reply needs 1 to ${MAX_NEWS_ARTICLES} articles`);
      }
      return { type, articles, ...address };
    }
    default:
      throw new MessageParseError("malformed", `Unsupported reply MsgType ${JSON.stringify(type)}`);
  }
}
