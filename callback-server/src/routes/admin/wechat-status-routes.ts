import type { FastifyInstance } from "fastify";
import { createWechatReachability } from "../../context/wechat-reachability.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";

const statusSchema = {
  type: "object",
  required: ["reachable", "checkedAt", "detail", "message", "messageZh"],
  properties: {
    reachable: { type: "boolean" },
    checkedAt: { type: "integer", description: "Epoch ms of the probe this answer comes from" },
    detail: { type: "string", description: "`HTTP <status>` (any answer counts), or why it failed" },
    message: { type: "string" },
    messageZh: { type: "string" },
  },
} as const;

/**
 * `GET wechat-status` (support): can this server reach WeChat's API? Kept out of `/readyz` on purpose
 * (routes/health): a WeChat blip must not take every instance out of a load balancer. One probe per
 * 30 s at most, made only when an admin asks — no public request ever triggers it.
 */
export default async function wechatStatusRoutes(
  app: FastifyInstance,
  options: AdminRoutesOptions,
): Promise<void> {
  const { ctx } = options;
  const reachability = createWechatReachability({ apiBase: ctx.config.apiBase, clock: ctx.clock });

  app.get(
    "/wechat-status",
    {
      config: { role: "support" },
      schema: {
        tags: ["info"],
        summary: "Whether this server can reach WeChat's API (probed at most every 30 s)",
        response: { 200: statusSchema, ...errorResponses(401) },
      },
    },
    async () => reachability(),
  );
}
