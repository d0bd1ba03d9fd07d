import { createNonce, jssdkSignature } from "@wxdesk/wechat";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app-context.js";
import { sendError } from "../../plugins/error-handler.js";

export interface JssdkOptions {
  ctx: AppContext;
}

const querySchema = {
  type: "object",
  required: ["url"],
  properties: { url: { type: "string", minLength: 1, maxLength: 4096 } },
} as const;

/** The page URL WeChat will check the signature against (§8.2): absolute http(s), no #fragment. */
function pageUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    if (url.username || url.password) return undefined;
    url.hash = "";
    return url;
  } catch {
    return undefined;
  }
}

/**
 * `GET /jssdk/config?url=…` → `{appId, timestamp, nonceStr, signature}` for `wx.config`. Only for
 * pages on the public origin or WXDESK_NEXT_ALLOW: a signature is a capability, not something to
 * hand any site. `jsApiList` is the page's choice, so it is not here.
 */
export default async function jssdkRoutes(app: FastifyInstance, options: JssdkOptions): Promise<void> {
  const { ctx } = options;
  const allowed = new Set([ctx.config.publicUrl, ...ctx.config.nextAllow]);

  app.get<{ Querystring: { url: string } }>(
    "/jssdk/config",
    { schema: { querystring: querySchema } },
    async (request, reply) => {
      const url = pageUrl(request.query.url);
      if (!url) {
        return sendError(
          reply,
          400,
          "bad_request",
          "querystring.url must be an absolute http(s) URL",
          "querystring.url 应为完整的 http(s) 网址",
          { field: "querystring.url" },
        );
      }
      if (!allowed.has(url.origin)) {
        return sendError(
          reply,
          400,
          "url_not_allowed",
          `Pages on ${url.origin} may not get a JS-SDK signature (allowed: the public URL and WXDESK_NEXT_ALLOW)`,
          `${url.origin} 上的页面不能获取 JS-SDK 签名（只允许公开地址和 WXDESK_NEXT_ALLOW 中的源）`,
        );
      }
      // §8.2: sign the page URL exactly as the page sees it (location.href), minus the #fragment.
      // Not re-serialized through URL: normalizing would change what WeChat compares against.
      const signedUrl = request.query.url.split("#")[0] as string;
      const ticket = await ctx.globalTokens.getJsapiTicket();
      const timestamp = Math.floor(ctx.clock.now() / 1000);
      const nonceStr = createNonce(16);
      const signature = jssdkSignature({ ticket, nonceStr, timestamp, url: signedUrl });
      reply.header("cache-control", "no-store");
      return { appId: ctx.config.appid, timestamp, nonceStr, signature };
    },
  );
}
