import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendError } from "../../plugins/error-handler.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";

const keyViewProperties = {
  id: { type: "string" },
  name: { type: "string" },
  source: {
    type: "string",
    enum: ["settings", "admin"],
    description:
      "`settings`: from WXDESK_SERVICE_KEYS (revoked by changing the setting); `admin`: created here",
  },
  createdAt: { type: "number", description: "Epoch ms (created keys only)" },
  lastUsedAt: { type: "number", description: "Epoch ms, to the hour; absent when never used" },
} as const;

const keyViewSchema = {
  type: "object",
  required: ["id", "name", "source"],
  properties: keyViewProperties,
  additionalProperties: false,
} as const;

/** 1..64 characters, not blank, no control characters: a name a person reads in a list. */
const NAME_PATTERN = "^(?=.*\\S)[^\\u0000-\\u001f\\u007f]{1,64}$";

/**
 * Service keys (admin): list, create (the key is in that one answer, never again — only its sha256 is
 * kept), revoke. Keys from WXDESK_SERVICE_KEYS are listed too and cannot be revoked here.
 */
export default async function serviceKeysRoutes(
  app: FastifyInstance,
  options: AdminRoutesOptions,
): Promise<void> {
  const { ctx } = options;

  async function publish(request: FastifyRequest, data: Record<string, unknown>): Promise<void> {
    await ctx.events
      .publish("service_key", { ...data, by: request.role ?? "admin" })
      .catch((error: unknown) => {
        // The change is made; a lost activity entry must not turn that into an error answer.
        request.log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          "event not published",
        );
      });
  }

  app.get(
    "/service-keys",
    {
      schema: {
        tags: ["service-keys"],
        summary: "The service keys (never the keys themselves)",
        response: {
          200: {
            type: "object",
            required: ["keys"],
            properties: { keys: { type: "array", items: keyViewSchema } },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    async () => ({ keys: await ctx.serviceKeys.list() }),
  );

  app.post<{ Body: { name: string } }>(
    "/service-keys",
    {
      schema: {
        tags: ["service-keys"],
        summary: "Create a service key: the answer holds the key, shown this once",
        body: {
          type: "object",
          required: ["name"],
          properties: {
            name: {
              type: "string",
              pattern: NAME_PATTERN,
              description: "Which system uses it, 1–64 characters, unique",
            },
          },
          additionalProperties: false,
        },
        response: {
          201: {
            type: "object",
            required: ["id", "name", "source", "createdAt", "key"],
            properties: {
              ...keyViewProperties,
              key: { type: "string", description: "The key itself: in this answer only" },
            },
            additionalProperties: false,
          },
          ...errorResponses(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const name = request.body.name.trim();
      const outcome = await ctx.serviceKeys.create(name, request.role ?? "admin");
      if (!outcome.ok) {
        return outcome.reason === "name_taken"
          ? sendError(
              reply,
              409,
              "service_key_name_taken",
              "A service key with this name exists already: choose another name",
              "已有同名的服务密钥，请换一个名字",
            )
          : sendError(
              reply,
              409,
              "too_many_service_keys",
              "Too many service keys: revoke the ones no system uses any more",
              "服务密钥太多了：请先撤销不再使用的密钥",
            );
      }
      const { created } = outcome;
      await publish(request, { kind: "created", id: created.id, name: created.name });
      return reply.code(201).send(created);
    },
  );

  app.delete<{ Params: { keyId: string } }>(
    "/service-keys/:keyId",
    {
      schema: {
        tags: ["service-keys"],
        summary: "Revoke a created service key: the next request with it gets 401",
        params: {
          type: "object",
          required: ["keyId"],
          properties: { keyId: { type: "string", minLength: 1, maxLength: 64 } },
        },
        response: {
          200: { type: "object", required: ["ok"], properties: { ok: { type: "boolean" } } },
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const views = await ctx.serviceKeys.list();
      const outcome = await ctx.serviceKeys.revoke(request.params.keyId);
      if (outcome === "settings") {
        return sendError(
          reply,
          409,
          "service_key_in_settings",
          "This key comes from the server setting WXDESK_SERVICE_KEYS: remove it there and restart the server",
          "这个密钥来自服务器设置 WXDESK_SERVICE_KEYS：请在设置中删除它并重启服务器",
        );
      }
      if (outcome === "unknown") {
        return sendError(reply, 404, "unknown_service_key", "No such service key", "没有这个服务密钥");
      }
      const name = views.find((v) => v.id === request.params.keyId)?.name;
      await publish(request, { kind: "revoked", id: request.params.keyId, ...(name ? { name } : {}) });
      return { ok: true };
    },
  );
}
