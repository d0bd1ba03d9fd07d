import type { FastifyInstance } from "fastify";
import { queryParam, wechatRoute } from "../request-helpers.js";
import type { SandboxState } from "../state/sandbox-state.js";
import { sendError, sendOk } from "../wechat-reply.js";
import { requireGlobalToken } from "./global-token.js";

const TICKET_TYPES: ReadonlySet<string> = new Set(["jsapi", "wx_card"]);

/** §8.1: success carries errcode 0 *and* data; the same ticket while it is valid. */
export function registerTicketRoutes(app: FastifyInstance, state: SandboxState): void {
  wechatRoute(app, state, "GET", "/cgi-bin/ticket/getticket", (req, reply) => {
    const token = requireGlobalToken(state, req, reply);
    if (!token) return reply;
    const type = queryParam(req, "type") ?? "jsapi";
    if (!TICKET_TYPES.has(type)) return sendError(reply, state, 40097);
    const ticket = state.globalTokens.ticket(token.appid, type);
    return sendOk(reply, { ticket: ticket.ticket, expires_in: ticket.expiresIn });
  });
}
