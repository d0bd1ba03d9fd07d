import {
  createServer,
  type IncomingMessage as HttpRequest,
  type Server,
  type ServerResponse,
} from "node:http";
import {
  buildReplyXml,
  createMessageCrypto,
  type IncomingMessage,
  parseMessageXml,
  pushSignature,
  verifySignature,
} from "@wxdesk/wechat";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../state/fixtures.js";
import { type Harness, type ListedUser, listUsers, startHarness } from "../testing/sandbox-harness.js";

type Behaviour = "reply" | "success" | "slow" | "wrong-ids" | "bad-signature" | "http-500";

/** A tiny developer server that checks WeChat's signatures with @wxdesk/wechat and replies. */
class Receiver {
  behaviour: Behaviour = "reply";
  received: Array<{ query: URLSearchParams; body: string; message: IncomingMessage; signatureOk: boolean }> =
    [];
  readonly crypto = createMessageCrypto({
    token: SANDBOX_DEFAULTS.token,
    encodingAesKey: SANDBOX_DEFAULTS.encodingAesKey,
    appId: SANDBOX_DEFAULTS.appid,
  });
  server: Server = createServer((req, res) => void this.handle(req, res));
  url = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/wechat?x=1`;
  }

  private async handle(req: HttpRequest, res: ServerResponse): Promise<void> {
    const query = new URL(req.url ?? "/", "http://x").searchParams;
    const timestamp = query.get("timestamp") ?? "";
    const nonce = query.get("nonce") ?? "";
    const signatureOk = verifySignature(
      pushSignature(SANDBOX_DEFAULTS.token, timestamp, nonce),
      query.get("signature") ?? "",
    );
    if (req.method === "GET") {
      res.end(signatureOk ? (query.get("echostr") ?? "") : "nope");
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const aes = query.get("encrypt_type") === "aes";
    const xml = aes
      ? this.crypto.decryptEnvelope(body, {
          msg_signature: query.get("msg_signature") ?? undefined,
          timestamp,
          nonce,
        })
      : body;
    const message = parseMessageXml(xml);
    this.received.push({ query, body, message, signatureOk });
    if (this.behaviour === "slow") return; // never answers
    if (this.behaviour === "http-500") {
      res.statusCode = 500;
      res.end("boom");
      return;
    }
    if (this.behaviour === "success") {
      res.end("success");
      return;
    }
    const key = message.msgType === "event" ? message.eventKey : "";
    const reply = buildReplyXml(
      { type: "text", content: `你点了 ${key}` },
      {
        toUserName: this.behaviour === "wrong-ids" ? "someone-else" : message.fromUserName,
        fromUserName: message.toUserName,
        createTime: 1700000000,
      },
    );
    if (!aes) {
      res.setHeader("content-type", "application/xml");
      res.end(reply);
      return;
    }
    const sealed = this.crypto.encrypt(reply, { timestamp, nonce });
    res.end(
      this.behaviour === "bad-signature"
        ? sealed.envelope.replace(sealed.msgSignature, "0".repeat(40))
        : sealed.envelope,
    );
  }
}

interface PhoneResult {
  ok: boolean;
  reply?: Record<string, unknown> | null;
  raw?: string;
  error?: { code: string; messageZh: string; messageEn: string };
}

let h: Harness;
let receiver: Receiver;
let user: ListedUser;

beforeAll(async () => {
  h = await startHarness({ phoneTimeoutMs: 1500 });
  receiver = new Receiver();
  await receiver.start();
  user = (await listUsers(h))[0]!;
});
afterAll(async () => {
  receiver.server.closeAllConnections();
  await new Promise((r) => receiver.server.close(r));
  await h.close();
});
beforeEach(() => {
  receiver.behaviour = "reply";
  receiver.received = [];
});

const click = async (mode: "plain" | "aes", extra: Record<string, unknown> = {}) => {
  const res = await h.post("/_sandbox/phone/click", {
    openid: user.openid,
    key: "V1001_GOOD",
    url: receiver.url,
    mode,
    ...extra,
  });
  return { status: res.status, body: (await res.json()) as PhoneResult };
};

describe("phone click", () => {
  it("posts a signed plaintext CLICK event and parses the reply", async () => {
    const { status, body } = await click("plain");
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.reply).toMatchObject({ type: "text", content: "你点了 V1001_GOOD", toUserName: user.openid });
    const got = receiver.received[0]!;
    expect(got.signatureOk).toBe(true);
    expect(got.query.get("openid")).toBe(user.openid);
    expect(got.query.get("x")).toBe("1");
    expect(got.query.has("encrypt_type")).toBe(false);
    expect(got.message).toMatchObject({
      msgType: "event",
      event: "CLICK",
      eventKey: "V1001_GOOD",
      fromUserName: user.openid,
      toUserName: SANDBOX_DEFAULTS.originalId,
    });
  });

  it("encrypts in safe mode (§9.4), decrypts the reply and checks its signature", async () => {
    const { body } = await click("aes");
    expect(body.ok).toBe(true);
    expect(body.reply).toMatchObject({ type: "text", content: "你点了 V1001_GOOD" });
    const got = receiver.received[0]!;
    expect(got.query.get("encrypt_type")).toBe("aes");
    expect(got.query.get("msg_signature")).toMatch(/^[0-9a-f]{40}$/);
    expect(got.body).toContain("<Encrypt><![CDATA[");
    expect(got.body).not.toContain("CLICK");
    receiver.behaviour = "bad-signature";
    expect((await click("aes")).body).toMatchObject({ ok: false, error: { code: "bad_signature" } });
  });

  it("reports 'success', timeouts, HTTP errors and wrong ids", async () => {
    receiver.behaviour = "success";
    expect((await click("plain")).body).toMatchObject({ ok: true, reply: null, raw: "success" });
    receiver.behaviour = "slow";
    expect((await click("plain")).body).toMatchObject({ ok: false, error: { code: "timeout" } });
    receiver.behaviour = "http-500";
    expect((await click("plain")).body).toMatchObject({ ok: false, error: { code: "http_status" } });
    receiver.behaviour = "wrong-ids";
    const wrong = (await click("plain")).body;
    expect(wrong).toMatchObject({ ok: false, error: { code: "bad_reply" } });
    expect(wrong.error?.messageZh).toBeTruthy();
    expect(wrong.error?.messageEn).toBeTruthy();
  });

  it("sends subscribe events", async () => {
    const res = await h.post("/_sandbox/phone/subscribe", {
      openid: user.openid,
      url: receiver.url,
      mode: "aes",
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    expect(receiver.received[0]?.message).toMatchObject({ msgType: "event", event: "subscribe" });
  });

  it("refuses bad input and foreign targets with 400", async () => {
    expect((await click("plain", { url: "http://example.com/wechat" })).status).toBe(400);
    expect((await click("plain", { openid: "nobody" })).status).toBe(400);
    expect((await click("plain", { mode: "rot13" })).status).toBe(400);
    expect((await h.post("/_sandbox/phone/click", "not json")).status).toBe(400);
  });
});

describe("phone verify", () => {
  it("sends the echostr handshake and reports the echo", async () => {
    const res = await h.post("/_sandbox/phone/verify", { url: receiver.url });
    const body = (await res.json()) as { ok: boolean; echostr: string; raw: string };
    expect(body.ok).toBe(true);
    expect(body.raw).toBe(body.echostr);
  });
});
