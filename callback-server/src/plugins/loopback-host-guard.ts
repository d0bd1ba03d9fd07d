import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isLoopbackHost } from "../net/loopback-host.js";
import { noticePage } from "../pages/notice-page.js";
import { pathOf, sendError } from "./error-handler.js";
import { sendPage } from "./send-page.js";

const MESSAGE = {
  en: "This server runs on this computer only: open it at 127.0.0.1, localhost or [::1] with its own port.",
  zh: "这个服务只在本机运行，请用 127.0.0.1、localhost 或 [::1]（加它自己的端口）访问。",
};

/** A person at a browser gets a page (the OAuth pages, or any navigation); API callers get JSON. */
function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = pathOf(request.url);
  return path === "/" || path.startsWith("/oauth/") || (request.headers.accept ?? "").includes("text/html");
}

function refuse(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!wantsPage(request)) return sendError(reply, 403, "forbidden_host", MESSAGE.en, MESSAGE.zh);
  return sendPage(
    reply,
    403,
    noticePage({
      tone: "error",
      titleZh: "无法通过这个地址访问",
      linesZh: [MESSAGE.zh],
      titleEn: "Not available at this address",
      linesEn: [MESSAGE.en],
      actions: [],
    }),
  );
}

/**
 * `buildApp({loopbackHostOnly: true})`: for a server that listens on loopback only (the desktop's local
 * profile). Every request must name it as `127.0.0.1`, `localhost` or `[::1]` with the port it arrived
 * on; anything else is 403 `forbidden_host` before any route, cookie or store is touched. A loopback
 * port is reachable from every web page the user opens, and DNS rebinding lets such a page's own host
 * name point at 127.0.0.1 — its requests then carry that name in Host.
 */
export function registerLoopbackHostGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    if (isLoopbackHost(request.headers.host, request.socket.localPort)) return undefined;
    return refuse(request, reply);
  });
}
