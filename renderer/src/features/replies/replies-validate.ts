import type { NewsArticle, ReplyConfig, ReplyProblem, ReplySettings } from "@wxdesk/electron/desk-api";
import { utf8ByteLength } from "@wxdesk/wechat/menu";
import { type BilingualText, both } from "../../i18n/define-messages.js";
import { replyProblemMessages as words } from "./reply-problem-messages.js";

/**
 * The server's reply rules (callback-server/src/routes/admin/replies-validate.ts, docs/admin-api.md
 * "Replies"), mirrored so problems show while typing. The server stays the judge: its `replies_invalid`
 * problems are shown at the same paths.
 */
export const REPLY_LIMITS = {
  keys: 200,
  /** §7.1: a button key is at most 128 bytes, so a longer reply key could never be tapped. */
  keyBytes: 128,
  /** The server's bound for a passive text reply, in UTF-8 bytes (a Chinese character is 3). */
  textBytes: 2048,
  mediaIdChars: 128,
  /** §9.3: ArticleCount ≤ 8. */
  articles: 8,
} as const;

/** A broken rule: the DeskApi's ReplyProblem plus the server's stable code and counts. */
export interface ReplyIssue extends ReplyProblem {
  code: string;
  limit?: number;
  actual?: number;
}

/** `click["KEY"]`, as the server writes it: JSON quoting keeps keys with dots or quotes unambiguous. */
export function clickPath(key: string): string {
  return `click[${JSON.stringify(key)}]`;
}

function issue(
  path: string,
  code: string,
  text: BilingualText,
  counts: { limit?: number; actual?: number } = {},
): ReplyIssue {
  return { path, code, messageZh: text.zh, message: text.en, ...counts };
}

function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function article(a: NewsArticle, path: string): ReplyIssue[] {
  const out: ReplyIssue[] = [];
  if (a.title.trim() === "")
    out.push(
      issue(
        `${path}.title`,
        "title_empty",
        both(words, (m) => m.titleEmpty),
      ),
    );
  if (!isHttpUrl(a.url))
    out.push(
      issue(
        `${path}.url`,
        "url_invalid",
        both(words, (m) => m.urlInvalid),
      ),
    );
  if (a.picUrl !== undefined && a.picUrl !== "" && !isHttpUrl(a.picUrl)) {
    out.push(
      issue(
        `${path}.picUrl`,
        "pic_url_invalid",
        both(words, (m) => m.picUrlInvalid),
      ),
    );
  }
  return out;
}

/** Every problem of one reply; `path` is where it sits (`subscribe`, `click["KEY"]`). */
export function validateReply(reply: ReplyConfig, path: string): ReplyIssue[] {
  switch (reply.type) {
    case "text": {
      const at = `${path}.content`;
      if (reply.content.trim() === "")
        return [
          issue(
            at,
            "content_empty",
            both(words, (m) => m.contentEmpty),
          ),
        ];
      const actual = utf8ByteLength(reply.content);
      const limit = REPLY_LIMITS.textBytes;
      return actual > limit
        ? [
            issue(
              at,
              "content_too_long",
              both(words, (m) => m.contentTooLong(limit, actual)),
              { limit, actual },
            ),
          ]
        : [];
    }
    case "image": {
      const at = `${path}.mediaId`;
      const limit = REPLY_LIMITS.mediaIdChars;
      if (reply.mediaId.trim() === "")
        return [
          issue(
            at,
            "media_id_empty",
            both(words, (m) => m.mediaIdEmpty),
          ),
        ];
      return reply.mediaId.length > limit
        ? [
            issue(
              at,
              "media_id_too_long",
              both(words, (m) => m.mediaIdTooLong(limit)),
              {
                limit,
                actual: reply.mediaId.length,
              },
            ),
          ]
        : [];
    }
    case "news": {
      const at = `${path}.articles`;
      const count = reply.articles.length;
      if (count === 0) {
        return [
          issue(
            at,
            "articles_empty",
            both(words, (m) => m.articlesEmpty),
            { limit: 1, actual: 0 },
          ),
        ];
      }
      const limit = REPLY_LIMITS.articles;
      const out =
        count > limit
          ? [
              issue(
                at,
                "too_many_articles",
                both(words, (m) => m.tooManyArticles(limit, count)),
                { limit, actual: count },
              ),
            ]
          : [];
      return [...out, ...reply.articles.flatMap((a, i) => article(a, `${at}[${i}]`))];
    }
  }
}

/** Every problem of the whole settings, in the server's order: keys, each click reply, the subscribe reply. */
export function validateReplies(settings: ReplySettings): ReplyIssue[] {
  const out: ReplyIssue[] = [];
  const entries = Object.entries(settings.click);
  if (entries.length > REPLY_LIMITS.keys) {
    const limit = REPLY_LIMITS.keys;
    const actual = entries.length;
    out.push(
      issue(
        "click",
        "too_many_keys",
        both(words, (m) => m.tooManyKeys(limit, actual)),
        { limit, actual },
      ),
    );
  }
  for (const [key, reply] of entries) {
    const bytes = utf8ByteLength(key);
    const limit = REPLY_LIMITS.keyBytes;
    if (bytes === 0)
      out.push(
        issue(
          clickPath(key),
          "key_empty",
          both(words, (m) => m.keyEmpty),
        ),
      );
    else if (bytes > limit) {
      out.push(
        issue(
          clickPath(key),
          "key_too_long",
          both(words, (m) => m.keyTooLong(limit, bytes)),
          { limit, actual: bytes },
        ),
      );
    }
    out.push(...validateReply(reply, clickPath(key)));
  }
  if (settings.subscribe) out.push(...validateReply(settings.subscribe, "subscribe"));
  return out;
}
