import type { FastifyInstance } from "fastify";
import type { GlobalCredential } from "../../app-context.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";

const expiry = {
  expires_at: { type: "number", description: "When WeChat says it expires, epoch ms" },
  expires_in: { type: "number", description: "Seconds left (as WeChat's own answer says it)" },
} as const;

/**
 * The account's one access_token holder (中控, DESIGN.md "The gateway"): `service` keys only. Served
 * from the global token manager's cache — single flight in-process, a lock across instances — so a
 * storm of callers costs WeChat no more than one fetch. Admin and support keys get 403: no token
 * ever reaches the desktop.
 */
export default async function wechatTokenRoutes(
  app: FastifyInstance,
  options: AdminRoutesOptions,
): Promise<void> {
  const { ctx } = options;
  const secondsLeft = (credential: GlobalCredential) =>
    Math.max(0, Math.floor((credential.expiresAt - ctx.clock.now()) / 1000));

  app.get<{ Querystring: { invalid?: string } }>(
    "/wechat/access-token",
    {
      config: { role: "service" },
      schema: {
        tags: ["wechat"],
        summary: "The global access_token (service keys only)",
        description:
          "Got 40001/42001 from WeChat with a token? Ask again with `?invalid=<that token>`: only when the held token is that one is it renewed (at most once a minute across all instances); a stale report gets the newer token. Within the minute a second refusal answers 502 `wechat_error` with `tokenRenewed` and `Retry-After`.",
        querystring: {
          type: "object",
          properties: {
            invalid: {
              type: "string",
              minLength: 1,
              maxLength: 512,
              description: "The token WeChat just refused (40001/42001)",
            },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            required: ["access_token", "expires_at", "expires_in"],
            properties: { access_token: { type: "string" }, ...expiry },
            additionalProperties: false,
          },
          ...errorResponses(400, 401, 403, 502),
        },
      },
    },
    async (request) => {
      const { invalid } = request.query;
      const credential =
        invalid === undefined
          ? await ctx.globalTokens.currentAccessToken()
          : await ctx.globalTokens.replaceRefusedAccessToken(invalid);
      return {
        access_token: credential.value,
        expires_at: credential.expiresAt,
        expires_in: secondsLeft(credential),
      };
    },
  );

  app.get(
    "/wechat/jsapi-ticket",
    {
      config: { role: "service" },
      schema: {
        tags: ["wechat"],
        summary: "The JS-SDK jsapi_ticket (service keys only)",
        response: {
          200: {
            type: "object",
            required: ["ticket", "expires_at", "expires_in"],
            properties: { ticket: { type: "string" }, ...expiry },
            additionalProperties: false,
          },
          ...errorResponses(401, 403, 502),
        },
      },
    },
    async () => {
      const credential = await ctx.globalTokens.currentJsapiTicket();
      return {
        ticket: credential.value,
        expires_at: credential.expiresAt,
        expires_in: secondsLeft(credential),
      };
    },
  );
}
