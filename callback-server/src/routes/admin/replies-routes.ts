import type { FastifyInstance } from "fastify";
import type { AdminRoutesOptions } from "./index.js";

/** TODO: the `replies` routes of docs/admin-api.md. */
export default async function repliesRoutes(
  _app: FastifyInstance,
  _options: AdminRoutesOptions,
): Promise<void> {}
