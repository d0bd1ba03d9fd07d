import type { FastifyInstance } from "fastify";
import { type Role, requireRole } from "../../plugins/admin-auth.js";
import type { AdminApiOptions } from "./admin-route-options.js";
import appsRoutes from "./apps-routes.js";
import conditionalMenuRoutes from "./conditional-menu-routes.js";
import { errorResponses } from "./error-responses.js";
import eventsRoutes from "./events-routes.js";
import infoRoutes from "./info-routes.js";
import linksRoutes from "./links-routes.js";
import menuRoutes from "./menu-routes.js";
import repliesRoutes from "./replies-routes.js";
import serviceKeysRoutes from "./service-keys-routes.js";
import signingKeysRoutes from "./signing-keys-routes.js";
import statsRoutes from "./stats-routes.js";
import tokenCacheRoutes from "./token-cache-routes.js";
import usersRoutes from "./users-routes.js";
import wechatStatusRoutes from "./wechat-status-routes.js";
import wechatTokenRoutes from "./wechat-token-routes.js";

const CHECKS: Record<Role, ReturnType<typeof requireRole>> = {
  admin: requireRole("admin"),
  support: requireRole("support"),
  service: requireRole("service"),
};

/**
 * `/admin/api/…`. The key is checked in `onRequest`, before the body is read or validated: a
 * caller without a key learns nothing from validation messages. Admin-only unless a route says
 * otherwise, so a route that forgets to choose is safe.
 */
export default async function adminRoutes(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  const { ctx, gateway } = options;

  app.addHook("onRequest", async function guard(request, reply) {
    const access = request.routeOptions.config.role ?? "admin";
    if (access === "public") return;
    const check = CHECKS[access];
    // Returning the reply tells Fastify it was answered (401/403) and nothing else runs.
    return check.call(this, request, reply);
  });
  // Admin answers are about one account's users and menu: never cached by anything in between.
  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });

  // Any route may meet a store that is down (503 `store_unavailable`): documented once, here.
  app.addHook("onRoute", (route) => {
    const response = route.schema?.response as Record<number, unknown> | undefined;
    if (response && !(503 in response)) Object.assign(response, errorResponses(503));
  });

  app.get("/openapi.json", { config: { role: "public" }, schema: { hide: true } }, async () => app.swagger());

  await app.register(infoRoutes, { ctx });
  await app.register(usersRoutes, { ctx, signIns: gateway.signIns });
  await app.register(statsRoutes, { ctx });
  await app.register(eventsRoutes, { ctx });
  await app.register(linksRoutes, { ctx });
  await app.register(menuRoutes, { ctx });
  await app.register(conditionalMenuRoutes, { ctx });
  await app.register(repliesRoutes, { ctx });
  await app.register(wechatStatusRoutes, { ctx });
  await app.register(tokenCacheRoutes, { ctx });
  await app.register(appsRoutes, { ctx, gateway });
  await app.register(signingKeysRoutes, { ctx, gateway });
  // The gateway's token holder (issue 12): service keys, and the routes they may call.
  await app.register(serviceKeysRoutes, { ctx });
  await app.register(wechatTokenRoutes, { ctx });
}
