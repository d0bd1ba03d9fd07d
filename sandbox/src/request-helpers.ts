import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SandboxState } from "./state/sandbox-state.js";
import { sendError } from "./wechat-reply.js";

/** The first value of a query parameter (WeChat ignores repeats), or undefined. */
export function queryParam(req: FastifyRequest, name: string): string | undefined {
  const value = (req.query as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; errcode: 44002 | 47001 };

/**
 * §10: WeChat reads the body as JSON whatever the Content-Type says; empty → 44002, unparsable or
 * not an object → 47001. The raw text comes from the catch-all content-type parser.
 */
export function parseJsonBody(body: unknown): JsonBody {
  const text = typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("utf8") : "";
  if (text.trim() === "") return { ok: false, errcode: 44002 };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return { ok: false, errcode: 47001 };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, errcode: 47001 };
  }
}

/** Like parseJsonBody, but keeps arrays and scalars (control API bodies). */
export function parseAnyJson(body: unknown): { ok: true; value: unknown } | { ok: false } {
  const text = typeof body === "string" ? body : "";
  if (text.trim() === "") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

/**
 * Registers a WeChat endpoint for both GET and POST so the wrong method gets WeChat's answer
 * (43001 require GET / 43002 require POST, §10) instead of a framework 404.
 */
export function wechatRoute(
  app: FastifyInstance,
  state: SandboxState,
  method: "GET" | "POST",
  url: string,
  handler: Handler,
): void {
  const wrong = method === "GET" ? 43001 : 43002;
  app.route({
    method: ["GET", "POST"],
    url,
    handler: (req, reply) => {
      const actual = req.method === "HEAD" ? "GET" : req.method;
      return actual === method ? handler(req, reply) : sendError(reply, state, wrong);
    },
  });
}

/** The sandbox's own origin as the caller sees it (avatar URLs point back at it). */
export function publicBase(req: FastifyRequest, state: SandboxState): string {
  return state.options.publicUrl ?? `${req.protocol}://${req.headers.host ?? "127.0.0.1"}`;
}
