import type { FastifyInstance } from "fastify";
import type { AppContext } from "../app-context.js";
import { registerInteractionRoutes } from "./interaction-routes.js";
import type { OidcGateway } from "./oidc-gateway.js";
import { registerProviderRoutes } from "./provider-routes.js";

export { createOidcGateway, type OidcGateway, type OidcOptions } from "./oidc-gateway.js";

export interface OidcRoutesOptions {
  ctx: AppContext;
  gateway: OidcGateway;
}

/**
 * The OpenID Connect provider (oidc/README.md): discovery, oidc-provider's endpoints under `/oidc/`
 * and the login step that runs the server's WeChat flow. Needs @fastify/cookie with the session
 * secret (buildApp registers it).
 */
export default async function oidcRoutes(app: FastifyInstance, options: OidcRoutesOptions): Promise<void> {
  registerProviderRoutes(app, options.gateway);
  registerInteractionRoutes(app, options.ctx, options.gateway);
}
