import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FaultRule } from "./state/faults.js";
import type { SandboxState } from "./state/sandbox-state.js";
import { sendError } from "./wechat-reply.js";

/**
 * Counts every WeChat call for `/_sandbox/stats`, then applies the first matching fault rule.
 * Control paths (`/_sandbox/*`) are neither counted nor faulted.
 */
export function registerFaultHook(app: FastifyInstance, state: SandboxState): void {
  const held = new Set<NodeJS.Timeout>();

  function act(rule: FaultRule, req: FastifyRequest, reply: FastifyReply, done: () => void): void {
    if (rule.errcode !== undefined) {
      sendError(reply, state, rule.errcode);
    } else if (rule.http !== undefined) {
      reply
        .code(rule.http)
        .header("content-type", "text/html; charset=utf-8")
        .send(
          `<html><head><title>${rule.http}</title></head><body><center><h1>${rule.http}</h1></center></body></html>`,
        );
    } else if (rule.reset) {
      reply.hijack();
      req.raw.socket.destroy();
    } else if (rule.timeout) {
      // Hold the request without answering; the client's own timeout ends it, or we do after faultHoldMs.
      reply.hijack();
      const socket = req.raw.socket;
      const timer = setTimeout(() => {
        held.delete(timer);
        socket.destroy();
      }, state.options.faultHoldMs);
      held.add(timer);
      socket.once("close", () => {
        clearTimeout(timer);
        held.delete(timer);
      });
    } else {
      done();
    }
  }

  app.addHook("onRequest", (req, reply, done) => {
    const route = req.routeOptions.url;
    if (route === undefined || route.startsWith("/_sandbox")) return done();
    state.count(route);
    if (state.faults.empty) return done();
    const query = req.url.indexOf("?");
    const rule = state.faults.decide(query >= 0 ? req.url.slice(0, query) : req.url);
    if (!rule) return done();
    if (rule.latencyMs !== undefined && rule.latencyMs > 0) {
      setTimeout(() => act(rule, req, reply, done), rule.latencyMs);
    } else {
      act(rule, req, reply, done);
    }
  });

  app.addHook("onClose", (_app, done) => {
    for (const timer of held) clearTimeout(timer);
    held.clear();
    done();
  });
}
