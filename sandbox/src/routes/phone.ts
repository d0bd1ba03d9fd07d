import {
  buildEventXml,
  createMessageCrypto,
  MessageCryptoError,
  type PassiveReply,
  parseReplyXml,
  pushSignature,
} from "@wxdesk/wechat/messages";
import type { FastifyInstance, FastifyReply } from "fastify";
import {
  BadInput,
  objectInput,
  onlyKeys,
  optionalString,
  requiredString,
  sendBadInput,
} from "../control-input.js";
import type { SandboxApp } from "../state/fixtures.js";
import type { SandboxState } from "../state/sandbox-state.js";

export interface PhoneError {
  code: "timeout" | "network" | "http_status" | "bad_reply" | "bad_signature" | "not_encrypted";
  messageZh: string;
  messageEn: string;
}

type Mode = "plain" | "aes";

function fail(
  code: PhoneError["code"],
  messageZh: string,
  messageEn: string,
  extra: Record<string, unknown> = {},
) {
  return { ok: false, ...extra, error: { code, messageZh, messageEn } };
}

/** The phone only talks to servers on this machine or on the account's authorized domains. */
function targetUrl(app: SandboxApp, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadInput(
      "bad_url",
      '"url" must be an absolute http(s) URL',
      "「url」必须是完整的 http(s) 地址",
    );
  }
  const host = url.hostname;
  const loopback = host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    !(loopback || app.authorizedDomains.includes(host))
  ) {
    throw new BadInput(
      "url_not_allowed",
      "The phone only posts to loopback addresses or the account's authorized domains",
      "模拟手机只会向本机地址或公众号已配置的授权域名推送",
    );
  }
  return url;
}

/** A value from the reply envelope: `<Tag><![CDATA[v]]></Tag>` or `<Tag>v</Tag>` (§9.4 template). */
function envelopeField(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
  return match ? (match[1] ?? match[2]) : undefined;
}

