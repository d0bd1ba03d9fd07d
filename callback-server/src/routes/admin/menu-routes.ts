import { type Menu, type MenuButton, validateDeskMenu } from "@wxdesk/wechat";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendError } from "../../plugins/error-handler.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";
import { applyMenuChange, type MenuVersionView } from "./menu-change.js";
import { sendMenuInvalid } from "./menu-invalid.js";
import { liveMenuFrom } from "./menu-live.js";
import { liveMenuSchema, menuSchema, menuVersionSchema, versionAnswerSchema } from "./menu-schemas.js";

const tags = ["menu"];

/** Who made a change, for the history: the role whose key the guard accepted. */
function actor(request: FastifyRequest): string {
  return request.role ?? "admin";
}

/**
 * The default menu (docs/admin-api.md "Routes"): read it live from WeChat, publish (validated first,
 * nothing sent when a rule is broken), delete, the version history and rollback. Admin only.
 */
export default async function menuRoutes(app: FastifyInstance, options: AdminRoutesOptions): Promise<void> {
  const { ctx } = options;

  app.get(
    "/menu",
    {
      schema: {
        tags,
        summary: "The menu WeChat shows now (menu/get); menu null when there is none (46003)",
        response: { 200: liveMenuSchema, ...errorResponses(401, 403, 502, 503) },
      },
    },
    async () => liveMenuFrom(await ctx.globalTokens.withAccessToken((token) => ctx.wechat.getMenu(token))),
  );

  app.put<{ Body: { button: MenuButton[] } }>(
    "/menu",
    {
      schema: {
        tags,
        summary: "Validate, publish (menu/create) and record a new default menu",
        body: menuSchema,
        response: { 200: versionAnswerSchema, ...errorResponses(400, 401, 403, 502, 503) },
      },
    },
    async (request, reply) => {
      // Only `button` goes to WeChat and into the history: nothing else of the body is WeChat's.
      const menu: Menu = { button: request.body.button };
      // WeChat's rules and wxdesk's own (two buttons with one key could not be told apart in a push).
      const problems = validateDeskMenu(menu);
      if (problems.length > 0) return sendMenuInvalid(reply, problems, "menu");
      const version = await applyMenuChange(ctx, { kind: "publish", menu }, actor(request), request.log);
      return { ok: true, version };
    },
  );

  app.delete(
    "/menu",
    {
      schema: {
        tags,
        summary: "Delete the menu (menu/delete — WeChat also removes every personalised menu) and record it",
        response: { 200: versionAnswerSchema, ...errorResponses(401, 403, 502, 503) },
      },
    },
    async (request) => {
      const version = await applyMenuChange(ctx, { kind: "delete", menu: null }, actor(request), request.log);
      return { ok: true, version };
    },
  );

  app.get<{ Querystring: { limit: number } }>(
    "/menu/history",
    {
      schema: {
        tags,
        summary: "Published, deleted and rolled-back versions, newest first",
        querystring: {
          type: "object",
          properties: { limit: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            required: ["versions"],
            properties: { versions: { type: "array", items: menuVersionSchema } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => ({
      versions: (await ctx.store.listMenuVersions(request.query.limit)) as MenuVersionView[],
    }),
  );

  app.post<{ Params: { id: number } }>(
    "/menu/rollback/:id",
    {
      schema: {
        tags,
        summary: "Publish an earlier version again (a delete version → no menu); recorded as a rollback",
        params: {
          type: "object",
          required: ["id"],
          properties: { id: { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
        },
        response: { 200: versionAnswerSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const target = (await ctx.store.getMenuVersion(id)) as MenuVersionView | undefined;
      if (!target) {
        return sendError(
          reply,
          404,
          "unknown_version",
          `There is no menu version ${id}`,
          `没有编号为 ${id} 的菜单版本`,
        );
      }
      // Checked again: the version was valid when published, but the rules may have tightened since.
      if (target.menu) {
        const problems = validateDeskMenu(target.menu);
        if (problems.length > 0) return sendMenuInvalid(reply, problems, "menu");
      }
      const version = await applyMenuChange(
        ctx,
        { kind: "rollback", menu: target.menu, rollbackOf: id },
        actor(request),
        request.log,
      );
      return { ok: true, version };
    },
  );
}
