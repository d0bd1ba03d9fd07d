import type { FastifyInstance } from "fastify";
import type { AdminRoutesOptions } from "./index.js";

/** TODO: the `links` routes of docs/admin-api.md. */
export default async function linksRoutes(
  _app: FastifyInstance,
  _options: AdminRoutesOptions,
): Promise<void> {}
