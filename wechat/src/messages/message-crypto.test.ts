import { createCipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMessageCrypto } from "./message-crypto.js";
import { MessageCryptoError } from "./message-crypto-error.js";
import { MessageParseError } from "./message-parse-error.js";
import { messageSignature, pushSignature } from "./push-signature.js";

// §9.4 test vector A (wechatpy tests/test_crypto.py) and vector B share token, key and AppID.
const TOKEN = "123456";
const KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
const APP_ID = "wx49f0ab532d5d035a";
const AES_KEY = Buffer.from(`${KEY}=`, "base64");
const crypto = createMessageCrypto({ token: TOKEN, encodingAesKey: KEY, appId: APP_ID });

const A_ENCRYPT =
  "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=";
const A_PLAIN =
  "<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n" +
  "<FromUserName><![CDATA[messense]]></FromUserName>\n" +
  "<CreateTime>1411525903</CreateTime>\n" +
  "<MsgType><![CDATA[text]]></MsgType>\n" +
  "<Content><![CDATA[test]]></Content>\n" +
  "<MsgId>4363689963896700987</MsgId>\n" +
  "<AgentID>1</AgentID>\n" +
  "</xml>";
const A = {
  timestamp: "1411525903",
  nonce: "461056294",
  msgSignature: "74d92dfeb87ba7c714f89d98870ae5eb62dff26d",
};

const A_REPLY =
  "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n" +
  "<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n" +
  "<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>";
const A_REPLY_ENCRYPT =
  "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3";

const B_PLAIN =
  "<xml><ToUserName><![CDATA[gh_e136c6e50636]]></ToUserName><FromUserName><![CDATA[oMgHVjngRipVsoxg6TuX3vz6glDg]]></FromUserName><CreateTime>1409304348</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>1234567890123456</MsgId></xml>";
const B_ENCRYPT =
  "IV7jph9Oxv4Nv6wmo9zvt97O2HWumY7ZYf8r4y/0keb590nu4IT1CK5pM8uUH8vwESaYqTAh1EsAOFc9s2+zX7pq68ACrOpCx66gKT+ucRfhKOOFN9PA+kJwCRE4JL6FqZAkCArKGD17G4bxKPiSRi9vuWXHow+vwQkULArXivzPupbQhQMa0CBXaS6vy4J28/c4jPcggtHzFBwBMVeC9hP/2Lzs9EbF0yDamBaj06MvU2emcFxc5tu9s/oaLFXiJog7R8MqFbi5Q4BjI25Zx/rGTaiPZXNiBRtv9W84XBxfhnZqIVUchdaCMb/soBXb4mmwRF1erkcZN4xK+3Q4JdKqeFtPosIOxS84ONqeTZkqA3NA2zKnzq+zDLmMXiPFK7ByIgIPvygq3b193XxkTI0SyYfN66jzhPuY/lA5XPw=";
const B = { timestamp: "1409304348", nonce: "1320562132" };

function cryptoCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof MessageCryptoError) return error.code;
    throw error;
  }
  return undefined;
}

describe("createMessageCrypto — §9.4 vector A", () => {
  it("decrypts the wechatpy ciphertext to the exact plaintext", () => {
    expect(crypto.decrypt({ encrypt: A_ENCRYPT, ...A })).toBe(A_PLAIN);
  });

  it("decrypts the incoming envelope from the test file", () => {
    const body = `<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<Encrypt><![CDATA[${A_ENCRYPT}]]></Encrypt>\n<AgentID><![CDATA[1]]></AgentID>\n</xml>`;
    const query = { msg_signature: A.msgSignature, timestamp: A.timestamp, nonce: A.nonce };
    expect(crypto.decryptEnvelope(body, query)).toBe(A_PLAIN);
  });

  it("encrypts with random 1234567890123456 to the exact Encrypt and MsgSignature", () => {
    const out = crypto.encrypt(A_REPLY, {
      timestamp: A.timestamp,
      nonce: A.nonce,
      random: Buffer.from("1234567890123456"),
    });
    expect(out.encrypt).toBe(A_REPLY_ENCRYPT);
    expect(out.msgSignature).toBe("407518b7649e86ef23978113f92d27afa9296533");
    expect(out.envelope).toBe(
      `<xml>\n<Encrypt><![CDATA[${A_REPLY_ENCRYPT}]]></Encrypt>\n` +
        "<MsgSignature><![CDATA[407518b7649e86ef23978113f92d27afa9296533]]></MsgSignature>\n" +
        "<TimeStamp>1411525903</TimeStamp>\n<Nonce><![CDATA[461056294]]></Nonce>\n</xml>",
    );
  });

  it("decrypts the echostr vector", () => {
    const echostr =
      "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==";
    const msgSignature = "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96";
    expect(
      crypto.decrypt({ encrypt: echostr, msgSignature, timestamp: "1411443780", nonce: "437374425" }),
    ).toBe("5927782489442352469");
  });
});

