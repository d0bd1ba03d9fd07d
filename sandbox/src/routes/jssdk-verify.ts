import { jssdkSignature } from "@wxdesk/wechat/jssdk";
import type { FastifyInstance } from "fastify";
import { BadInput, objectInput, onlyKeys, requiredString, sendBadInput } from "../control-input.js";
import type { SandboxState } from "../state/sandbox-state.js";

/**
 * What the WeChat client decides on `wx.config` (§8.2): the page URL's domain must be a JS-safe
 * domain, and the signature must be made with the jsapi_ticket that is valid *now* for that app,
 * the same nonceStr/timestamp, and the URL without its #fragment.
 */
export function registerJssdkVerify(app: FastifyInstance, state: SandboxState): void {
  app.post("/_sandbox/jssdk/verify", (req, reply) => {
    try {
      const o = objectInput(req.body);
      onlyKeys(o, ["appId", "timestamp", "nonceStr", "signature", "url", "jsApiList", "debug"]);
      const appId = requiredString(o, "appId");
      const timestamp = o.timestamp;
      if (!(typeof timestamp === "string" && /^\d+$/.test(timestamp)) && !Number.isInteger(timestamp)) {
        throw new BadInput("bad_field", '"timestamp" must be Unix seconds', "「timestamp」必须是 Unix 秒数");
      }
      const nonceStr = requiredString(o, "nonceStr", { max: 64 });
      const signature = requiredString(o, "signature", { max: 64 });
      const url = requiredString(o, "url", { max: 4096 });
      const account = state.apps.get(appId);
      if (!account) return reply.send({ ok: false, errmsg: "config:invalid appid" });
      let host: string;
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("scheme");
        host = parsed.hostname;
      } catch {
        return reply.send({ ok: false, errmsg: "config:invalid url domain" });
      }
      if (!account.jssdkDomains.includes(host))
        return reply.send({ ok: false, errmsg: "config:invalid url domain" });
      const ticket = state.globalTokens.validTicket(appId, "jsapi");
      const expected =
        ticket === undefined
          ? undefined
          : jssdkSignature({ ticket, nonceStr, timestamp: String(timestamp), url });
      if (expected === undefined || expected !== signature.toLowerCase()) {
        return reply.send({ ok: false, errmsg: "config:invalid signature" });
      }
      return reply.send({ ok: true, errmsg: "config:ok" });
    } catch (error) {
      if (error instanceof BadInput) return sendBadInput(reply, error);
      throw error;
    }
  });
}
