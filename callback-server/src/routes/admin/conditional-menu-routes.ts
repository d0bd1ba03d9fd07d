import { type MatchRule, type MenuButton, validateDeskMenu, validateMatchRule } from "@wxdesk/wechat";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { AppContext } from "../../app-context.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";
import { sendMenuInvalid } from "./menu-invalid.js";
import { cleanMatchRule, normalizeButtons } from "./menu-live.js";
import { buttonListSchema, matchRuleSchema, okSchema } from "./menu-schemas.js";

const tags = ["menu"];

/** Publishing a `menu` activity event must not turn a change WeChat already made into an error answer. */
async function announce(
  ctx: AppContext,
  log: FastifyBaseLogger,
  data: Record<string, unknown>,
): Promise<void> {
  await ctx.events.publish("menu", data).catch((error: unknown) => {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "menu event not published");
  });
}

/**
 * Personalised menus (§7.5): add (validated first), delete by menuid, and "which menu would this
 * user see" (trymatch). WeChat keeps them; they are not part of the default menu's history. Admin only.
 */
export default async function conditionalMenuRoutes(
  app: FastifyInstance,
  options: AdminRoutesOptions,
): Promise<void> {
  const { ctx } = options;

  app.post<{ Body: { button: MenuButton[]; matchrule: MatchRule } }>(
    "/menu/conditional",
    {
      schema: {
        tags,
        summary: "Validate and add a personalised menu (menu/addconditional); needs a default menu (65303)",
        body: {
          type: "object",
          required: ["button", "matchrule"],
          properties: { button: buttonListSchema, matchrule: matchRuleSchema },
        },
        response: {
          200: { type: "object", required: ["menuid"], properties: { menuid: { type: "string" } } },
          ...errorResponses(400, 401, 403, 502, 503),
        },
      },
    },
    async (request, reply) => {
      const { button, matchrule } = request.body;
      const problems = [...validateDeskMenu({ button }), ...validateMatchRule(matchrule)];
      if (problems.length > 0) return sendMenuInvalid(reply, problems, "rule");
      // Only the fields WeChat knows, set ones only (§7.5: "" means unset anyway).
      const rule = cleanMatchRule(matchrule as Record<string, unknown>);
      const { menuid } = await ctx.globalTokens.withAccessToken((token) =>
        ctx.wechat.addConditionalMenu(token, { button, matchrule: rule }),
      );
      await announce(ctx, request.log, {
        kind: "conditional_add",
        menuid,
        matchrule: rule,
        by: request.role ?? "admin",
      });
      return { menuid };
    },
  );

  app.delete<{ Params: { menuid: string } }>(
    "/menu/conditional/:menuid",
    {
      schema: {
        tags,
        summary: "Delete a personalised menu (menu/delconditional; unknown menuid → 502 with errcode 65301)",
        params: {
          type: "object",
          required: ["menuid"],
          properties: { menuid: { type: "string", pattern: "^[0-9]{1,20}$" } },
        },
        response: { 200: okSchema, ...errorResponses(400, 401, 403, 502, 503) },
      },
    },
    async (request) => {
      const { menuid } = request.params;
      await ctx.globalTokens.withAccessToken((token) => ctx.wechat.deleteConditionalMenu(token, menuid));
      await announce(ctx, request.log, { kind: "conditional_delete", menuid, by: request.role ?? "admin" });
      return { ok: true };
    },
  );

  app.post<{ Body: { user_id: string } }>(
    "/menu/trymatch",
    {
      schema: {
        tags,
        summary: "The menu a follower would see (menu/trymatch): user_id is an openid or a WeChat ID",
        body: {
          type: "object",
          required: ["user_id"],
          properties: { user_id: { type: "string", minLength: 1, maxLength: 128, pattern: "\\S" } },
        },
        response: {
          200: { type: "object", required: ["button"], properties: { button: buttonListSchema } },
          ...errorResponses(400, 401, 403, 502, 503),
        },
      },
    },
    async (request) => {
      const { button } = await ctx.globalTokens.withAccessToken((token) =>
        ctx.wechat.tryMatchMenu(token, request.body.user_id.trim()),
      );
      return { button: normalizeButtons(button) };
    },
  );
}
