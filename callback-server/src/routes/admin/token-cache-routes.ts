import type { FastifyInstance } from "fastify";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";

const clearedSchema = {
  type: "object",
  required: ["ok", "appid", "dropped"],
  properties: {
    ok: { type: "boolean" },
    appid: { type: "string", description: "The AppID whose cached credentials were dropped (WXDESK_APPID)" },
    dropped: {
      type: "array",
      description: "What was cached and is now gone; empty when nothing was cached",
      items: { type: "string", enum: ["access_token", "jsapi_ticket"] },
    },
  },
} as const;

/**
 * `POST wechat/token-cache/clear` (admin): drops this AppID's cached global access_token and
 * jsapi_ticket, so the next menu call or JS-SDK signature fetches new ones. For an account whose
 * token was replaced elsewhere, or after fixing the AppSecret or whitelist: no restart needed.
 */
export default async function tokenCacheRoutes(
  app: FastifyInstance,
  options: AdminRoutesOptions,
): Promise<void> {
  const { ctx } = options;

  app.post(
    "/wechat/token-cache/clear",
    {
      schema: {
        tags: ["wechat"],
        summary: "Drop the cached access_token and jsapi_ticket of this AppID",
        response: { 200: clearedSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const cleared = await ctx.globalTokens.clearCache();
      // Names, not fields called "accessToken": the event bus drops any field whose name says token,
      // and an answer with such a field would look like it carries one.
      const dropped = [
        ...(cleared.accessToken ? ["access_token"] : []),
        ...(cleared.jsapiTicket ? ["jsapi_ticket"] : []),
      ];
      await ctx.events
        .publish("token_cache_cleared", { appid: ctx.config.appid, by: request.role ?? "admin", dropped })
        .catch((error: unknown) => {
          // The cache is cleared; a lost activity entry must not turn that into an error answer.
          request.log.warn(
            { err: error instanceof Error ? error.message : String(error) },
            "event not published",
          );
        });
      return { ok: true, appid: ctx.config.appid, dropped };
    },
  );
}