export function registerPhoneRoutes(app: FastifyInstance, state: SandboxState): void {
  function readAccount(o: Record<string, unknown>): SandboxApp {
    const appid = optionalString(o, "appid") ?? state.defaultApp.appid;
    const account = state.apps.get(appid);
    if (!account) throw new BadInput("unknown_app", `Unknown appid ${appid}`, `未知的 appid「${appid}」`);
    return account;
  }

  function readUser(account: SandboxApp, o: Record<string, unknown>): string {
    const openid = requiredString(o, "openid", { max: 64 });
    if (!state.userByOpenid(account.appid, openid)) {
      throw new BadInput(
        "unknown_user",
        `No fixture user with openid ${openid}`,
        `没有 openid 为「${openid}」的测试用户`,
      );
    }
    return openid;
  }

  /** Signs, (encrypts,) posts one event like WeChat's push (§9.2, §9.4) and judges the reply (§9.3). */
  async function push(account: SandboxApp, openid: string, url: URL, mode: Mode, xml: string) {
    const timestamp = String(state.clock.nowSeconds());
    const nonce = state.random.push.digits(10);
    url.searchParams.set("signature", pushSignature(account.token, timestamp, nonce));
    url.searchParams.set("timestamp", timestamp);
    url.searchParams.set("nonce", nonce);
    url.searchParams.set("openid", openid);
    let body = xml;
    const crypto =
      mode === "aes"
        ? createMessageCrypto({
            token: account.token,
            encodingAesKey: account.encodingAesKey,
            appId: account.appid,
          })
        : undefined;
    if (crypto) {
      const random = Buffer.from(state.random.push.alphanumeric(16), "utf8");
      const sealed = crypto.encrypt(xml, { timestamp, nonce, random });
      url.searchParams.set("encrypt_type", "aes");
      url.searchParams.set("msg_signature", sealed.msgSignature);
      body = `<xml><ToUserName><![CDATA[${account.originalId}]]></ToUserName><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`;
    }

    let status: number;
    let raw: string;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "text/xml; charset=utf-8" },
        body,
        signal: AbortSignal.timeout(state.options.phoneTimeoutMs),
      });
      status = response.status;
      raw = await response.text();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === "TimeoutError" || name === "AbortError") {
        const seconds = state.options.phoneTimeoutMs / 1000;
        return fail(
          "timeout",
          `服务器 ${seconds} 秒内没有回复，微信会重试，用户会看到“该公众号暂时无法提供服务，请稍后再试”`,
          `The server did not answer within ${seconds} s; WeChat would retry and then show "this account cannot provide service right now"`,
        );
      }
      return fail(
        "network",
        `无法连接服务器：${String((error as Error).message)}`,
        `Could not reach the server: ${String((error as Error).message)}`,
      );
    }
    if (status < 200 || status >= 300) {
      return fail("http_status", `服务器返回了 HTTP ${status}`, `The server answered HTTP ${status}`, {
        status,
        raw,
      });
    }
    const trimmed = raw.trim();
    // §9.3: "success" or an empty body means "no reply", also in safe mode.
    if (trimmed === "" || trimmed === "success") return { status, ok: true, reply: null, raw };

    let replyXml = raw;
    if (crypto) {
      const encrypt = envelopeField(raw, "Encrypt");
      if (encrypt === undefined) {
        return fail("not_encrypted", "安全模式下回复必须加密", "In safe mode the reply must be encrypted", {
          status,
          raw,
        });
      }
      try {
        replyXml = crypto.decrypt({
          encrypt,
          msgSignature: envelopeField(raw, "MsgSignature") ?? "",
          timestamp: envelopeField(raw, "TimeStamp") ?? "",
          nonce: envelopeField(raw, "Nonce") ?? "",
        });
      } catch (error) {
        if (error instanceof MessageCryptoError && error.code === "bad_signature") {
          return fail(
            "bad_signature",
            "回复的 MsgSignature 校验失败",
            "The reply's MsgSignature does not match",
            { status, raw },
          );
        }
        return fail(
          "bad_reply",
          "无法解密回复",
          `The reply could not be decrypted: ${(error as Error).message}`,
          { status, raw },
        );
      }
    }
    let reply: (PassiveReply & { toUserName: string; fromUserName: string; createTime: number }) | null;
    try {
      reply = parseReplyXml(replyXml);
    } catch (error) {
      return fail(
        "bad_reply",
        "回复不是合法的被动回复 XML",
        `The reply is not valid passive-reply XML: ${(error as Error).message}`,
        { status, raw },
      );
    }
    // §9.3: ids must be swapped; a wrong ToUserName makes WeChat show the error to the user.
    if (reply && (reply.toUserName !== openid || reply.fromUserName !== account.originalId)) {
      return fail(
        "bad_reply",
        "回复的 ToUserName/FromUserName 不对：应为用户 openid / 公众号原始 ID",
        "The reply's ToUserName/FromUserName must be the user's openid / the account's original id",
        { status, raw },
      );
    }
    return { status, ok: true, reply, raw, ...(crypto ? { decrypted: replyXml } : {}) };
  }

  async function handle(reply: FastifyReply, body: unknown, event: "CLICK" | "subscribe") {
    try {
      const o = objectInput(body);
      onlyKeys(o, ["openid", "key", "url", "mode", "appid"]);
      const account = readAccount(o);
      const openid = readUser(account, o);
      const key = event === "CLICK" ? requiredString(o, "key", { max: 128 }) : "";
      const url = targetUrl(account, requiredString(o, "url", { max: 2048 }));
      const mode = (optionalString(o, "mode", { allowed: ["plain", "aes"] }) ?? "plain") as Mode;
      const xml = buildEventXml({
        toUserName: account.originalId,
        fromUserName: openid,
        createTime: state.clock.nowSeconds(),
        event,
        eventKey: key,
      });
      return reply.send(await push(account, openid, url, mode, xml));
    } catch (error) {
      if (error instanceof BadInput) return sendBadInput(reply, error);
      throw error;
    }
  }

  app.post("/_sandbox/phone/click", (req, reply) => handle(reply, req.body, "CLICK"));
  app.post("/_sandbox/phone/subscribe", (req, reply) => handle(reply, req.body, "subscribe"));

  // §9.1: the console's URL check — GET with signature/timestamp/nonce/echostr, expects echostr back.
  app.post("/_sandbox/phone/verify", async (req, reply) => {
    try {
      const o = objectInput(req.body);
      onlyKeys(o, ["url", "appid"]);
      const account = readAccount(o);
      const url = targetUrl(account, requiredString(o, "url", { max: 2048 }));
      const timestamp = String(state.clock.nowSeconds());
      const nonce = state.random.push.digits(10);
      const echostr = state.random.push.digits(19);
      url.searchParams.set("signature", pushSignature(account.token, timestamp, nonce));
      url.searchParams.set("timestamp", timestamp);
      url.searchParams.set("nonce", nonce);
      url.searchParams.set("echostr", echostr);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(state.options.phoneTimeoutMs) });
        const raw = await response.text();
        const ok = response.status === 200 && raw === echostr;
        return reply.send(
          ok
            ? { ok, status: response.status, echostr, raw }
            : fail("bad_reply", "服务器没有原样返回 echostr", "The server did not echo echostr exactly", {
                status: response.status,
                echostr,
                raw,
              }),
        );
      } catch (error) {
        const name = (error as { name?: string }).name;
        return reply.send(
          name === "TimeoutError"
            ? fail("timeout", "服务器没有及时回复", "The server did not answer in time", { echostr })
            : fail("network", "无法连接服务器", `Could not reach the server: ${(error as Error).message}`, {
                echostr,
              }),
        );
      }
    } catch (error) {
      if (error instanceof BadInput) return sendBadInput(reply, error);
      throw error;
    }
  });
}
