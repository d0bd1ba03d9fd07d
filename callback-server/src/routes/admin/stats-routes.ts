import { explainWeChatError } from "@wxdesk/wechat";
import type { FastifyInstance } from "fastify";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";

const DAY_MS = 86_400_000;

interface StatsQuery {
  days: number;
}

export interface FailureCount {
  count: number;
  titleZh: string;
  titleEn: string;
}

const statsSchema = {
  type: "object",
  required: ["since", "authorizationsPerDay", "failuresByErrcode", "users"],
  properties: {
    since: { type: "string", description: "First UTC day counted, YYYY-MM-DD" },
    authorizationsPerDay: { type: "object", additionalProperties: { type: "integer" } },
    failuresByErrcode: {
      type: "object",
      additionalProperties: {
        type: "object",
        required: ["count", "titleZh", "titleEn"],
        properties: { count: { type: "integer" }, titleZh: { type: "string" }, titleEn: { type: "string" } },
      },
    },
    users: { type: "integer" },
  },
} as const;

/** A failure counter's title: WeChat's errcode explained, or plain words when the event had none. */
export function failureTitle(errcode: string): { titleZh: string; titleEn: string } {
  const code = /^-?\d+$/.test(errcode) ? Number(errcode) : undefined;
  if (code === undefined) {
    return { titleZh: "没有错误码的失败", titleEn: "Failure without a WeChat error code" };
  }
  const { titleZh, titleEn } = explainWeChatError(code);
  return { titleZh, titleEn };
}

/**
 * `GET stats?days=` (support): authorizations per UTC day and failures by errcode since the
 * first of the last `days` days (today included), read from the store's counters, not a scan.
 */
export default async function statsRoutes(app: FastifyInstance, options: AdminRoutesOptions): Promise<void> {
  const { ctx } = options;

  app.get<{ Querystring: StatsQuery }>(
    "/stats",
    {
      config: { role: "support" },
      schema: {
        tags: ["stats"],
        summary: "Authorizations per day and failures by WeChat error code",
        querystring: {
          type: "object",
          properties: { days: { type: "integer", minimum: 1, maximum: 90, default: 30 } },
          additionalProperties: false,
        },
        response: { 200: statsSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      // UTC days, like the store's counters, so every instance agrees whatever its time zone.
      const since = new Date(ctx.clock.now() - (request.query.days - 1) * DAY_MS).toISOString().slice(0, 10);
      const [stats, users] = await Promise.all([ctx.store.statsSince(since), ctx.store.countUsers()]);
      const failuresByErrcode: Record<string, FailureCount> = {};
      for (const [errcode, count] of Object.entries(stats.failuresByErrcode)) {
        failuresByErrcode[errcode] = { count, ...failureTitle(errcode) };
      }
      return { since, authorizationsPerDay: stats.authorizationsPerDay, failuresByErrcode, users };
    },
  );
}
