/**
 * JSON schemas of the replies routes. The request schema checks only the shape (objects, strings,
 * arrays): the reply rules (key and text lengths, reply types, article links) are checked by
 * `validateReplies`, which reports every problem at once (`replies_invalid`) instead of AJV's first.
 */

const articleFields = {
  title: { type: "string" },
  description: { type: "string" },
  picUrl: { type: "string", description: "http(s); optional" },
  url: { type: "string", description: "http(s)" },
} as const;

/** What a reply may hold; which fields a type needs is validateReplies' business (see the doc's ReplyConfig). */
const replyConfigRequest = {
  type: "object",
  description:
    '{type: "text", content: 1..2048 UTF-8 bytes} | {type: "image", mediaId: 1..128 chars} | {type: "news", articles: 1..8 × {title, description?, picUrl?, url}}',
  properties: {
    type: { type: "string", description: "text, image or news" },
    content: { type: "string" },
    mediaId: { type: "string" },
    articles: { type: "array", items: { type: "object", properties: articleFields } },
  },
} as const;

export const repliesBodySchema = {
  type: "object",
  required: ["click"],
  properties: {
    click: {
      type: "object",
      description: "menu button key (1..128 UTF-8 bytes, at most 200 keys) → reply",
      additionalProperties: replyConfigRequest,
    },
    subscribe: replyConfigRequest,
  },
} as const;

/**
 * Stored replies are cleaned to the fields of their type, so the answer lists exactly those. No
 * `required` here: the serializer would turn an oddly stored reply into a 500 instead of showing it.
 */
const replyConfigAnswer = {
  type: "object",
  properties: {
    type: { type: "string", enum: ["text", "image", "news"] },
    content: { type: "string" },
    mediaId: { type: "string" },
    articles: {
      type: "array",
      items: { type: "object", properties: articleFields },
    },
  },
} as const;

export const repliesAnswerSchema = {
  type: "object",
  required: ["click"],
  properties: {
    click: { type: "object", additionalProperties: replyConfigAnswer },
    subscribe: replyConfigAnswer,
  },
} as const;
