import { validateReplies } from "@wxdesk/wechat";
import type { FastifyInstance } from "fastify";
import { sendError } from "../../plugins/error-handler.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";
import { repliesAnswerSchema, repliesBodySchema } from "./replies-schemas.js";

const tags = ["replies"];

/**
 * 200 text replies of 2048 bytes with every CJK character escaped as \uXXXX come close to 1 MiB;
 * the app-wide 256 KiB limit would refuse a valid configuration with 413.
 */
const REPLIES_BODY_LIMIT = 1024 * 1024;

/**
 * The passive replies the message endpoint sends (§9.3): by menu `click` key, and on `subscribe`.
 * Stored as a whole; the push endpoint reads them on every tap, so a change applies at once. Admin only.
 */
export default async function repliesRoutes(
  app: FastifyInstance,
  options: AdminRoutesOptions,
): Promise<void> {
  const { ctx } = options;

  app.get(
    "/replies",
    {
      schema: {
        tags,
        summary: "The configured replies",
        response: { 200: repliesAnswerSchema, ...errorResponses(401, 403) },
      },
    },
    async () => ctx.store.getReplies(),
  );

  app.put(
    "/replies",
    {
      bodyLimit: REPLIES_BODY_LIMIT,
      schema: {
        tags,
        summary: "Replace every reply (checked first; nothing is stored when a rule is broken)",
        body: repliesBodySchema,
        response: { 200: repliesAnswerSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { problems, settings } = validateReplies(request.body);
      if (!settings) {
        const n = problems.length;
        return sendError(
          reply,
          400,
          "replies_invalid",
          `The replies break ${n} rule${n === 1 ? "" : "s"}; nothing was saved`,
          `自动回复有 ${n} 处不符合规则，没有保存`,
          { problems },
        );
      }
      await ctx.store.putReplies(settings);
      return settings;
    },
  );
}
