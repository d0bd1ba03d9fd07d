import type { FastifyInstance } from "fastify";
import type { AdminRoutesOptions } from "./index.js";

/** TODO: the `info` routes of docs/admin-api.md. */
export default async function infoRoutes(
  _app: FastifyInstance,
  _options: AdminRoutesOptions,
): Promise<void> {}
