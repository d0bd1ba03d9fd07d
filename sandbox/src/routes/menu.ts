import type { FastifyInstance } from "fastify";
import { parseJsonBody, wechatRoute } from "../request-helpers.js";
import { conditionalMenuVerdict, menuCreateVerdict } from "../rules/menu-rules.js";
import type { SandboxUser } from "../state/fixtures.js";
import type { SandboxState } from "../state/sandbox-state.js";
import { sendError, sendJson, sendOk } from "../wechat-reply.js";
import { requireGlobalToken } from "./global-token.js";

const PLATFORM_CODES: Record<SandboxUser["platform"], string> = { iOS: "1", Android: "2", other: "3" };

type StoredButton = Record<string, unknown> & { sub_button?: unknown };

/** §7.3: `menu/get` shows `sub_button` on every button, an empty list when it has none. */
function normalized(buttons: unknown[]): StoredButton[] {
  return (buttons as StoredButton[]).map(({ sub_button: sub, ...rest }) => ({
    ...rest,
    sub_button: Array.isArray(sub) ? normalized(sub) : [],
  }));
}

/** §7.3: `menu/get` reports the tag as `group_id` (legacy name) and numbers as numbers. */
function matchRuleForGet(rule: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rule)) {
    if (value === undefined || value === null || value === "") continue;
    const name = key === "tag_id" ? "group_id" : key;
    const numeric = typeof value === "string" && /^\d+$/.test(value) && name !== "language";
    out[name] = numeric ? Number(value) : value;
  }
  return out;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** §7.5: tag and platform; privacy fields never get stored (65320 on create). */
function ruleMatches(rule: Record<string, unknown>, user: SandboxUser): boolean {
  if (isSet(rule.tag_id) && !user.tags.includes(Number(rule.tag_id))) return false;
  if (
    isSet(rule.client_platform_type) &&
    String(rule.client_platform_type) !== PLATFORM_CODES[user.platform]
  ) {
    return false;
  }
  return true;
}

/** §7.4: `get_current_selfmenu_info` wraps sub-buttons as `{list: [...]}`. */
function selfMenuButton(button: unknown): unknown {
  const { sub_button: sub, ...rest } = button as StoredButton;
  if (Array.isArray(sub) && sub.length > 0) {
    return { name: rest.name, sub_button: { list: sub.map((s) => ({ ...s, sub_button: undefined })) } };
  }
  return rest;
}

export function registerMenuRoutes(app: FastifyInstance, state: SandboxState): void {
  wechatRoute(app, state, "POST", "/cgi-bin/menu/create", (req, reply) => {
    const token = requireGlobalToken(state, req, reply);
    if (!token) return reply;
    const body = parseJsonBody(req.body);
    if (!body.ok) return sendError(reply, state, body.errcode);
    const errcode = menuCreateVerdict(body.value);
    if (errcode !== undefined) return sendError(reply, state, errcode);
    state.menus.setDefault(token.appid, body.value.button as unknown[]);
    return sendOk(reply);
  });

  wechatRoute(app, state, "GET", "/cgi-bin/menu/get", (req, reply) => {
    const token = requireGlobalToken(state, req, reply);
    if (!token) return reply;
    const menu = state.menus.getDefault(token.appid);
    if (!menu) return sendError(reply, state, 46003);
    const conditional = state.menus.conditional(token.appid);
    const body: Record<string, unknown> = { menu: { button: normalized(menu.button) } };
    // §7.3: `menu.menuid` and `conditionalmenu` come only with personalised menus; a plain menu is
    // `{"menu":{"button":[…]}}` (wechatpy's fixture menu_get.json, WxJava's WxMpMenu tests).
    if (conditional.length > 0) {
      body.menu = { button: normalized(menu.button), menuid: menu.menuid };
      body.conditionalmenu = conditional.map((c) => ({
        button: normalized(c.button),
        matchrule: matchRuleForGet(c.matchrule),
        menuid: c.menuid,
      }));
    }
    return sendJson(reply, body);
  });

  wechatRoute(app, state, "GET", "/cgi-bin/menu/delete", (req, reply) => {
    const token = requireGlobalToken(state, req, reply);
    if (!token) return reply;
    state.menus.deleteAll(token.appid);
    return sendOk(reply);
  });

  wechatRoute(app, state, "POST", "/cgi-bin/menu/addconditional", (req, reply) => {
    const token = requireGlobalToken(state, req, reply);
    if (!token) return reply;
    const body = parseJsonBody(req.body);
    if (!body.ok) return sendError(reply, state, body.errcode);
    if (!state.menus.getDefault(token.appid)) return sendError(reply, state, 65303);
    const errcode = conditionalMenuVerdict(body.value);
    if (errcode !== undefined) return sendError(reply, state, errcode);
    const menuid = state.menus.addConditional(
      token.appid,
      body.value.button as unknown[],
      body.value.matchrule as Record<string, unknown>,
    );
    // §7: addconditional answers the id as a string (menu/get shows it as a number).
    return sendJson(reply, { menuid: String(menuid) });
  });

  wechatRoute(app, state, "POST", "/cgi-bin/menu/delconditional", (req, reply) => {
    const token = requireGlobalToken(state, req, reply);
    if (!token) return reply;
    const body = parseJsonBody(req.body);
    if (!body.ok) return sendError(reply, state, body.errcode);
    const menuid = Number(body.value.menuid);
    if (!Number.isInteger(menuid) || !state.menus.deleteConditional(token.appid, menuid)) {
      return sendError(reply, state, 65301);
    }
    return sendOk(reply);
  });

  wechatRoute(app, state, "POST", "/cgi-bin/menu/trymatch", (req, reply) => {
    const token = requireGlobalToken(state, req, reply);
    if (!token) return reply;
    const body = parseJsonBody(req.body);
    if (!body.ok) return sendError(reply, state, body.errcode);
    const userId = body.value.user_id;
    const user = typeof userId === "string" ? state.userByOpenid(token.appid, userId) : undefined;
    if (!user) return sendError(reply, state, 65302);
    const conditional = state.menus.conditional(token.appid);
    // §7.5: newest matching conditional menu wins, else the default menu.
    for (let i = conditional.length - 1; i >= 0; i -= 1) {
      const candidate = conditional[i];
      if (candidate && ruleMatches(candidate.matchrule, user)) {
        return sendJson(reply, { button: normalized(candidate.button) });
      }
    }
    const menu = state.menus.getDefault(token.appid);
    if (!menu) return sendError(reply, state, 46003);
    return sendJson(reply, { button: normalized(menu.button) });
  });

  // [?] §7.4: with no menu at all the sandbox answers is_menu_open 0 and no selfmenu_info.
  wechatRoute(app, state, "GET", "/cgi-bin/get_current_selfmenu_info", (req, reply) => {
    const token = requireGlobalToken(state, req, reply);
    if (!token) return reply;
    const menu = state.menus.getDefault(token.appid);
    if (!menu) return sendJson(reply, { is_menu_open: 0 });
    return sendJson(reply, { is_menu_open: 1, selfmenu_info: { button: menu.button.map(selfMenuButton) } });
  });
}
