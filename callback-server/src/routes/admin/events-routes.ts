import type { FastifyInstance } from "fastify";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";
import { type EventStreamOptions, runEventStream } from "./events-stream.js";

export interface EventsRoutesOptions extends AdminRoutesOptions {
  /** Ping interval and slow-client bound of `GET events` (tests shorten them). */
  stream?: EventStreamOptions;
}

const storedEventSchema = {
  type: "object",
  required: ["id", "type", "at", "data"],
  properties: {
    id: { type: "integer" },
    type: { type: "string" },
    at: { type: "number" },
    data: { type: "object", additionalProperties: true },
  },
} as const;

const afterIdSchema = { type: "integer", minimum: 0 } as const;

interface RecentQuery {
  limit: number;
  afterId?: number;
}
interface StreamQuery {
  afterId?: number;
}
interface StreamHeaders {
  "last-event-id"?: string;
}

/**
 * `GET events/recent` (JSON) and `GET events` (server-sent events), both support. The stream
 * replays stored events after the client's id, then sends live ones from the event bus, which
 * with Redis carries every instance's events (context/event-bus.ts).
 */
export default async function eventsRoutes(
  app: FastifyInstance,
  options: EventsRoutesOptions,
): Promise<void> {
  const { ctx } = options;

  app.get<{ Querystring: RecentQuery }>(
    "/events/recent",
    {
      config: { role: "support" },
      schema: {
        tags: ["events"],
        summary: "Stored events, oldest first",
        querystring: {
          type: "object",
          properties: {
            limit: { type: "integer", minimum: 1, maximum: 500, default: 100 },
            afterId: afterIdSchema,
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            required: ["events"],
            properties: { events: { type: "array", items: storedEventSchema } },
          },
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { limit, afterId } = request.query;
      return { events: await ctx.store.listEvents({ limit, ...(afterId === undefined ? {} : { afterId }) }) };
    },
  );

  app.get<{ Querystring: StreamQuery; Headers: StreamHeaders }>(
    "/events",
    {
      // A HEAD would open a stream that can never carry anything.
      exposeHeadRoute: false,
      config: { role: "support" },
      schema: {
        tags: ["events"],
        summary: "Live events as server-sent events",
        description:
          "Stored events after `Last-Event-ID` (or `afterId`; the header wins, as a reconnecting EventSource keeps its URL), at most 500, then live ones. `id:` = event id, `event:` = type, `data:` = the StoredEvent JSON; `: ping` every 15 s.",
        querystring: { type: "object", properties: { afterId: afterIdSchema }, additionalProperties: false },
        headers: {
          type: "object",
          properties: { "last-event-id": { type: "string", pattern: "^[0-9]{0,15}$" } },
        },
        response: {
          200: {
            description: "text/event-stream",
            content: { "text/event-stream": { schema: { type: "string" } } },
          },
          ...errorResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      const header = request.headers["last-event-id"];
      const afterId = header !== undefined && header !== "" ? Number(header) : request.query.afterId;
      // From here on the route writes the stream itself; Fastify sends nothing more.
      reply.hijack();
      try {
        await runEventStream({
          raw: reply.raw,
          store: ctx.store,
          events: ctx.events,
          afterId,
          ...(options.stream ? { options: options.stream } : {}),
        });
      } catch (error) {
        request.log.warn({ err: error }, "event stream replay failed");
      }
    },
  );
}
