import { type MatchRule, MENU_BUTTON_TYPES, type Menu, type MenuButton } from "@wxdesk/wechat";
import { z } from "zod";
import type { ReplyConfig, ReplySettings, TokenState } from "../../desk-api.js";
import { PROFILE_ID } from "../settings/settings-schema.js";

/**
 * Shapes shared by several methods' arguments. They check kind and size only: WeChat's own rules
 * (3 buttons, 60-byte names, …) are `validateMenu`'s job, so a breaking menu still reaches
 * `menu.validate` / `menu.publish` and comes back as problems, not as `bad_input`.
 */

/** An http(s) address without credentials, query or fragment; a trailing slash is dropped. */
export const serverUrlSchema = z
  .string()
  .max(2048)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === "http:" || url.protocol === "https:") &&
          !url.username &&
          !url.password &&
          !url.search &&
          !url.hash
        );
      } catch {
        return false;
      }
    },
    { error: "server_url" },
  )
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  });

/** Same rule as the server's WXDESK_ADMIN_KEY / WXDESK_SUPPORT_KEY. */
export const keySchema = z.string().regex(/^[\x21-\x7e]{24,512}$/, { error: "key" });
export const profileIdSchema = z.string().regex(PROFILE_ID, { error: "profile_id" });
export const profileNameSchema = z.string().trim().min(1, { error: "name" }).max(100, { error: "name" });
/**
 * A service key's or an app's name: the server's rule (1–64 characters, not blank), and no control
 * characters (the name is shown in lists and in the activity stream), checked here first.
 */
export const shortNameSchema = z
  .string()
  .max(64)
  .refine(
    (name) =>
      name.trim() !== "" && ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
  );
export const roleSchema = z.enum(["admin", "support"]);
export const scopeSchema = z.enum(["snsapi_base", "snsapi_userinfo"]);
export const tokenStateSchema = z.enum([
  "valid",
  "expiring",
  "access_expired",
  "needs_reauth",
  "undecryptable",
] satisfies TokenState[]);
export const openidSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { error: "openid" });
export const httpLinkSchema = z
  .string()
  .max(4096)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { error: "link" });

const text = (max: number) => z.string().max(max);

/**
 * WeChat menus have two levels (§7.1). One level more is accepted so that `validateMenu` can name it
 * ("too_deep"); a button on that third level may not have sub-buttons of its own. The bound is also what
 * keeps a hostile 1000-deep chain from overflowing the stack of a recursive schema: it is refused as
 * bad_input, like any other input that is not a menu.
 */
const MENU_INPUT_LEVELS = 3;

function menuButtonAt(level: number): z.ZodType<MenuButton> {
  const children =
    level < MENU_INPUT_LEVELS ? z.array(menuButtonAt(level + 1)).max(50) : z.array(z.never()).max(0);
  return z.object({
    type: z.enum(MENU_BUTTON_TYPES).optional(),
    name: text(400),
    key: text(1024).optional(),
    url: text(4096).optional(),
    media_id: text(1024).optional(),
    article_id: text(1024).optional(),
    appid: text(64).optional(),
    pagepath: text(4096).optional(),
    // Deeper or longer than WeChat allows is a problem validateMenu names; this only bounds the input.
    sub_button: children.optional(),
  });
}

export const menuButtonSchema: z.ZodType<MenuButton> = menuButtonAt(1);

export const menuSchema: z.ZodType<Menu> = z.object({ button: z.array(menuButtonSchema).max(50) });

export const matchRuleSchema: z.ZodType<MatchRule> = z.object({
  tag_id: text(64).optional(),
  client_platform_type: text(16).optional(),
  sex: text(16).optional(),
  country: text(128).optional(),
  province: text(128).optional(),
  city: text(128).optional(),
  language: text(32).optional(),
});

export const replyConfigSchema: z.ZodType<ReplyConfig> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), content: text(4096) }),
  z.object({ type: z.literal("image"), mediaId: text(1024) }),
  z.object({
    type: z.literal("news"),
    articles: z
      .array(
        z.object({
          title: text(400),
          description: text(2048).optional(),
          picUrl: text(4096).optional(),
          url: text(4096),
        }),
      )
      .max(20),
  }),
]);

export const replySettingsSchema: z.ZodType<ReplySettings> = z.object({
  click: z.record(text(256), replyConfigSchema),
  subscribe: replyConfigSchema.optional(),
});
