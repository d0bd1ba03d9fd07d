import { type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { pathOf } from "./error-handler.js";

/**
 * One line per request, built only from safe fields: method, path (never the query: it carries
 * `code`, `state`, `secret`, tokens), status and time. Fastify's default is two lines, each passing
 * the request/reply objects through the serializers and the wildcard redact paths; at an OAuth
 * callback's rate that was a measurable share of its CPU. Error, 404 and stream lines stay
 * Fastify's own (serialized and redacted as before).
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {
    // Folded into the completion line.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) {
      super.requestCompleted(error, request, reply);
      return;
    }
    reply.log.info(
      {
        method: request.method,
        path: pathOf(request.url),
        statusCode: reply.statusCode,
        responseTime: reply.elapsedTime,
      },
      "request completed",
    );
  }
}
