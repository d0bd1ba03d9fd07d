import type { ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import type { DeskHost } from "../desk/desk-host.js";
import type { DeskError } from "../desk-api.js";
import { type CallOutcome, toWireError, transportError } from "../shared/desk-error-wire.js";
import { isDeskMethod } from "../shared/desk-methods.js";
import { ACTIVITY_EVENT_NAME, BRIDGE_PATHS } from "./bridge-protocol.js";

/** Comment lines keep idle streams open through proxies and let a dead client be noticed. */
const HEARTBEAT_MS = 20_000;

/**
 * `POST /api/call` routes to `host.call` (which validates the arguments per method); `GET /api/events`
 * streams the host's live activity as server-sent events. Statuses: 200 ok, 400 `bad_input`,
 * 404 `unknown_method`, 422 another DeskError from the call, 500 `internal`.
 */
export function registerApiRoutes(app: FastifyInstance, host: DeskHost): void {
  app.post(BRIDGE_PATHS.call, async (request, reply) => {
    reply.header("cache-control", "no-store");
    const { method, args } = (
      typeof request.body === "object" && request.body !== null ? request.body : {}
    ) as {
      method?: unknown;
      args?: unknown;
    };
    if (!isDeskMethod(method)) return reply.code(404).send(failure(transportError("unknown_method")));
    if (!Array.isArray(args)) return reply.code(400).send(failure(transportError("bad_input")));
    try {
      const outcome: CallOutcome = { ok: true, result: await host.call(method, args) };
      return reply.send(outcome);
    } catch (error) {
      const deskError = toWireError(error);
      const status = deskError.code === "bad_input" ? 400 : deskError.code === "internal" ? 500 : 422;
      return reply.code(status).send(failure(deskError));
    }
  });

  const streams = new Set<ServerResponse>();
  app.get(BRIDGE_PATHS.events, (request, reply) => {
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      connection: "keep-alive",
    });
    const unsubscribe = host.api.activity.subscribe((event) => {
      stream.write(`id: ${event.id}\nevent: ${ACTIVITY_EVENT_NAME}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    // `retry` tells EventSource how soon to reconnect after a drop; the comment flushes the headers
    // (and, written after subscribing, tells a client that events from now on will reach it).
    stream.write("retry: 2000\n: connected\n\n");
    const heartbeat = setInterval(() => stream.write(": ping\n\n"), HEARTBEAT_MS);
    heartbeat.unref();
    streams.add(stream);
    request.raw.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(stream);
    });
  });

  // Open streams would keep `close()` waiting forever.
  app.addHook("preClose", async () => {
    for (const stream of streams) stream.end();
  });
}

function failure(error: DeskError): CallOutcome {
  return { ok: false, error };
}
