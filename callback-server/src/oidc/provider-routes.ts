import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import type { OidcGateway } from "./oidc-gateway.js";
import { DISCOVERY_PATH, OIDC_PREFIX } from "./oidc-paths.js";

const METHODS: HTTPMethods[] = ["GET", "POST", "OPTIONS"];

/**
 * oidc-provider's own routes inside Fastify: for exactly those paths the raw request and response
 * go to the provider (a Koa app) in `onRequest`, before Fastify reads the body — the provider
 * parses its own forms and answers its own errors (OAuth JSON, or its error page). Everything else
 * stays Fastify's, with the server's error handler. `/oidc/interaction/…` is ours (more specific
 * routes win in Fastify's router). If the provider cannot be had (the store is down while the keys
 * are first read), the server's own 503 answers: a page on the browser's `/oidc/auth`, JSON elsewhere.
 */
export function registerProviderRoutes(app: FastifyInstance, gateway: OidcGateway): void {
  async function forward(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const live = await gateway.provider();
    reply.hijack();
    await live.handle(request.raw, reply.raw);
  }
  const notReached = async () => {
    throw new Error("an oidc-provider route reached its Fastify handler");
  };
  const route = (url: string, page: boolean) =>
    app.route({
      method: METHODS,
      url,
      ...(page ? { config: { page: {} } } : {}),
      onRequest: forward,
      handler: notReached,
    });
  // The authorization endpoint and its resume step are opened by browsers.
  route(`${OIDC_PREFIX}/auth`, true);
  route(`${OIDC_PREFIX}/auth/*`, true);
  route(`${OIDC_PREFIX}/*`, false);
  route(DISCOVERY_PATH, false);
}
