/**
 * JSON schemas of the menu routes, for Fastify (validation, serialization) and @fastify/swagger.
 * Request schemas check only the shape (objects, arrays, strings): every WeChat rule (§7.1 sizes,
 * types, domains) is left to `validateMenu` / `validateMatchRule`, which report all problems at once
 * with paths and zh/en messages (`menu_invalid`) instead of AJV's first error (`bad_request`).
 * Objects allow extra properties so nothing a newer WeChat adds is lost on the way through.
 */

const buttonFields = {
  type: {
    type: "string",
    description:
      "click, view, scancode_push, scancode_waitmsg, pic_sysphoto, pic_photo_or_album, pic_weixin, location_select, media_id, view_limited, article_id, article_view_limited, miniprogram",
  },
  name: { type: "string", description: "≤16 bytes (top level), ≤60 bytes (sub-button), UTF-8" },
  key: { type: "string", description: "click-like types: ≤128 bytes" },
  url: { type: "string", description: "view / miniprogram fallback: http(s), ≤1024 bytes" },
  media_id: { type: "string" },
  article_id: { type: "string" },
  appid: { type: "string" },
  pagepath: { type: "string" },
} as const;

/** A sub-button: its own `sub_button` may only be empty (deeper nesting is reported by validateMenu). */
const subButtonSchema = {
  type: "object",
  properties: { ...buttonFields, sub_button: { type: "array" } },
  additionalProperties: true,
} as const;

export const menuButtonSchema = {
  type: "object",
  properties: { ...buttonFields, sub_button: { type: "array", items: subButtonSchema } },
  additionalProperties: true,
} as const;

export const buttonListSchema = { type: "array", items: menuButtonSchema } as const;

/** `{button: [...]}` — the body of `PUT menu` and WeChat's `menu/create`. */
export const menuSchema = {
  type: "object",
  required: ["button"],
  properties: { button: buttonListSchema },
  additionalProperties: true,
} as const;

const nullableMenuSchema = {
  type: ["object", "null"],
  properties: { button: buttonListSchema },
  additionalProperties: true,
} as const;

/** §7.5: all values strings (numbers are accepted and turned into strings). */
export const matchRuleSchema = {
  type: "object",
  properties: {
    tag_id: { type: "string", description: "user tag id (menu/get calls it group_id)" },
    client_platform_type: { type: "string", description: "1 iOS, 2 Android, 3 other" },
    sex: { type: "string", description: "rejected since 2021 (65320)" },
    country: { type: "string", description: "rejected since 2021 (65320)" },
    province: { type: "string", description: "rejected since 2021 (65320)" },
    city: { type: "string", description: "rejected since 2021 (65320)" },
    language: { type: "string", description: "rejected since 2021 (65320)" },
  },
  additionalProperties: true,
} as const;

export const menuVersionSchema = {
  type: "object",
  required: ["id", "kind", "at", "by", "menu"],
  properties: {
    id: { type: "integer" },
    kind: { type: "string", enum: ["publish", "delete", "rollback"] },
    at: { type: "integer", description: "epoch ms" },
    by: { type: "string", description: "the role that made the change" },
    menu: nullableMenuSchema,
    rollbackOf: { type: "integer", description: "kind rollback: the version it went back to" },
  },
} as const;

export const liveMenuSchema = {
  type: "object",
  required: ["menu", "conditional"],
  properties: {
    menu: nullableMenuSchema,
    conditional: {
      type: "array",
      items: {
        type: "object",
        required: ["menuid", "button", "matchrule"],
        properties: { menuid: { type: "string" }, button: buttonListSchema, matchrule: matchRuleSchema },
      },
    },
  },
} as const;

export const versionAnswerSchema = {
  type: "object",
  required: ["ok", "version"],
  properties: { ok: { type: "boolean" }, version: menuVersionSchema },
} as const;

export const okSchema = {
  type: "object",
  required: ["ok"],
  properties: { ok: { type: "boolean" } },
} as const;
