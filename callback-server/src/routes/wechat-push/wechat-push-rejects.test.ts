import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { buildEventXml, buildTextMessageXml, messageSignature, parseReplyXml } from "@wxdesk/wechat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openEnvelope,
  type PushHarness,
  phoneUser,
  startPushHarness,
  uniqueDigits,
} from "./testing/push-test-harness.js";

let h: PushHarness;

beforeAll(async () => {
  h = await startPushHarness({ replies: { click: { HELLO: { type: "text", content: "加密回复" } } } });
});

afterAll(async () => {
  await h?.close();
});

function textXml(): string {
  return buildTextMessageXml({
    toUserName: SANDBOX_DEFAULTS.originalId,
    fromUserName: phoneUser(1),
    createTime: Math.floor(Date.now() / 1000),
    content: "hello",
    msgId: uniqueDigits(),
  });
}

function post(url: URL, body: string, contentType = "text/xml"): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": contentType }, body });
}

/** A safe-mode push (§9.4), encrypted for `appId`, with its signed URL. */
function sealed(xml: string, appId: string = SANDBOX_DEFAULTS.appid, outer = "") {
  return h.sealed(xml, { appId, outer });
}

async function expectRefused(response: Response, status: number): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  const text = await response.text();
  expect(text).not.toBe("success");
  expect(text).not.toMatch(/\n\s+at /); // no stack trace
}

describe("POST /wechat — refused input", () => {
  it("bad signature → 403", async () => {
    const url = h.signedUrl();
    url.searchParams.set("signature", "f".repeat(40));
    await expectRefused(await post(url, textXml()), 403);
  });

  it("no signature at all → 403", async () => {
    await expectRefused(await post(new URL(h.pushUrl), textXml()), 403);
  });

  it("a repeated query parameter → 403, not a guess", async () => {
    const url = h.signedUrl();
    url.searchParams.append("signature", url.searchParams.get("signature") ?? "");
    await expectRefused(await post(url, textXml()), 403);
  });

  it("bad msg_signature in safe mode → 403", async () => {
    const { url, body } = sealed(textXml());
    url.searchParams.set("msg_signature", "0".repeat(40));
    await expectRefused(await post(url, body), 403);
  });

  it("safe mode without msg_signature → 403", async () => {
    const { url, body } = sealed(textXml());
    url.searchParams.delete("msg_signature");
    await expectRefused(await post(url, body), 403);
  });

  it("a message encrypted for another AppID → 403", async () => {
    const { url, body } = sealed(textXml(), "wx00000000000000ff");
    await expectRefused(await post(url, body), 403);
  });

  it("a DOCTYPE / ENTITY payload → 400 (plain and inside safe mode)", async () => {
    const dtd = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><ToUserName>&x;</ToUserName><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1</MsgId></xml>`;
    await expectRefused(await post(h.signedUrl(), dtd), 400);
    const { url, body } = sealed(dtd);
    await expectRefused(await post(url, body), 400);
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml>&lol2;</xml>`;
    await expectRefused(await post(h.signedUrl(), laughs), 400);
  });

  it("a body over 64 KiB → 413", async () => {
    const huge = `<xml><Content><![CDATA[${"长".repeat(30_000)}]]></Content></xml>`;
    await expectRefused(await post(h.signedUrl(), huge), 413);
    await expectRefused(await post(h.signedUrl(), "x".repeat(70_000), "application/octet-stream"), 413);
  });

  it("non-XML, empty and incomplete bodies → 400", async () => {
    await expectRefused(await post(h.signedUrl(), '{"hello":"world"}', "application/json"), 400);
    await expectRefused(await post(h.signedUrl(), "just some text", "text/plain"), 400);
    await expectRefused(await post(h.signedUrl(), "<xml><unclosed></xml>"), 400);
    await expectRefused(await post(h.signedUrl(), "<xml><MsgType>text</MsgType></xml>"), 400);
    await expectRefused(await fetch(h.signedUrl(), { method: "POST" }), 400);
  });

  it("properly signed garbage inside <Encrypt> → 400", async () => {
    const url = h.signedUrl({ encrypt_type: "aes" });
    const garbage = Buffer.from("not a real ciphertext, 32 bytes!").toString("base64");
    const timestamp = url.searchParams.get("timestamp") ?? "";
    const nonce = url.searchParams.get("nonce") ?? "";
    url.searchParams.set(
      "msg_signature",
      messageSignature(SANDBOX_DEFAULTS.token, timestamp, nonce, garbage),
    );
    await expectRefused(await post(url, `<xml><Encrypt><![CDATA[${garbage}]]></Encrypt></xml>`), 400);
  });
});

describe("GET /wechat — refused input", () => {
  it("a good signature without echostr → 400", async () => {
    await expectRefused(await fetch(h.signedUrl()), 400);
  });
});

describe("POST /wechat — compatible mode (§9.4)", () => {
  it("uses the encrypted part, not the plaintext fields beside it, and answers encrypted", async () => {
    const openid = phoneUser(2);
    const createTime = Math.floor(Date.now() / 1000);
    const inner = buildEventXml({
      toUserName: SANDBOX_DEFAULTS.originalId,
      fromUserName: openid,
      createTime,
      event: "CLICK",
      eventKey: "HELLO",
    });
    // The plaintext copy claims another user and key: it must be ignored.
    const outer =
      `<FromUserName><![CDATA[${phoneUser(3)}]]></FromUserName><CreateTime>${createTime}</CreateTime>` +
      "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[OTHER]]></EventKey>";
    const { url, body } = sealed(inner, SANDBOX_DEFAULTS.appid, outer);
    const response = await post(url, body);
    expect(response.status).toBe(200);
    const decrypted = openEnvelope(await response.text()).xml;
    expect(parseReplyXml(decrypted)).toMatchObject({ type: "text", content: "加密回复", toUserName: openid });
  });
});
