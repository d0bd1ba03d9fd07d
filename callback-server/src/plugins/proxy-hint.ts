import type { FastifyInstance } from "fastify";

/**
 * With no trusted proxy, a request that arrives carrying `X-Forwarded-For` means a proxy sits in
 * front and every client looks like that proxy: one shared wrong-key allowance (a stranger's
 * guesses lock the admins out) and one IP in every log line. Said once per process, at warn.
 */
export function warnOfUntrustedProxy(app: FastifyInstance): void {
  let said = false;
  app.addHook("onRequest", async (request) => {
    if (said || request.headers["x-forwarded-for"] === undefined) return;
    said = true;
    request.log.warn(
      { peer: request.ip },
      "requests arrive through a proxy (X-Forwarded-For) but WXDESK_TRUST_PROXY is not set: every client looks like the proxy. Set WXDESK_TRUST_PROXY to the proxy's address (e.g. loopback) / 请求经过代理转发，但没有设置 WXDESK_TRUST_PROXY：所有访问者都会被当成代理本身",
    );
  });
}
