import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import type { DeskHost } from "../desk/desk-host.js";
import { PAGE_SECURITY_HEADERS } from "../shared/content-security-policy.js";
import { registerApiRoutes } from "./api-routes.js";
import { bridgeGuard } from "./bridge-guard.js";
import { buildBridgeScript } from "./bridge-script.js";
import { createBridgeToken } from "./bridge-token.js";
import { registerRendererRoutes } from "./renderer-routes.js";

export interface WebBridgeOptions {
  host: DeskHost;
  /** Vite's build of renderer/ (renderer/dist). */
  rendererDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Absent: a fresh random token (tests may fix one). */
  token?: string;
}

export interface WebBridge {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  token: string;
  /** The link to print: opens the app and sets the session cookie. */
  url: string;
  close(): Promise<void>;
}

/**
 * The same DeskHost as Electron's IPC, over loopback HTTP + server-sent events, so the UI runs in a
 * plain browser (development, Playwright). Binds 127.0.0.1 only; the guard (bridge-guard.ts) checks
 * Host, Origin, the per-run token cookie and the CSRF header on every request.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? createBridgeToken();
  const bridgeScript = await buildBridgeScript();
  let port = 0;
  const getPort = () => port;

  // forceCloseConnections: a browser keeps idle keep-alive sockets open; close() should not wait for them.
  const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024, forceCloseConnections: true });
  // JSON only: a cross-site <form> can post text/plain, never application/json.
  app.removeContentTypeParser("text/plain");
  app.addHook("onRequest", bridgeGuard({ token, getPort }));
  app.addHook("onSend", async (_request, reply) => {
    reply.headers(PAGE_SECURITY_HEADERS);
  });
  registerApiRoutes(app, options.host);
  await registerRendererRoutes(app, { rendererDir: options.rendererDir, token, bridgeScript, getPort });

  await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  port = (app.server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    token,
    url: `${origin}/?token=${token}`,
    close: () => app.close(),
  };
}
