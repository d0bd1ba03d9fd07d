import type { AppContext } from "../../app-context.js";
import type { OidcGateway } from "../../oidc/oidc-gateway.js";
import type { Role } from "../../plugins/admin-auth.js";

/**
 * What `index.ts` hands every admin route file, and what a route may set. In a file of its own so the
 * route files and `index.ts` (which registers them) do not import each other.
 */
export interface AdminRoutesOptions {
  ctx: AppContext;
}

/** The admin API as a whole also manages the OpenID Connect apps and keys. */
export interface AdminApiOptions extends AdminRoutesOptions {
  gateway: OidcGateway;
}

/** Who may call a route: set per route as `config: { role }`; absent means admin. */
export type RouteAccess = Role | "public";

declare module "fastify" {
  interface FastifyContextConfig {
    role?: RouteAccess;
  }
}
