import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app-context.js";
import { type CallbackOptions, registerCallbackRoute } from "./callback-route.js";
import { registerLandingRoutes } from "./landing-routes.js";
import { registerStartRoute } from "./start-route.js";
import { registerVerifyRoute } from "./verify-route.js";

export { type MenuLinkInput, menuLinkToken, signMenuLink, verifyMenuLink } from "./menu-link.js";
export { safeNext } from "./next-target.js";

export interface OAuthRoutesOptions extends CallbackOptions {
  ctx: AppContext;
}

/**
 * The live OAuth flow (DESIGN.md "Callback server behaviour"): `/oauth/start`, `/oauth/callback`,
 * `/oauth/snapshot`, the landing page `/`, `/api/me` and forward auth for nginx, `/oauth/verify`. Needs @fastify/cookie registered with
 * `secret = config.sessionSecret` (buildApp does).
 */
export default async function oauthRoutes(app: FastifyInstance, options: OAuthRoutesOptions): Promise<void> {
  const { ctx, ...callbackOptions } = options;
  registerStartRoute(app, ctx);
  registerCallbackRoute(app, ctx, callbackOptions);
  registerLandingRoutes(app, ctx);
  registerVerifyRoute(app, ctx);
}