describe("createMessageCrypto — §9.4 vector B", () => {
  const out = crypto.encrypt(B_PLAIN, { ...B, random: Buffer.from("abcdefghijklmnop") });

  it("encrypts to the exact Encrypt and msg_signature", () => {
    expect(out.encrypt).toBe(B_ENCRYPT);
    expect(out.msgSignature).toBe("c4409251632f1e8cd6e2606b80d7b45490aa23a1");
  });

  it("has the plain signature of §9.1 for the same token/timestamp/nonce", () => {
    expect(pushSignature(TOKEN, B.timestamp, B.nonce)).toBe("5eeb0bf2dc45c4140c82b7a799c2b75ba9d5704a");
  });

  it("round-trips through the envelope", () => {
    const query = { msg_signature: out.msgSignature, ...B };
    expect(crypto.decryptEnvelope(out.envelope, query)).toBe(B_PLAIN);
  });

  it("round-trips CJK, emoji and a random prefix", () => {
    const xml = "<xml><Content><![CDATA[你好 👋 ]]]]><![CDATA[>]]></Content></xml>";
    const enc = crypto.encrypt(xml, B);
    expect(crypto.decrypt({ encrypt: enc.encrypt, msgSignature: enc.msgSignature, ...B })).toBe(xml);
  });

  it("pads a 32-byte aligned plaintext with a full extra block", () => {
    // 16 random + 4 length + 12 message + 18 AppID = 50 bytes; make it 64 with a 26-byte message.
    const xml = "a".repeat(26);
    const enc = crypto.encrypt(xml, B);
    expect(Buffer.from(enc.encrypt, "base64").length).toBe(96);
    expect(crypto.decrypt({ encrypt: enc.encrypt, msgSignature: enc.msgSignature, ...B })).toBe(xml);
  });
});

describe("createMessageCrypto — failures", () => {
  it("rejects a ciphertext for another AppID with bad_appid", () => {
    const other = createMessageCrypto({ token: TOKEN, encodingAesKey: KEY, appId: "wx00000000000000a1" });
    expect(cryptoCode(() => other.decrypt({ encrypt: A_ENCRYPT, ...A }))).toBe("bad_appid");
  });

  it("rejects a tampered signature with bad_signature", () => {
    const tampered = `0${A.msgSignature.slice(1)}`;
    expect(cryptoCode(() => crypto.decrypt({ encrypt: A_ENCRYPT, ...A, msgSignature: tampered }))).toBe(
      "bad_signature",
    );
  });

  it("rejects a tampered ciphertext with bad_signature before decrypting", () => {
    const tampered = `A${A_ENCRYPT.slice(1)}`;
    expect(cryptoCode(() => crypto.decrypt({ encrypt: tampered, ...A }))).toBe("bad_signature");
  });

  it("rejects a missing msg_signature in the envelope query", () => {
    const body = `<xml><Encrypt><![CDATA[${A_ENCRYPT}]]></Encrypt></xml>`;
    expect(cryptoCode(() => crypto.decryptEnvelope(body, { timestamp: A.timestamp, nonce: A.nonce }))).toBe(
      "bad_signature",
    );
  });

  it("rejects an envelope without Encrypt as malformed", () => {
    expect(cryptoCode(() => crypto.decryptEnvelope("<xml><A>1</A></xml>", {}))).toBe("malformed");
  });

  it("refuses a DTD in the envelope before decrypting", () => {
    const body = '<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>';
    expect(() => crypto.decryptEnvelope(body, {})).toThrow(MessageParseError);
  });

  it("rejects a ciphertext whose length is not whole blocks as malformed", () => {
    const encrypt = "abcd";
    const msgSignature = messageSignature(TOKEN, A.timestamp, A.nonce, encrypt);
    expect(cryptoCode(() => crypto.decrypt({ encrypt, ...A, msgSignature }))).toBe("malformed");
  });

  it("rejects bad padding with bad_padding", () => {
    // Encrypt 32 zero bytes without padding: they decrypt back to a final byte of 0, never a valid pad.
    const cipher = createCipheriv("aes-256-cbc", AES_KEY, AES_KEY.subarray(0, 16));
    cipher.setAutoPadding(false);
    const plain = Buffer.alloc(32, 0);
    const encrypt = Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
    const msgSignature = messageSignature(TOKEN, A.timestamp, A.nonce, encrypt);
    expect(cryptoCode(() => crypto.decrypt({ encrypt, ...A, msgSignature }))).toBe("bad_padding");
  });

  it.each([
    ["42 characters", KEY.slice(0, 42)],
    ["44 characters", `${KEY}A`],
    ["a character outside base64", `${KEY.slice(0, 42)}-`],
    ["empty", ""],
  ])("rejects an EncodingAESKey of %s with bad_key", (_label, encodingAesKey) => {
    expect(cryptoCode(() => createMessageCrypto({ token: TOKEN, encodingAesKey, appId: APP_ID }))).toBe(
      "bad_key",
    );
  });
});
