import type { FastifyInstance } from "fastify";
import type { AdminRoutesOptions } from "./index.js";

/** TODO: the `stats` routes of docs/admin-api.md. */
export default async function statsRoutes(
  _app: FastifyInstance,
  _options: AdminRoutesOptions,
): Promise<void> {}
