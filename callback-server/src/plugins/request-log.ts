import { type FastifyBaseLogger, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { pathOf } from "./error-handler.js";

/**
 * One line per request, built only from safe fields: method, path (never the query: it carries
 * `code`, `state`, `secret`, tokens), status, time and the client's IP (`request.ip`: behind a
 * trusted proxy the address it forwarded, WXDESK_TRUST_PROXY). Fastify's default is two lines,
 * each passing the request/reply objects through the serializers and the wildcard redact paths; at
 * an OAuth callback's rate that was a measurable share of its CPU. 404 and stream lines stay
 * Fastify's own (serialized and redacted as before).
 *
 * The completion line skips the redact paths (a child logger without them): it holds only the
 * fields above, none of which can carry a secret, and matching the wildcard paths against every
 * line was about 1.5 % of a sign-in's CPU. Lines about failures, and everything routes log by
 * hand, still pass through them.
 */
export class RequestLog extends LogController {
  readonly #unredacted = new WeakMap<FastifyBaseLogger, FastifyBaseLogger>();

  #lineLogger(request: FastifyRequest): FastifyBaseLogger {
    const root = request.server.log;
    let logger = this.#unredacted.get(root);
    if (!logger) {
      logger = root.child({}, { redact: [] });
      this.#unredacted.set(root, logger);
    }
    return logger;
  }

  override incomingRequest(): void {
    // Folded into the completion line.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      path: pathOf(request.url),
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
      ip: request.ip,
    };
    if (!error) {
      this.#lineLogger(request).info({ reqId: request.id, ...line }, "request completed");
      return;
    }
    // The answer failed on the way out (the client went away mid-answer): the server's fault only
    // when the answer itself was a 5xx. A client's doing never writes at error level.
    const err = { name: error.name, message: error.message, code: (error as NodeJS.ErrnoException).code };
    if (reply.statusCode >= 500) reply.log.error({ ...line, err }, "request errored");
    else reply.log.warn({ ...line, err }, "request errored");
  }
}
