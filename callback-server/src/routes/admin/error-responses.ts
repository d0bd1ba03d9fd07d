/** `{error: {code, message, messageZh, …}}` (docs/admin-api.md "Errors"); extras such as `problems` pass through. */
const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "messageZh"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        messageZh: { type: "string" },
      },
      additionalProperties: true,
    },
  },
} as const;

const ERROR_MEANINGS: Record<number, string> = {
  400: "bad_request (schema) or a rule check (`problems`, `redirect_uri_invalid`)",
  401: "unauthorized: no or wrong key",
  403: "forbidden: the support key on an admin route; a service key anywhere but the token routes; any other key on the token routes",
  404: "unknown_user / unknown_version / unknown_app / unknown_service_key / not_found",
  409: "token_undecryptable (the user's stored tokens do not open with the server's token-key) / app_read_only (configured by WXDESK_OIDC_CLIENTS) / app_public (no secret) / too_many_apps / service_key_name_taken / too_many_service_keys / service_key_in_settings",
  500: "config_invalid: the server's own settings cannot make a link (the problems are listed)",
  502: "wechat_error: WeChat refused or failed (`errcode`, `explanation`)",
  503: "store_unavailable: the store (SQLite / Redis) cannot serve right now, retry in a few seconds (`Retry-After`); busy: a lock could not be taken in time",
};

/** The error answers a route may give, for the OpenAPI document (and serialized without losing extras). */
export function errorResponses(
  ...statuses: number[]
): Record<number, typeof errorSchema & { description: string }> {
  const out: Record<number, typeof errorSchema & { description: string }> = {};
  for (const status of statuses)
    out[status] = { ...errorSchema, description: ERROR_MEANINGS[status] ?? "error" };
  return out;
}
