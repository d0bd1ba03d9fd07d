import { createCipheriv } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMessageCrypto } from "./message-crypto.js";
import { MessageCryptoError, type MessageCryptoErrorCode } from "./message-crypto-error.js";
import { MessageParseError } from "./message-parse-error.js";
import { messageSignature } from "./push-signature.js";

// Property tests for safe mode (§9.4): whatever reaches decrypt — tampered, truncated, re-signed, padded
// wrongly, sealed for another account or with another key — the outcome is the plaintext or a
// MessageCryptoError with a code, the same code every time; never a TypeError, RangeError or OpenSSL error.
// WXDESK_FC_RUNS=20000 for a deeper local run; the default keeps CI (two cores) quick.
const RUNS = { numRuns: Number(process.env.WXDESK_FC_RUNS) || 200 };

const TOKEN = "123456";
const KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";
const APP_ID = "wx49f0ab532d5d035a";
const AES_KEY = Buffer.from(`${KEY}=`, "base64");
const crypto = createMessageCrypto({ token: TOKEN, encodingAesKey: KEY, appId: APP_ID });
const SIGNING = { timestamp: "1409304348", nonce: "1320562132" };

/** What decrypting the ciphertext failed with after its signature passed (CBC carries no integrity). */
const AFTER_SIGNATURE: readonly MessageCryptoErrorCode[] = ["bad_padding", "malformed", "bad_appid"];

type Outcome = { ok: string } | { code: MessageCryptoErrorCode };

function run(fn: () => string): Outcome {
  try {
    return { ok: fn() };
  } catch (error) {
    if (error instanceof MessageCryptoError) return { code: error.code };
    throw error;
  }
}

/** Decrypts twice: the outcome must not depend on anything but the input. */
function decryptStable(q: { encrypt: string; msgSignature: string }): Outcome {
  const first = run(() => crypto.decrypt({ ...q, ...SIGNING }));
  expect(run(() => crypto.decrypt({ ...q, ...SIGNING }))).toEqual(first);
  return first;
}

/** `encrypt` with a correct msg_signature, as someone holding the Token would send it. */
function resigned(encrypt: string) {
  return { encrypt, msgSignature: messageSignature(TOKEN, SIGNING.timestamp, SIGNING.nonce, encrypt) };
}

