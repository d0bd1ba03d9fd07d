import { utf8ByteLength } from "../menu/menu-limits.js";

/**
 * The passive replies an account answers with (§9.3), as wxdesk configures them: one per menu `click`
 * key and one for `subscribe`. The server stores and judges them; the desktop checks the same rules
 * while an admin types. Browser-safe: no Node built-in (`@wxdesk/wechat/replies`).
 */

/** A news (图文) article. Unlike a parsed reply's article, the link is required: it is what a tap opens. */
export interface ReplyArticle {
  title: string;
  description?: string;
  picUrl?: string;
  url: string;
}

/** A passive reply (§9.3). */
export type ReplyConfig =
  | { type: "text"; content: string }
  | { type: "image"; mediaId: string }
  | { type: "news"; articles: ReplyArticle[] };

export interface ReplySettings {
  /** By menu `click` button key. */
  click: Record<string, ReplyConfig>;
  subscribe?: ReplyConfig;
}

/** One broken reply rule (the server answers them as `replies_invalid`, docs/admin-api.md). */
export interface ReplyProblem {
  /** e.g. `click["V1001_HELLO"].content`, `subscribe.articles[2].url`, `click`. */
  path: string;
  /** Stable machine code, e.g. `content_too_long`. */
  code: string;
  messageZh: string;
  message: string;
  limit?: number;
  actual?: number;
}

export const REPLY_LIMITS = {
  /** Our choice: a menu has at most 3 × 5 click buttons, plus conditional menus; 200 leaves room for all. */
  keys: 200,
  /** §7.1: a button `key` is at most 128 bytes, so a longer reply key could never be tapped. */
  keyBytes: 128,
  /**
   * WeChat documents no length limit for a passive text reply [?]. Its developer community reports
   * that customer-service text over 2048 bytes fails with 45002 "content size out of limit"; our
   * choice is the same bound for passive replies, counted in UTF-8 bytes (a CJK character is 3).
   */
  textBytes: 2048,
  /** WeChat media ids are 64 characters today; 128 leaves room without accepting a pasted paragraph. */
  mediaIdChars: 128,
  /** §9.3: ArticleCount ≤ 8. */
  articles: 8,
} as const;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string" || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function isBlank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

class ReplyChecker {
  readonly problems: ReplyProblem[] = [];

  add(path: string, code: string, zh: string, en: string, counts: { limit?: number; actual?: number } = {}) {
    this.problems.push({ path, code, messageZh: zh, message: en, ...counts });
  }

  /** The reply, cleaned to the fields its type uses; undefined when it has problems. */
  reply(value: unknown, path: string): ReplyConfig | undefined {
    const before = this.problems.length;
    if (!isObject(value)) {
      this.add(path, "reply_not_object", "回复设置格式不对", "A reply must be an object");
      return undefined;
    }
    switch (value.type) {
      case "text":
        return this.text(value, path, before);
      case "image":
        return this.image(value, path, before);
      case "news":
        return this.news(value, path, before);
      default:
        this.add(
          `${path}.type`,
          "type_unknown",
          "回复类型只能是文字（text）、图片（image）或图文（news）",
          'The reply type must be "text", "image" or "news"',
        );
        return undefined;
    }
  }

  text(value: Obj, path: string, before: number): ReplyConfig | undefined {
    const content = value.content;
    if (isBlank(content)) {
      this.add(`${path}.content`, "content_empty", "文字回复不能为空", "The text reply is empty");
    } else {
      const actual = utf8ByteLength(content as string);
      if (actual > REPLY_LIMITS.textBytes) {
        this.add(
          `${path}.content`,
          "content_too_long",
          `文字回复太长：最多 ${REPLY_LIMITS.textBytes} 字节（约 ${Math.floor(REPLY_LIMITS.textBytes / 3)} 个汉字），现在是 ${actual} 字节`,
          `The text reply is too long: at most ${REPLY_LIMITS.textBytes} bytes (about ${Math.floor(REPLY_LIMITS.textBytes / 3)} Chinese characters), it has ${actual}`,
          { limit: REPLY_LIMITS.textBytes, actual },
        );
      }
    }
    return this.problems.length === before ? { type: "text", content: content as string } : undefined;
  }

  image(value: Obj, path: string, before: number): ReplyConfig | undefined {
    const mediaId = value.mediaId;
    if (isBlank(mediaId)) {
      this.add(
        `${path}.mediaId`,
        "media_id_empty",
        "图片回复需要填写素材的 media_id",
        "An image reply needs the image's media_id",
      );
    } else if ((mediaId as string).length > REPLY_LIMITS.mediaIdChars) {
      this.add(
        `${path}.mediaId`,
        "media_id_too_long",
        `media_id 最多 ${REPLY_LIMITS.mediaIdChars} 个字符，这不像是微信的素材 ID`,
        `A media_id has at most ${REPLY_LIMITS.mediaIdChars} characters; this does not look like one of WeChat's`,
        { limit: REPLY_LIMITS.mediaIdChars, actual: (mediaId as string).length },
      );
    }
    return this.problems.length === before ? { type: "image", mediaId: mediaId as string } : undefined;
  }

