import type { FastifyInstance } from "fastify";

/**
 * A request whose `X-Forwarded-For` was not believed — it came from a peer WXDESK_TRUST_PROXY does
 * not list — usually means a proxy in front that is not (or wrongly) listed: every client then
 * looks like the proxy, with one shared wrong-key allowance (a stranger's guesses lock the admins
 * out) and one IP in every log line. Said once per process, at warn, naming the peer.
 */
export function warnOfUntrustedProxy(app: FastifyInstance): void {
  let said = false;
  // A callback hook, not an async one: it runs on every request and is nearly always a no-op.
  app.addHook("onRequest", (request, _reply, done) => {
    const forwarded = request.headers["x-forwarded-for"];
    if (said || forwarded === undefined) return done();
    const peer = request.socket.remoteAddress;
    const last = String(forwarded).split(",").at(-1)?.trim();
    // Believed: request.ip is an address from the header, not the peer.
    if (request.ip !== peer || last === peer) return done();
    said = true;
    request.log.warn(
      { peer },
      "X-Forwarded-For from a peer WXDESK_TRUST_PROXY does not list was ignored: if that peer is your proxy, add it (e.g. loopback), else every client looks like the proxy / 来自未列入 WXDESK_TRUST_PROXY 的代理的 X-Forwarded-For 已忽略：如果它是你的代理，请把它加进去",
    );
    done();
  });
}
