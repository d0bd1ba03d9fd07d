import type { ServerOptions } from "node:http";
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import type { HttpTimeouts } from "../config/server-config.js";

/**
 * How long a client may take, as Fastify/Node server options. Fastify's own defaults leave a
 * request body unbounded (`requestTimeout: 0`): a client announcing `Content-Length: 100` and
 * sending 5 bytes held its connection for good. Node enforces the header and request bounds on
 * a sweep every `connectionsCheckingInterval` (30 s by default, too coarse for a 10 s bound): the
 * sweep runs at a quarter of the shortest bound, at most once a second.
 */
export function connectionLimits(timeouts: HttpTimeouts): {
  http: ServerOptions;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
} {
  const sweepMs = Math.min(1000, Math.max(50, Math.floor(timeouts.headersMs / 4)));
  return {
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: sweepMs,
    },
    // Fastify applies these three to the server again after creating it.
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.idleMs,
  };
}

const CLIENT_ERRORS = {
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    "request_timeout",
    "The request did not arrive in time",
    "请求没有按时送达",
  ],
  HPE_HEADER_OVERFLOW: [431, "headers_too_large", "Request headers too large", "请求头过大"],
} as const satisfies Record<string, readonly [number, string, string, string]>;

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

/**
 * Node's `clientError` (a timed-out or malformed request, before any route runs), answered in the
 * one error shape `{error: {code, message, messageZh}}` and closed. Logged at debug: a slow or
 * broken client is routine on the internet, not the server's fault.
 */
export function answerClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, message, messageZh] =
    CLIENT_ERRORS[error.code as keyof typeof CLIENT_ERRORS] ??
    ([400, "bad_request", "Malformed HTTP request", "请求格式有误"] as const);
  this.log.debug({ code: error.code, status }, "client error");
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message, messageZh } });
  // Gone once the answer is flushed, whether or not the client ever closes its side.
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Bad Request"}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
