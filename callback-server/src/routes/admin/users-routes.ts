import type { FastifyInstance } from "fastify";
import type { AdminRoutesOptions } from "./index.js";

/** TODO: the `users` routes of docs/admin-api.md. */
export default async function usersRoutes(
  _app: FastifyInstance,
  _options: AdminRoutesOptions,
): Promise<void> {}
