/**
 * JSON schemas of the user shapes in docs/admin-api.md (`TokenStatus`, `AdminUser`,
 * `AdminUserDetail`, `ActionOutcome`). As response schemas they also serialize: a field not
 * listed here (an encrypted token, say) cannot reach an answer even if a mapper let it through.
 */

export const tokenStateSchema = {
  type: "string",
  enum: ["valid", "expiring", "access_expired", "needs_reauth", "undecryptable"],
} as const;

export const scopeSchema = { type: "string", enum: ["snsapi_base", "snsapi_userinfo"] } as const;

export const tokenStatusSchema = {
  type: "object",
  required: ["state", "obtainedAt", "accessExpiresAt", "refreshExpiresAt"],
  properties: {
    state: tokenStateSchema,
    obtainedAt: { type: "number" },
    accessExpiresAt: { type: "number" },
    refreshExpiresAt: { type: "number" },
    refreshedAt: { type: "number" },
    needsReauth: {
      type: "object",
      required: ["at", "reason"],
      properties: { at: { type: "number" }, reason: { type: "string" } },
    },
    undecryptable: {
      type: "object",
      description: "Present with state `undecryptable`: the server's token-key cannot open the stored tokens",
      required: ["messageZh", "message"],
      properties: { messageZh: { type: "string" }, message: { type: "string" } },
    },
  },
} as const;

const adminUserProperties = {
  openid: { type: "string" },
  unionid: { type: "string" },
  nickname: { type: "string" },
  headimgurl: { type: "string" },
  scope: scopeSchema,
  firstAuthorizedAt: { type: "number" },
  lastAuthorizedAt: { type: "number" },
  profileUpdatedAt: { type: "number" },
  tokens: tokenStatusSchema,
} as const;

const adminUserRequired = ["openid", "scope", "firstAuthorizedAt", "lastAuthorizedAt", "tokens"] as const;

export const adminUserSchema = {
  type: "object",
  required: adminUserRequired,
  properties: adminUserProperties,
} as const;

/** An app (OpenID Connect) the user signed in to. */
export const userAppSchema = {
  type: "object",
  required: ["clientId", "name", "lastSignInAt"],
  properties: {
    clientId: { type: "string" },
    name: { type: "string" },
    lastSignInAt: { type: "number" },
  },
} as const;

export const adminUserDetailSchema = {
  type: "object",
  required: [...adminUserRequired, "privilege", "apps"],
  properties: {
    ...adminUserProperties,
    privilege: { type: "array", items: { type: "string" } },
    sex: { type: "number" },
    lang: { type: "string" },
    apps: { type: "array", items: userAppSchema },
  },
} as const;

/** `ErrorExplanation` of `@wxdesk/wechat`: WeChat's errcode in plain words (zh/en). */
export const explanationSchema = {
  type: "object",
  required: ["errcode", "errorClass", "titleZh", "titleEn", "detailZh", "detailEn", "fixZh", "fixEn"],
  properties: {
    errcode: { type: "number" },
    errorClass: { type: "string" },
    titleZh: { type: "string" },
    titleEn: { type: "string" },
    detailZh: { type: "string" },
    detailEn: { type: "string" },
    fixZh: { type: "string" },
    fixEn: { type: "string" },
    rid: { type: "string" },
    callerIp: { type: "string" },
  },
} as const;

export const actionOutcomeSchema = {
  type: "object",
  required: ["ok"],
  properties: {
    ok: { type: "boolean" },
    tokens: tokenStatusSchema,
    error: explanationSchema,
  },
} as const;

export const userinfoOutcomeSchema = {
  type: "object",
  required: ["ok", "user"],
  properties: { ...actionOutcomeSchema.properties, user: adminUserDetailSchema },
} as const;

export const userPageSchema = {
  type: "object",
  required: ["users", "total"],
  properties: {
    users: { type: "array", items: adminUserSchema },
    nextCursor: { type: "string" },
    total: { type: "integer", description: "Every user of the account, whatever the search and filters" },
  },
} as const;

export const openidParamsSchema = {
  type: "object",
  required: ["openid"],
  properties: { openid: { type: "string", minLength: 1, maxLength: 128 } },
} as const;

export const usersQuerySchema = {
  type: "object",
  properties: {
    q: { type: "string", maxLength: 128 },
    cursor: { type: "string", minLength: 1, maxLength: 512 },
    limit: { type: "integer", minimum: 1, maximum: 200, default: 50 },
    scope: scopeSchema,
    tokenState: tokenStateSchema,
  },
  additionalProperties: false,
} as const;
