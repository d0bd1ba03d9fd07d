import { pageLanguage } from "@wxdesk/wechat/plain-words";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { errorPage } from "./pages/error-page.js";

// The same check as the callback server's (callback-server/src/net/loopback-host.ts): the sandbox may
// import nothing of ours but @wxdesk/wechat, so it keeps its own five lines.
/** The names a browser on this machine uses for a loopback server (the Host header carries one). */
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"] as const;

/**
 * True when a Host header names a loopback server on `port`: `127.0.0.1:<port>`, `localhost:<port>` or
 * `[::1]:<port>`. A page that reached this port through DNS rebinding sends its own host name instead.
 */
export function isLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  if (host === undefined || port === undefined) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `${name}:${port}`);
}

/**
 * True when a Host header names `publicHost` (the host name of `SANDBOX_PUBLIC_URL`, any port): the
 * address the operator gave for a rehearsal behind a TLS proxy (nginx passes `Host: $host`). Only
 * that name: its DNS is the operator's, not a rebinding page's.
 */
export function isPublicHost(host: string | undefined, publicHost: string | undefined): boolean {
  if (host === undefined || publicHost === undefined) return false;
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return name === publicHost.toLowerCase();
}

/** True for a listen address only this machine can reach (`127.0.0.1`, `127.x.y.z`, `::1`, `localhost`). */
export function isLoopbackAddress(listenHost: string): boolean {
  return (
    listenHost === "localhost" ||
    listenHost === "::1" ||
    listenHost === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(listenHost)
  );
}

const REFUSALS = {
  forbidden_host: {
    en: "This local sandbox only answers on 127.0.0.1, localhost or [::1] with its own port.",
    zh: "这个本机沙箱只接受通过 127.0.0.1、localhost 或 [::1]（加它自己的端口）访问。",
  },
  forbidden_origin: {
    en: "The request came from another site, so the sandbox refused to change anything.",
    zh: "请求来自别的网站，沙箱已拒绝，没有做任何修改。",
  },
} as const;

type RefusalCode = keyof typeof REFUSALS;

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query >= 0 ? url.slice(0, query) : url;
}

/** A person at a browser gets a page (the consent screens, or any navigation); tools get JSON. */
function wantsPage(req: FastifyRequest): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  return pathOf(req.url).startsWith("/connect/") || (req.headers.accept ?? "").includes("text/html");
}

function refuse(req: FastifyRequest, reply: FastifyReply, code: RefusalCode): FastifyReply {
  const { en, zh } = REFUSALS[code];
  reply.code(403).header("cache-control", "no-store");
  if (wantsPage(req)) {
    return reply
      .type("text/html; charset=utf-8")
      .send(errorPage({ code, messageZh: zh, messageEn: en }, pageLanguage(req.headers), { plain: true }));
  }
  return reply.send({ error: { code, message: en, messageZh: zh } });
}

/**
 * Runs first on every request, before fault rules, stats and routes, so a refused request changes
 * nothing:
 * - with `loopbackHostOnly`, the Host must name this sandbox by a loopback name and the port the
 *   request arrived on, or be the host of `publicUrl` (a rehearsal behind nginx on a real domain). A sandbox on loopback is reachable from any web page the user opens; DNS
 *   rebinding lets such a page's own host name resolve to 127.0.0.1 and then read and change the
 *   sandbox (`Host: evil.example`).
 * - always, a control call that changes state (`/_sandbox/*`, not GET/HEAD) carrying an Origin must
 *   come from the sandbox's own origin: those are for tools and tests, which send no Origin, and
 *   a cross-site form or `fetch` could otherwise reset the sandbox or set faults (the control API
 *   reads any Content-Type, so such a post needs no CORS preflight).
 */
export function registerHostGuard(
  app: FastifyInstance,
  options: { loopbackHostOnly: boolean; publicHost?: string | undefined },
): void {
  app.addHook("onRequest", async (req, reply) => {
    if (
      options.loopbackHostOnly &&
      !isLoopbackHost(req.headers.host, req.socket.localPort) &&
      !isPublicHost(req.headers.host, options.publicHost)
    ) {
      return refuse(req, reply, "forbidden_host");
    }
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      req.method !== "GET" &&
      req.method !== "HEAD" &&
      pathOf(req.url).startsWith("/_sandbox/") &&
      origin !== `${req.protocol}://${req.headers.host ?? ""}`
    ) {
      return refuse(req, reply, "forbidden_origin");
    }
    return undefined;
  });
}
