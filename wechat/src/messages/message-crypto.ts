import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { MessageCryptoError } from "./message-crypto-error.js";
import { messageSignature, verifySignature } from "./push-signature.js";
import { childText, parseXmlSafely } from "./safe-xml.js";

export interface MessageCrypto {
  /** Encrypts a reply (or, in the sandbox, a push) and returns the §9.4 envelope ready to send. */
  encrypt(xml: string, p: { timestamp: string; nonce: string; random?: Buffer }): EncryptedMessage;
  /** Checks `msgSignature` first, then decrypts and checks the trailing AppID. Returns the inner XML. */
  decrypt(p: { encrypt: string; msgSignature: string; timestamp: string; nonce: string }): string;
  /** Reads `<Encrypt>` from a pushed body (safely, §9.4) and decrypts it with the query's signature. */
  decryptEnvelope(
    bodyXml: string,
    query: { msg_signature?: string; timestamp?: string; nonce?: string },
  ): string;
}

export interface EncryptedMessage {
  encrypt: string;
  msgSignature: string;
  envelope: string;
}

// §9.4: WeChat pads to 32-byte blocks (not AES's 16), so Node's built-in padding must stay off.
const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
// The EncodingAESKey is 43 base64 characters; with one "=" it decodes to exactly 32 bytes (AES-256).
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function pkcs7Pad(data: Buffer): Buffer {
  const amount = PAD_BLOCK - (data.length % PAD_BLOCK); // 1..32: an aligned message gets a full extra block
  return Buffer.concat([data, Buffer.alloc(amount, amount)]);
}

function pkcs7Unpad(data: Buffer): Buffer {
  const amount = data[data.length - 1];
  if (amount === undefined || amount < 1 || amount > PAD_BLOCK || amount > data.length) {
    throw new MessageCryptoError("bad_padding", "Decrypted message has invalid PKCS#7 padding");
  }
  for (let i = data.length - amount; i < data.length; i += 1) {
    if (data[i] !== amount) {
      throw new MessageCryptoError("bad_padding", "Decrypted message has invalid PKCS#7 padding");
    }
  }
  return data.subarray(0, data.length - amount);
}

/** The exact reply template of §9.4 (wechatpy's): TimeStamp unquoted, everything else in CDATA. */
function envelopeXml(encrypt: string, msgSignature: string, timestamp: string, nonce: string): string {
  return (
    `<xml>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n` +
    `<MsgSignature><![CDATA[${msgSignature}]]></MsgSignature>\n` +
    `<TimeStamp>${timestamp}</TimeStamp>\n` +
    `<Nonce><![CDATA[${nonce}]]></Nonce>\n</xml>`
  );
}

/**
 * Safe mode (安全模式, §9.4): AES-256-CBC with key = base64(EncodingAESKey + "="), IV = key[0..16],
 * plaintext = random(16) ‖ msg length (4 bytes big-endian) ‖ msg ‖ AppID, PKCS#7 padded to 32 bytes.
 * Throws MessageCryptoError("bad_key") when the EncodingAESKey is not 43 base64 characters.
 */
export function createMessageCrypto(p: {
  token: string;
  encodingAesKey: string;
  appId: string;
}): MessageCrypto {
  if (typeof p.encodingAesKey !== "string" || !ENCODING_AES_KEY.test(p.encodingAesKey)) {
    throw new MessageCryptoError(
      "bad_key",
      "EncodingAESKey must be exactly 43 characters of base64 (A-Z a-z 0-9 + /)",
    );
  }
  const key = Buffer.from(`${p.encodingAesKey}=`, "base64");
  if (key.length !== 32) {
    throw new MessageCryptoError("bad_key", "EncodingAESKey does not decode to 32 bytes");
  }
  const iv = key.subarray(0, 16);
  const { token, appId } = p;

  function encrypt(xml: string, q: { timestamp: string; nonce: string; random?: Buffer }): EncryptedMessage {
    const random = q.random ?? randomBytes(RANDOM_BYTES);
    if (random.length !== RANDOM_BYTES) {
      throw new MessageCryptoError("malformed", `random prefix must be ${RANDOM_BYTES} bytes`);
    }
    const body = Buffer.from(xml, "utf8");
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(body.length, 0);
    const plain = pkcs7Pad(Buffer.concat([random, length, body, Buffer.from(appId, "utf8")]));
    const cipher = createCipheriv("aes-256-cbc", key, iv);
    cipher.setAutoPadding(false);
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
    const msgSignature = messageSignature(token, q.timestamp, q.nonce, encrypted);
    return {
      encrypt: encrypted,
      msgSignature,
      envelope: envelopeXml(encrypted, msgSignature, q.timestamp, q.nonce),
    };
  }

  function decryptPayload(encrypted: string): string {
    const data = BASE64.test(encrypted) ? Buffer.from(encrypted, "base64") : Buffer.alloc(0);
    if (data.length === 0 || data.length % 16 !== 0) {
      throw new MessageCryptoError("malformed", "Encrypt is not base64 of whole AES blocks");
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv("aes-256-cbc", key, iv);
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new MessageCryptoError("malformed", "Encrypt could not be decrypted");
    }
    const content = pkcs7Unpad(plain);
    if (content.length < RANDOM_BYTES + LENGTH_BYTES) {
      throw new MessageCryptoError("malformed", "Decrypted message is too short");
    }
    const length = content.readUInt32BE(RANDOM_BYTES);
    const start = RANDOM_BYTES + LENGTH_BYTES;
    if (start + length > content.length) {
      throw new MessageCryptoError("malformed", "Decrypted message length field exceeds the data");
    }
    const trailingId = content.subarray(start + length).toString("utf8");
    // §9.4: the bytes after the message must be our AppID; a message for another account is rejected.
    if (trailingId !== appId) {
      throw new MessageCryptoError("bad_appid", "Decrypted message is addressed to a different AppID");
    }
    return content.subarray(start, start + length).toString("utf8");
  }

  function decrypt(q: { encrypt: string; msgSignature: string; timestamp: string; nonce: string }): string {
    // Authenticate before touching the ciphertext, so forged bodies never reach the decryptor.
    const expected = messageSignature(token, q.timestamp, q.nonce, q.encrypt);
    if (!verifySignature(expected, q.msgSignature)) {
      throw new MessageCryptoError("bad_signature", "msg_signature does not match");
    }
    return decryptPayload(q.encrypt);
  }

  function decryptEnvelope(
    bodyXml: string,
    query: { msg_signature?: string; timestamp?: string; nonce?: string },
  ): string {
    // XML problems (DTD, size, malformed) surface as MessageParseError from the safe parser.
    const root = parseXmlSafely(bodyXml);
    const encrypted = childText(root, "Encrypt");
    if (encrypted === undefined || encrypted === "") {
      throw new MessageCryptoError("malformed", "Body has no <Encrypt> element");
    }
    const { msg_signature: msgSignature, timestamp, nonce } = query;
    if (msgSignature === undefined || timestamp === undefined || nonce === undefined) {
      // Without all three query values the signature cannot be checked, so the body is not trusted.
      throw new MessageCryptoError("bad_signature", "msg_signature, timestamp and nonce are required");
    }
    return decrypt({ encrypt: encrypted, msgSignature, timestamp, nonce });
  }

  return { encrypt, decrypt, decryptEnvelope };
}
