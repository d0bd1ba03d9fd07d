import type { FastifyInstance } from "fastify";
import type { AdminApiOptions } from "./admin-route-options.js";
import { signingKeySchema } from "./apps-schemas.js";
import { errorResponses } from "./error-responses.js";

const tags = ["signing-keys"];

/**
 * `/signing-keys`: the OpenID Connect provider's ES256 keys (never their private parts).
 * `POST signing-keys/rotate` publishes a new key at once; it signs from `activeFrom` (10 minutes
 * later, once every instance publishes it) and the old one stays published a day after that, so
 * no token stops verifying. The keys also rotate by themselves every 90 days.
 */
export default async function signingKeysRoutes(
  app: FastifyInstance,
  options: AdminApiOptions,
): Promise<void> {
  const { gateway } = options;

  app.get(
    "/signing-keys",
    {
      schema: {
        tags,
        summary: "The signing keys: the next one, the active one, retired ones still published",
        response: {
          200: {
            type: "object",
            required: ["keys"],
            properties: { keys: { type: "array", items: signingKeySchema } },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    async () => {
      // The first key is made here if the provider has not signed anything yet.
      await gateway.keys.current();
      return { keys: await gateway.keys.list() };
    },
  );

  app.post(
    "/signing-keys/rotate",
    {
      schema: {
        tags,
        summary: "Make a new signing key (published now, signing from activeFrom)",
        response: {
          200: { type: "object", required: ["key"], properties: { key: signingKeySchema } },
          ...errorResponses(401, 403),
        },
      },
    },
    async () => {
      const key = await gateway.keys.rotate();
      // This instance publishes it at once; the others within their key refresh (30 s).
      await gateway.refreshKeys();
      return { key };
    },
  );
}