  news(value: Obj, path: string, before: number): ReplyConfig | undefined {
    const articles = value.articles;
    if (!Array.isArray(articles) || articles.length === 0) {
      this.add(
        `${path}.articles`,
        "articles_empty",
        "图文回复至少要有一篇文章",
        "A news reply needs at least one article",
        {
          limit: 1,
          actual: 0,
        },
      );
      return undefined;
    }
    if (articles.length > REPLY_LIMITS.articles) {
      this.add(
        `${path}.articles`,
        "too_many_articles",
        `图文回复最多 ${REPLY_LIMITS.articles} 篇文章，现在有 ${articles.length} 篇`,
        `A news reply has at most ${REPLY_LIMITS.articles} articles, it has ${articles.length}`,
        { limit: REPLY_LIMITS.articles, actual: articles.length },
      );
    }
    const clean = articles.map((article, i) => this.article(article, `${path}.articles[${i}]`));
    return this.problems.length === before ? { type: "news", articles: clean as ReplyArticle[] } : undefined;
  }

  article(value: unknown, path: string): ReplyArticle | undefined {
    if (!isObject(value)) {
      this.add(path, "article_not_object", "文章设置格式不对", "An article must be an object");
      return undefined;
    }
    const { title, description, picUrl, url } = value;
    if (isBlank(title))
      this.add(`${path}.title`, "title_empty", "文章标题不能为空", "The article needs a title");
    if (!isHttpUrl(url)) {
      this.add(
        `${path}.url`,
        "url_invalid",
        "文章链接必须是完整的 http:// 或 https:// 网址",
        "The article link must be a full http:// or https:// address",
      );
    }
    if (picUrl !== undefined && picUrl !== "" && !isHttpUrl(picUrl)) {
      this.add(
        `${path}.picUrl`,
        "pic_url_invalid",
        "封面图片地址必须是完整的 http:// 或 https:// 网址（不需要封面可以留空）",
        "The cover picture must be a full http:// or https:// address (leave it out for none)",
      );
    }
    if (description !== undefined && typeof description !== "string") {
      this.add(
        `${path}.description`,
        "description_invalid",
        "文章摘要必须是文字",
        "The description must be text",
      );
    }
    return {
      title: title as string,
      ...(typeof description === "string" && description !== "" ? { description } : {}),
      ...(typeof picUrl === "string" && picUrl !== "" ? { picUrl } : {}),
      url: url as string,
    };
  }
}

/** `click["key"]`: JSON quoting keeps keys with dots, spaces or quotes unambiguous. */
export function clickPath(key: string): string {
  return `click[${JSON.stringify(key)}]`;
}

/**
 * Checks reply settings (the server: `PUT replies`; the desktop: while typing) and returns every problem, or the settings cleaned to the fields each reply
 * type uses (what gets stored and what the push endpoint answers with).
 */
export function validateReplies(input: unknown): { problems: ReplyProblem[]; settings?: ReplySettings } {
  const checker = new ReplyChecker();
  if (!isObject(input) || !isObject(input.click)) {
    checker.add(
      "click",
      "click_not_object",
      "click 必须是“按钮标识 → 回复”的对象",
      'The "click" field must map button IDs to replies',
    );
    return { problems: checker.problems };
  }
  const entries = Object.entries(input.click);
  if (entries.length > REPLY_LIMITS.keys) {
    checker.add(
      "click",
      "too_many_keys",
      `最多为 ${REPLY_LIMITS.keys} 个按钮标识设置回复，现在有 ${entries.length} 个`,
      `At most ${REPLY_LIMITS.keys} button IDs can have a reply, there are ${entries.length}`,
      { limit: REPLY_LIMITS.keys, actual: entries.length },
    );
  }
  const click: Array<[string, ReplyConfig | undefined]> = entries.map(([key, reply]) => {
    const bytes = utf8ByteLength(key);
    if (bytes === 0) {
      checker.add(clickPath(key), "key_empty", "按钮标识不能为空", "The button ID is empty");
    } else if (bytes > REPLY_LIMITS.keyBytes) {
      checker.add(
        clickPath(key),
        "key_too_long",
        `按钮标识最多 ${REPLY_LIMITS.keyBytes} 字节，现在是 ${bytes} 字节：菜单按钮放不下这么长的标识`,
        `A button ID has at most ${REPLY_LIMITS.keyBytes} bytes, this one has ${bytes}: no menu button could carry it`,
        { limit: REPLY_LIMITS.keyBytes, actual: bytes },
      );
    }
    return [key, checker.reply(reply, clickPath(key))];
  });
  const subscribe = input.subscribe === undefined ? undefined : checker.reply(input.subscribe, "subscribe");
  if (checker.problems.length > 0) return { problems: checker.problems };
  return {
    problems: [],
    settings: {
      // fromEntries defines own properties, so even a key named "__proto__" stays a plain entry.
      click: Object.fromEntries(click) as Record<string, ReplyConfig>,
      ...(subscribe ? { subscribe } : {}),
    },
  };
}
