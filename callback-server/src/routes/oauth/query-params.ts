import type { FastifyRequest } from "fastify";

/**
 * One query parameter: its string, `undefined` when absent, `null` when repeated or not text
 * (`?next=/a&next=//evil.com` is refused, not resolved by guessing which one counts).
 */
export function queryParam(request: FastifyRequest, name: string): string | undefined | null {
  const query = request.query;
  if (query === null || typeof query !== "object") return undefined;
  const value = (query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : null;
}
