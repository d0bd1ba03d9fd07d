import { checkDeskRules, type MatchRule, type Menu, type MenuButton, validateDeskMenu } from "@wxdesk/wechat";
import type { z } from "zod";
import type { DeskApi, LiveMenu, MenuVersionView, PublishResult } from "../../desk-api.js";
import {
  conditionalAddedShape,
  historyShape,
  liveMenuShape,
  type menuVersionShape,
  okShape,
  tryMatchShape,
  versionAnswerShape,
} from "../admin/admin-shapes.js";
import { DeskApiError } from "../desk-api-error.js";
import { clientFor, type DeskContext } from "../desk-context.js";
import { diffMenus } from "../menu/menu-diff.js";

/** Publishing waits for WeChat through the server (global token, menu/create, retries). */
const PUBLISH_TIMEOUT_MS = 30_000;

function versionView(v: z.infer<typeof menuVersionShape>): MenuVersionView {
  return {
    id: v.id,
    kind: v.kind,
    at: v.at,
    by: v.by,
    menu: v.menu,
    ...(v.rollbackOf === undefined ? {} : { rollbackOf: v.rollbackOf }),
  };
}

/**
 * A refused publish is an answer, not a failure: `menu_invalid` carries the problems to show on
 * the tree, `wechat_error` WeChat's explanation. Anything else (network, key, role) rejects.
 */
function refusedPublish(error: unknown): PublishResult {
  if (error instanceof DeskApiError && error.code === "menu_invalid") {
    return { ok: false, problems: error.details?.problems ?? [], error: error.toJSON() };
  }
  if (error instanceof DeskApiError && error.code === "wechat_error")
    return { ok: false, error: error.toJSON() };
  throw error;
}

/**
 * wxdesk's own rules (two buttons with one key, `checkDeskRules`) are checked here as well as on the
 * server: a callback server deployed before a rule existed would send such a menu on to WeChat.
 */
function refusedByDeskRules(menu: Menu): PublishResult | undefined {
  const problems = checkDeskRules(menu);
  if (problems.length === 0) return undefined;
  const n = problems.length;
  const error = new DeskApiError(
    "menu_invalid",
    `The menu needs fixing in ${n} place${n === 1 ? "" : "s"}; nothing was sent to WeChat`,
    `菜单有 ${n} 处需要修改，没有提交给微信`,
    { problems },
  );
  return { ok: false, problems, error: error.toJSON() };
}

function activeId(ctx: DeskContext): string {
  return ctx.settings.get().activeId;
}

export function menuMethods(ctx: DeskContext): DeskApi["menu"] {
  return {
    async live(): Promise<LiveMenu> {
      const answer = await (await clientFor(ctx)).request({ path: "menu" }, liveMenuShape);
      return {
        menu: answer.menu,
        conditional: answer.conditional.map((c) => ({
          menuid: String(c.menuid),
          button: c.button,
          matchrule: c.matchrule,
        })),
      };
    },

    loadDraft: () => ctx.drafts.load(activeId(ctx)),
    saveDraft: (menu: Menu) => ctx.drafts.save(activeId(ctx), menu),
    // WeChat's rules and wxdesk's own (no two buttons with one key): what the server checks before publishing.
    validate: async (menu: Menu) => validateDeskMenu(menu),
    diff: async (draft: Menu, live: Menu | null) => diffMenus(draft, live),

    async publish(menu: Menu): Promise<PublishResult> {
      const refused = refusedByDeskRules(menu);
      if (refused) return refused;
      const client = await clientFor(ctx);
      try {
        const answer = await client.request(
          { method: "PUT", path: "menu", body: menu, timeoutMs: PUBLISH_TIMEOUT_MS },
          versionAnswerShape,
        );
        return { ok: true, versionId: answer.version.id };
      } catch (error) {
        return refusedPublish(error);
      }
    },

    async remove(): Promise<void> {
      await (await clientFor(ctx)).request(
        { method: "DELETE", path: "menu", timeoutMs: PUBLISH_TIMEOUT_MS },
        versionAnswerShape,
      );
    },

    async history(limit?: number): Promise<MenuVersionView[]> {
      const answer = await (await clientFor(ctx)).request(
        { path: "menu/history", query: { limit } },
        historyShape,
      );
      return answer.versions.map(versionView);
    },

    async rollback(id: number): Promise<PublishResult> {
      const client = await clientFor(ctx);
      try {
        const answer = await client.request(
          { method: "POST", path: `menu/rollback/${id}`, timeoutMs: PUBLISH_TIMEOUT_MS },
          versionAnswerShape,
        );
        return { ok: true, versionId: answer.version.id };
      } catch (error) {
        return refusedPublish(error);
      }
    },

    async addConditional(input: { button: MenuButton[]; matchrule: MatchRule }) {
      const answer = await (await clientFor(ctx)).request(
        { method: "POST", path: "menu/conditional", body: input, timeoutMs: PUBLISH_TIMEOUT_MS },
        conditionalAddedShape,
      );
      return { menuid: String(answer.menuid) };
    },

    async deleteConditional(menuid: string): Promise<void> {
      await (await clientFor(ctx)).request(
        {
          method: "DELETE",
          path: `menu/conditional/${encodeURIComponent(menuid)}`,
          timeoutMs: PUBLISH_TIMEOUT_MS,
        },
        okShape,
      );
    },

    async tryMatch(userId: string) {
      const answer = await (await clientFor(ctx)).request(
        { method: "POST", path: "menu/trymatch", body: { user_id: userId } },
        tryMatchShape,
      );
      return { button: answer.button };
    },
  };
}
