import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { refuse } from "./bridge-guard.js";
import { BRIDGE_PATHS, SCRIPT_TAG } from "./bridge-protocol.js";
import { bridgeCookie, isToken } from "./bridge-token.js";

export interface RendererRoutesOptions {
  rendererDir: string;
  token: string;
  bridgeScript: string;
  getPort: () => number;
}

const NOT_BUILT =
  "界面还没有构建：请运行 npm run build -w @wxdesk/renderer，然后刷新。\n" +
  "The UI has not been built yet: run npm run build -w @wxdesk/renderer, then reload.\n";

/**
 * The entry link, the page and its files. index.html is read on every request (a rebuilt renderer
 * shows up on reload) and gets the bridge's script tag first in `<head>`; the renderer's own
 * index.html knows nothing about the bridge.
 */
export async function registerRendererRoutes(
  app: FastifyInstance,
  options: RendererRoutesOptions,
): Promise<void> {
  const { rendererDir, token, bridgeScript, getPort } = options;

  const sendIndex = async (reply: FastifyReply): Promise<FastifyReply> => {
    let html: string;
    try {
      html = await readFile(join(rendererDir, "index.html"), "utf8");
    } catch {
      return reply.code(503).type("text/plain; charset=utf-8").send(NOT_BUILT);
    }
    return reply
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(injectScriptTag(html));
  };

  app.get("/", async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (query.token === undefined) return sendIndex(reply);
    // The printed link: trade the token for the cookie, then drop it from the address bar.
    if (!isToken(query.token, token)) return refuse(reply, request, "unauthorized");
    return reply
      .header("set-cookie", bridgeCookie(getPort(), token))
      .header("cache-control", "no-store")
      .redirect("/", 302);
  });
  app.get("/index.html", async (_request, reply) => sendIndex(reply));

  app.get(BRIDGE_PATHS.script, async (_request, reply) =>
    reply.header("cache-control", "no-store").type("text/javascript; charset=utf-8").send(bridgeScript),
  );

  if (existsSync(rendererDir)) {
    await app.register(fastifyStatic, {
      root: rendererDir,
      index: false,
      wildcard: true,
      dotfiles: "ignore",
      cacheControl: false,
      setHeaders: (reply) => {
        reply.header("cache-control", "no-cache");
      },
    });
  }
}

/** Puts the bridge's tag first in `<head>`: a classic script runs before the app's (deferred) module. */
export function injectScriptTag(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head === null) return `${SCRIPT_TAG}\n${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${SCRIPT_TAG}${html.slice(at)}`;
}
