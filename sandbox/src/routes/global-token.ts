import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseJsonBody, queryParam, wechatRoute } from "../request-helpers.js";
import type { GlobalTokenRecord } from "../state/global-token-store.js";
import type { SandboxState } from "../state/sandbox-state.js";
import { sendError, sendJson } from "../wechat-reply.js";

/** appid missing 41002 / unknown 40013, secret missing 41004 / wrong 40125, grant_type 40002 (§6.3). */
function checkCredentials(state: SandboxState, p: Record<string, unknown>): number | string {
  const { appid, secret, grant_type: grantType } = p;
  if (typeof appid !== "string" || appid === "") return 41002;
  const app = state.apps.get(appid);
  if (!app) return 40013;
  if (typeof secret !== "string" || secret === "") return 41004;
  if (secret !== app.secret) return 40125;
  if (grantType !== "client_credential") return 40002;
  return appid;
}

/**
 * Business endpoints (menu, ticket) take `?access_token=` from cgi-bin/token or stable_token:
 * missing 41001, malformed 40014, unknown/superseded 40001, expired 42001. Sends the error itself.
 */
export function requireGlobalToken(
  state: SandboxState,
  req: FastifyRequest,
  reply: FastifyReply,
): GlobalTokenRecord | undefined {
  const token = queryParam(req, "access_token");
  if (!token) {
    sendError(reply, state, 41001);
    return undefined;
  }
  const outcome = state.globalTokens.check(token);
  if (!outcome.ok) {
    sendError(reply, state, outcome.errcode);
    return undefined;
  }
  return outcome.value;
}

export function registerGlobalTokenRoutes(app: FastifyInstance, state: SandboxState): void {
  wechatRoute(app, state, "GET", "/cgi-bin/token", (req, reply) => {
    const appid = checkCredentials(state, req.query as Record<string, unknown>);
    if (typeof appid === "number") return sendError(reply, state, appid);
    const outcome = state.globalTokens.issueClassic(appid);
    if (!outcome.ok) return sendError(reply, state, outcome.errcode);
    return sendJson(reply, { access_token: outcome.value.accessToken, expires_in: outcome.value.expiresIn });
  });

  // §6.2: POST with a JSON body only; GET → 43002, form or broken body → 47001.
  wechatRoute(app, state, "POST", "/cgi-bin/stable_token", (req, reply) => {
    const body = parseJsonBody(req.body);
    if (!body.ok) return sendError(reply, state, body.errcode);
    const appid = checkCredentials(state, body.value);
    if (typeof appid === "number") return sendError(reply, state, appid);
    const force = body.value.force_refresh;
    if (force !== undefined && typeof force !== "boolean") return sendError(reply, state, 47001);
    const outcome = state.globalTokens.issueStable(appid, force === true);
    if (!outcome.ok) return sendError(reply, state, outcome.errcode);
    return sendJson(reply, { access_token: outcome.value.accessToken, expires_in: outcome.value.expiresIn });
  });
}