/** AES-256-CBC of `plain` with the account's key and no padding of its own (plain is whole blocks). */
function rawEncrypt(plain: Buffer): string {
  const cipher = createCipheriv("aes-256-cbc", AES_KEY, AES_KEY.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
}

const message = fc.string({ unit: "binary", maxLength: 300 });

describe("safe-mode decrypt (property)", () => {
  it("round-trips any message", () => {
    fc.assert(
      fc.property(message, (xml) => {
        const sealed = crypto.encrypt(xml, SIGNING);
        expect(decryptStable(sealed)).toEqual({ ok: xml });
      }),
      RUNS,
    );
  });

  it("tampered ciphertext bytes, signature not redone → always bad_signature", () => {
    fc.assert(
      fc.property(message, fc.nat(), fc.integer({ min: 1, max: 255 }), (xml, at, flip) => {
        const sealed = crypto.encrypt(xml, SIGNING);
        const bytes = Buffer.from(sealed.encrypt, "base64");
        const i = at % bytes.length;
        bytes[i] = (bytes[i] ?? 0) ^ flip;
        const tampered = bytes.toString("base64");
        expect(decryptStable({ encrypt: tampered, msgSignature: sealed.msgSignature })).toEqual({
          code: "bad_signature",
        });
      }),
      RUNS,
    );
  });

  it("tampered ciphertext bytes, re-signed → plaintext or a decryption code, never a crash", () => {
    fc.assert(
      fc.property(message, fc.nat(), fc.integer({ min: 1, max: 255 }), (xml, at, flip) => {
        const bytes = Buffer.from(crypto.encrypt(xml, SIGNING).encrypt, "base64");
        const i = at % bytes.length;
        bytes[i] = (bytes[i] ?? 0) ^ flip;
        const outcome = decryptStable(resigned(bytes.toString("base64")));
        if ("code" in outcome) expect(AFTER_SIGNATURE).toContain(outcome.code);
      }),
      RUNS,
    );
  });

  it("sealed for another AppID → always bad_appid", () => {
    fc.assert(
      fc.property(
        message,
        fc.string({ maxLength: 40 }).filter((id) => id !== APP_ID),
        (xml, otherAppId) => {
          const other = createMessageCrypto({ token: TOKEN, encodingAesKey: KEY, appId: otherAppId });
          expect(decryptStable(other.encrypt(xml, SIGNING))).toEqual({ code: "bad_appid" });
        },
      ),
      RUNS,
    );
  });

  it("bad PKCS#7 padding (block size 32) → always bad_padding", () => {
    const badPadding = fc.oneof(
      // Last byte 0 or above 32: no valid pad length.
      fc
        .integer({ min: 0, max: 255 })
        .filter((n) => n === 0 || n > 32)
        .map((n) => ({ last: n, broken: -1 })),
      // A valid pad length whose other pad bytes are not all equal to it.
      fc
        .integer({ min: 2, max: 32 })
        .chain((n) => fc.record({ last: fc.constant(n), broken: fc.nat({ max: n - 2 }) })),
    );
    fc.assert(
      fc.property(message, badPadding, ({ length }, { last, broken }) => {
        const body = Buffer.from("x".repeat(length), "utf8");
        const size = Buffer.alloc(4);
        size.writeUInt32BE(body.length, 0);
        const content = Buffer.concat([Buffer.alloc(16, 7), size, body, Buffer.from(APP_ID)]);
        const padLength = last >= 1 && last <= 32 ? last : 32 - (content.length % 32) || 32;
        const pad = Buffer.alloc(padLength, last);
        if (broken >= 0) pad[broken] = (last + 1) % 256;
        pad[padLength - 1] = last;
        // Whole AES blocks: fill in front of the pad so the total is a multiple of 16.
        const filler = Buffer.alloc((16 - ((content.length + pad.length) % 16)) % 16, 1);
        const encrypt = rawEncrypt(Buffer.concat([content, filler, pad]));
        expect(decryptStable(resigned(encrypt))).toEqual({ code: "bad_padding" });
      }),
      RUNS,
    );
  });

  it("truncated base64 → bad_signature unsigned; re-signed, a decryption code (or the same message)", () => {
    fc.assert(
      fc.property(message, fc.integer({ min: 1, max: 200 }), (xml, cut) => {
        const sealed = crypto.encrypt(xml, SIGNING);
        const truncated = sealed.encrypt.slice(0, Math.max(0, sealed.encrypt.length - cut));
        expect(decryptStable({ encrypt: truncated, msgSignature: sealed.msgSignature })).toEqual({
          code: "bad_signature",
        });
        // Dropping only base64's "=" padding leaves the same bytes, hence the same message.
        const outcome = decryptStable(resigned(truncated));
        if ("ok" in outcome) expect(outcome.ok).toBe(xml);
        else expect(AFTER_SIGNATURE).toContain(outcome.code);
      }),
      RUNS,
    );
  });

  it("sealed with another EncodingAESKey → a decryption code, never a crash", () => {
    const otherKey = fc
      .string({
        unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
        minLength: 43,
        maxLength: 43,
      })
      .filter((k) => k !== KEY);
    fc.assert(
      fc.property(message, otherKey, (xml, key) => {
        const other = createMessageCrypto({ token: TOKEN, encodingAesKey: key, appId: APP_ID });
        const outcome = decryptStable(other.encrypt(xml, SIGNING));
        expect("code" in outcome && AFTER_SIGNATURE.includes(outcome.code)).toBe(true);
      }),
      RUNS,
    );
  });

  it("any text as Encrypt, re-signed → plaintext or a decryption code", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.base64String({ maxLength: 200 })),
        (text) => {
          const outcome = decryptStable(resigned(text));
          if ("code" in outcome) expect(AFTER_SIGNATURE).toContain(outcome.code);
        },
      ),
      RUNS,
    );
  });

  it("any body and query through decryptEnvelope → MessageParseError or MessageCryptoError", () => {
    const maybe = fc.option(fc.string({ maxLength: 50 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 300 }),
          fc.string({ maxLength: 200 }).map((s) => `<xml><Encrypt><![CDATA[${s}]]></Encrypt></xml>`),
        ),
        fc.record({ msg_signature: maybe, timestamp: maybe, nonce: maybe }),
        (body, query) => {
          try {
            crypto.decryptEnvelope(body, query);
          } catch (error) {
            expect(error instanceof MessageParseError || error instanceof MessageCryptoError).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it("any EncodingAESKey → a crypto, or bad_key", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (key) => {
        const outcome = run(() => {
          createMessageCrypto({ token: TOKEN, encodingAesKey: key, appId: APP_ID });
          return "built";
        });
        expect(outcome).toEqual(/^[A-Za-z0-9+/]{43}$/.test(key) ? { ok: "built" } : { code: "bad_key" });
      }),
      RUNS,
    );
  });
});
