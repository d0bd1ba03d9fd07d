import { isLoopbackHost } from "@wxdesk/callback-server";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type BridgeErrorCode, bridgeError } from "./bridge-errors.js";
import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from "./bridge-protocol.js";
import { bridgeCookieName, isToken, readCookie } from "./bridge-token.js";

export interface BridgeGuardOptions {
  token: string;
  /** The port actually listened on (known only after `listen`). */
  getPort: () => number;
}

/**
 * Runs before every route. A loopback server is reachable from any web page the user opens, so:
 * 1. Host must be 127.0.0.1:<port>, localhost:<port> or [::1]:<port> — a DNS-rebinding page arrives
 *    with its own host name in Host (the same check as the local callback server's and the sandbox's).
 * 2. An Origin header, when sent, must be the bridge's own.
 * 3. The per-run token cookie is required everywhere except on the entry link `/?token=…` (which sets it).
 * 4. Anything but GET/HEAD must carry the custom request header (CSRF).
 */
export function bridgeGuard({ token, getPort }: BridgeGuardOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const port = getPort();
    const host = request.headers.host ?? "";
    if (!isLoopbackHost(host, port)) return refuse(reply, request, "forbidden_host");

    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`)
      return refuse(reply, request, "forbidden_origin");

    const path = request.url.split("?")[0];
    const isEntryLink = request.method === "GET" && path === "/" && hasTokenParameter(request.url);
    if (!isEntryLink && !isToken(readCookie(request.headers.cookie, bridgeCookieName(port)), token)) {
      return refuse(reply, request, "unauthorized");
    }

    if (
      request.method !== "GET" &&
      request.method !== "HEAD" &&
      request.headers[REQUEST_HEADER] !== REQUEST_HEADER_VALUE
    ) {
      return refuse(reply, request, "missing_bridge_header");
    }
    return undefined;
  };
}

function hasTokenParameter(url: string): boolean {
  const query = url.indexOf("?");
  return query !== -1 && new URLSearchParams(url.slice(query + 1)).has("token");
}

/** JSON for the API (the page script reads `error`), two plain lines for a person at the browser. */
export function refuse(reply: FastifyReply, request: FastifyRequest, code: BridgeErrorCode): FastifyReply {
  const { status, error } = bridgeError(code);
  reply.code(status).header("cache-control", "no-store");
  if (request.url.startsWith("/api/")) return reply.send({ ok: false, error });
  return reply.type("text/plain; charset=utf-8").send(`${error.messageZh}\n${error.message}\n`);
}
