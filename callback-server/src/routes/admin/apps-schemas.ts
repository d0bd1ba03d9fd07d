import { MAX_APP_NAME, MAX_REDIRECT_URIS } from "../../config/oidc-clients.js";

/**
 * JSON schemas of the apps API (docs/admin-api.md "Apps"). Response schemas also serialize: an
 * app's stored secret cannot reach an answer, only `clientSecret` of a creation or rotation.
 */

const subSchema = { type: "string", enum: ["openid", "unionid"] } as const;
const scopesSchema = {
  type: "array",
  items: { type: "string", enum: ["openid", "profile"] },
  minItems: 1,
  maxItems: 2,
  uniqueItems: true,
} as const;
const nameSchema = { type: "string", minLength: 1, maxLength: MAX_APP_NAME } as const;
const redirectUrisSchema = {
  type: "array",
  items: { type: "string", minLength: 1, maxLength: 2048 },
  minItems: 1,
  maxItems: MAX_REDIRECT_URIS,
} as const;

export const appSchema = {
  type: "object",
  required: ["clientId", "name", "redirectUris", "sub", "scopes", "public", "source"],
  properties: {
    clientId: { type: "string" },
    name: { type: "string" },
    redirectUris: { type: "array", items: { type: "string" } },
    sub: subSchema,
    scopes: { type: "array", items: { type: "string" } },
    public: { type: "boolean" },
    source: { type: "string", enum: ["env", "admin"] },
    createdAt: { type: "number" },
    updatedAt: { type: "number" },
    secretRotatedAt: { type: "number" },
  },
} as const;

/** In the list only: when someone last signed in to the app (absent: nobody yet). */
const listedAppSchema = {
  ...appSchema,
  properties: { ...appSchema.properties, lastSignInAt: { type: "number" } },
} as const;

export const appListSchema = {
  type: "object",
  required: ["apps"],
  properties: { apps: { type: "array", items: listedAppSchema } },
} as const;

/** An app with its new secret: answered once (creation, rotation); public apps have none. */
export const issuedSecretSchema = {
  type: "object",
  required: ["app"],
  properties: { app: appSchema, clientSecret: { type: "string" } },
} as const;

export const newAppSchema = {
  type: "object",
  required: ["name", "redirectUris"],
  properties: {
    name: nameSchema,
    redirectUris: redirectUrisSchema,
    sub: subSchema,
    scopes: scopesSchema,
    public: { type: "boolean" },
  },
  additionalProperties: false,
} as const;

export const appChangeSchema = {
  type: "object",
  minProperties: 1,
  properties: {
    name: nameSchema,
    redirectUris: redirectUrisSchema,
    sub: subSchema,
    scopes: scopesSchema,
  },
  additionalProperties: false,
} as const;

export const appIdParamsSchema = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1, maxLength: 128 } },
} as const;

export const signingKeySchema = {
  type: "object",
  required: ["kid", "alg", "state", "createdAt", "activeFrom"],
  properties: {
    kid: { type: "string" },
    alg: { type: "string" },
    state: { type: "string", enum: ["next", "active", "retired"] },
    createdAt: { type: "number" },
    activeFrom: { type: "number" },
    retiredAt: { type: "number" },
    unpublishAt: { type: "number" },
  },
} as const;
