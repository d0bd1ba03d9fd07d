import type { AppContext } from "../../app-context.js";
import type { Role } from "../../plugins/admin-auth.js";

/**
 * What `index.ts` hands every admin route file, and what a route may set. In a file of its own so the
 * route files and `index.ts` (which registers them) do not import each other.
 */
export interface AdminRoutesOptions {
  ctx: AppContext;
}

/** Who may call a route: set per route as `config: { role }`; absent means admin. */
export type RouteAccess = Role | "public";

declare module "fastify" {
  interface FastifyContextConfig {
    role?: RouteAccess;
  }
}
