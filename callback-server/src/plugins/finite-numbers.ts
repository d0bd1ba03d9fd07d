import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { sendError } from "./error-handler.js";

const notFinite = (value: unknown) => typeof value === "number" && !Number.isFinite(value);

/** The first query/path value that became ±Infinity, as `querystring.days`. */
function infiniteField(request: FastifyRequest): string | undefined {
  const parts: Array<[string, unknown]> = [
    ["querystring", request.query],
    ["params", request.params],
  ];
  for (const [part, values] of parts) {
    if (!values || typeof values !== "object") continue;
    for (const [name, value] of Object.entries(values)) {
      if (Array.isArray(value) ? value.some(notFinite) : notFinite(value)) return `${part}.${name}`;
    }
  }
  return undefined;
}

const refuseInfinity: preHandlerAsyncHookHandler = async function refuseInfinity(
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const field = infiniteField(request);
  if (field === undefined) return;
  return sendError(reply, 400, "bad_request", `${field} must be a finite number`, `${field} 不是有效的数字`, {
    field,
  });
};

/**
 * Ajv (8.20) coerces a query or path text such as `1e999` or `Infinity` to Infinity for an
 * `integer` schema and then skips `minimum`/`maximum`, which only test finite numbers: the value
 * reached handlers and `new Date(…)` threw (`GET stats?days=1e999` answered 500). Every route
 * whose querystring or params have a schema gets this check after validation, first of its
 * preHandlers; routes without one pay nothing. JSON bodies are not affected (Ajv refuses a
 * non-finite number there).
 */
export function refuseInfiniteNumbers(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (!route.schema?.querystring && !route.schema?.params) return;
    const own = route.preHandler;
    route.preHandler = [refuseInfinity, ...(own === undefined ? [] : Array.isArray(own) ? own : [own])];
  });
}
