import type { ErrorExplanation, MatchRule, Menu, MenuButton } from "@wxdesk/wechat";
import { z } from "zod";

/**
 * The admin API's answers (docs/admin-api.md "Shapes"), checked before use. Extra fields are
 * allowed (a newer server may add some) and dropped; menus and explanations are checked for their
 * outline only — their content is WeChat's and goes back to the UI as it is.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export const explanationShape = z.custom<ErrorExplanation>(
  (v) => isObj(v) && typeof v.errcode === "number" && typeof v.titleZh === "string",
);
export const buttonsShape = z.custom<MenuButton[]>(
  (v) => Array.isArray(v) && v.every((b) => isObj(b) && typeof b.name === "string"),
);
export const menuShape = z.custom<Menu>((v) => isObj(v) && buttonsShape.safeParse(v.button).success);
const matchRuleShape = z.custom<MatchRule>(isObj);

export const tokenStatusShape = z.object({
  state: z.enum(["valid", "expiring", "access_expired", "needs_reauth", "undecryptable"]),
  obtainedAt: z.number(),
  accessExpiresAt: z.number(),
  refreshExpiresAt: z.number(),
  refreshedAt: z.number().optional(),
  needsReauth: z.object({ at: z.number(), reason: z.string() }).optional(),
  undecryptable: z.object({ messageZh: z.string(), message: z.string() }).optional(),
});

export const adminUserShape = z.object({
  openid: z.string(),
  unionid: z.string().optional(),
  nickname: z.string().optional(),
  headimgurl: z.string().optional(),
  scope: z.enum(["snsapi_base", "snsapi_userinfo"]),
  firstAuthorizedAt: z.number(),
  lastAuthorizedAt: z.number(),
  profileUpdatedAt: z.number().optional(),
  tokens: tokenStatusShape,
});
export type AdminUser = z.infer<typeof adminUserShape>;

const userAppSignInShape = z.object({ clientId: z.string(), name: z.string(), lastSignInAt: z.number() });

export const adminUserDetailShape = adminUserShape.extend({
  privilege: z.array(z.string()).default([]),
  sex: z.number().optional(),
  lang: z.string().optional(),
  // Servers before the OpenID Connect gateway do not send it.
  apps: z.array(userAppSignInShape).default([]),
});

export const usersPageShape = z.object({
  users: z.array(adminUserShape),
  nextCursor: z.string().optional(),
  /** Every user of the account (servers before it was added do not send it). */
  total: z.number().int().nonnegative().optional(),
});

export const actionOutcomeShape = z.object({
  ok: z.boolean(),
  tokens: tokenStatusShape.optional(),
  error: explanationShape.optional(),
});

const storageShape = z.object({
  kind: z.enum(["sqlite", "redis"]),
  persistence: z.enum(["file", "aof", "rdb", "none", "unknown"]),
  warning: z.object({ zh: z.string(), en: z.string() }).optional(),
});

export const infoShape = z.object({
  appid: z.string(),
  role: z.enum(["admin", "support"]),
  version: z.string().optional(),
  users: z.number(),
  // Older servers do not send it; a newer one may name a kind we do not know: no banner, still connected.
  storage: storageShape.optional().catch(undefined),
});

export const tokenCacheClearedShape = z.object({
  appid: z.string(),
  // Unknown names from a newer server are dropped, not refused.
  dropped: z
    .array(z.string())
    .transform((names) =>
      names.filter((n): n is "access_token" | "jsapi_ticket" => n === "access_token" || n === "jsapi_ticket"),
    ),
});

export const liveMenuShape = z.object({
  menu: menuShape.nullable(),
  conditional: z
    .array(
      z.object({
        menuid: z.union([z.string(), z.number()]),
        button: buttonsShape,
        matchrule: matchRuleShape,
      }),
    )
    .default([]),
});

export const menuVersionShape = z.object({
  id: z.number(),
  kind: z.enum(["publish", "delete", "rollback"]),
  at: z.number(),
  by: z.string(),
  menu: menuShape.nullable(),
  rollbackOf: z.number().optional(),
});
export const versionAnswerShape = z.object({ ok: z.literal(true), version: menuVersionShape });
export const historyShape = z.object({ versions: z.array(menuVersionShape) });
export const conditionalAddedShape = z.object({ menuid: z.union([z.string(), z.number()]) });
export const okShape = z.object({ ok: z.literal(true) });
export const tryMatchShape = z.object({ button: buttonsShape });

const linkCheckShape = z.object({
  code: z.string(),
  level: z.enum(["error", "warning"]),
  messageZh: z.string(),
  message: z.string(),
});

export const linksShape = z.object({
  startUrl: z.string(),
  directUrl: z.string(),
  checks: z.array(linkCheckShape),
});

export const linkVerdictShape = z.object({
  kind: z.enum(["start", "direct", "other"]),
  own: z.boolean(),
  scope: z.enum(["snsapi_base", "snsapi_userinfo"]).optional(),
  next: z.string().optional(),
  checks: z.array(linkCheckShape),
});

export const storedEventShape = z.object({
  id: z.number(),
  type: z.string(),
  at: z.number(),
  data: z.record(z.string(), z.unknown()),
});
export const recentEventsShape = z.object({ events: z.array(storedEventShape) });

const serviceKeyViewShape = z.object({
  id: z.string(),
  name: z.string(),
  source: z.enum(["settings", "admin"]),
  createdAt: z.number().optional(),
  lastUsedAt: z.number().optional(),
});
export const serviceKeysShape = z.object({ keys: z.array(serviceKeyViewShape) });
export const createdServiceKeyShape = serviceKeyViewShape.extend({ key: z.string().min(24) });

const oidcAppShape = z.object({
  clientId: z.string(),
  name: z.string(),
  redirectUris: z.array(z.string()),
  public: z.boolean(),
  source: z.enum(["env", "admin"]),
  createdAt: z.number().optional(),
  secretRotatedAt: z.number().optional(),
  lastSignInAt: z.number().optional(),
});
export type OidcAppAnswer = z.infer<typeof oidcAppShape>;
export const oidcAppsShape = z.object({ apps: z.array(oidcAppShape) });
/** Creation and rotation of an app made in the desktop: it always has a secret. */
export const issuedSecretShape = z.object({ app: oidcAppShape, clientSecret: z.string().min(32) });
export const publicUrlShape = z.object({ publicUrl: z.string() });
