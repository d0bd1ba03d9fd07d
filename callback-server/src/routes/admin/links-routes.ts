import { buildAuthorizeUrl, checkAuthorizeLinkInput, type OAuthScope } from "@wxdesk/wechat";
import type { FastifyInstance } from "fastify";
import { sendError } from "../../plugins/error-handler.js";
import { menuLinkToken, signMenuLink } from "../oauth/menu-link.js";
import { safeNext } from "../oauth/next-target.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";
import { authorizeInputChecks, linkChecks } from "./links-checks.js";
import { pastedLinkVerdict } from "./pasted-link-verdict.js";

/** The direct link's fixed state: nothing to bind it to (that is what `direct_link_unbound` says). */
export const DIRECT_LINK_STATE = "wxdesk";

interface LinksBody {
  scope: OAuthScope;
  next?: string;
}

interface LinkCheckBody {
  url: string;
}

const linkCheckSchema = {
  type: "object",
  required: ["code", "level", "messageZh", "message"],
  properties: {
    code: { type: "string" },
    level: { type: "string", enum: ["error", "warning"] },
    messageZh: { type: "string" },
    message: { type: "string" },
  },
} as const;

/**
 * `POST links` (admin): the signed start link for a menu button, the WeChat authorize URL
 * itself, and what would break them. Both carry the same signed `{scope, next}`; the callback
 * re-checks `next` against the allowlist at every use. `POST links/check` (support): whether a pasted
 * link of this server would work (its signature can only be checked here, where the secret is).
 */
export default async function linksRoutes(app: FastifyInstance, options: AdminRoutesOptions): Promise<void> {
  const { config } = options.ctx;

  app.post<{ Body: LinksBody }>(
    "/links",
    {
      schema: {
        tags: ["links"],
        summary: "Build the menu start link and the direct authorize link, with checks",
        body: {
          type: "object",
          required: ["scope"],
          properties: {
            scope: { type: "string", enum: ["snsapi_base", "snsapi_userinfo"] },
            next: { type: "string", maxLength: 2048, default: "/" },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            required: ["startUrl", "directUrl", "checks"],
            properties: {
              startUrl: { type: "string" },
              directUrl: { type: "string" },
              checks: { type: "array", items: linkCheckSchema },
            },
          },
          ...errorResponses(400, 401, 403, 500),
        },
      },
    },
    async (request, reply) => {
      const { scope } = request.body;
      const next = safeNext(request.body.next, config);
      if (next === undefined) {
        return sendError(
          reply,
          400,
          "next_not_allowed",
          "next must be a path on the public URL or a URL on an origin in WXDESK_NEXT_ALLOW",
          "next 只能是本站的路径，或 WXDESK_NEXT_ALLOW 中允许的网站地址",
          { field: "body.next" },
        );
      }
      const link = { scope, next };
      // Signed with the secret /oauth/start and /oauth/callback verify with (start-route.ts).
      const startUrl = signMenuLink(link, config.sessionSecret, config.publicUrl);
      const authorize = {
        appid: config.appid,
        redirectUri: `${config.publicUrl}/oauth/callback?link=${menuLinkToken(link, config.sessionSecret)}`,
        scope,
        state: DIRECT_LINK_STATE,
        openBase: config.openBase,
      };
      const problems = checkAuthorizeLinkInput(authorize);
      if (problems.length > 0) {
        // Only the server's own settings feed this input: a configuration fault, not the caller's.
        return sendError(
          reply,
          500,
          "config_invalid",
          "The server's settings cannot make a WeChat authorize link",
          "服务器的设置无法生成微信授权链接",
          { checks: authorizeInputChecks(problems) },
        );
      }
      return {
        startUrl,
        directUrl: buildAuthorizeUrl(authorize),
        checks: linkChecks({ publicUrl: config.publicUrl, openBase: config.openBase, scope, next }),
      };
    },
  );
  app.post<{ Body: LinkCheckBody }>(
    "/links/check",
    {
      // Says only whether a link would work (never the secret): support staff check links users send them.
      config: { role: "support" },
      schema: {
        tags: ["links"],
        summary: "Check a pasted link against this server: signature, next, appid, authorize page",
        body: {
          type: "object",
          required: ["url"],
          properties: { url: { type: "string", minLength: 1, maxLength: 4096 } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            required: ["kind", "own", "checks"],
            properties: {
              kind: { type: "string", enum: ["start", "direct", "other"] },
              own: { type: "boolean" },
              scope: { type: "string", enum: ["snsapi_base", "snsapi_userinfo"] },
              next: { type: "string" },
              checks: { type: "array", items: linkCheckSchema },
            },
          },
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => pastedLinkVerdict(request.body.url, config),
  );
}
