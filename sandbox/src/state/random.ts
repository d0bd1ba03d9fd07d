import { randomBytes } from "node:crypto";

/**
 * Randomness, in two kinds. Fault coin flips, error `rid`s and push nonces are seeded: two
 * sandboxes started with the same seed make the same decisions (tests and demos can rely on it).
 * Credentials — codes, user and global tokens, refresh tokens, tickets — are never seeded: like
 * WeChat's, each is new for good, so a sandbox restarted under the same seed never hands a server
 * a code or token that server has already seen (its code-replay record would take it for a replay).
 */

/** A 32-bit hash of a seed string (FNV-1a), so any text can be a seed. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const TOKEN_CHARS = `${ALPHANUMERIC}_-`;
const HEX = "0123456789abcdef";

/** Text drawn from an alphabet: what a credential generator must offer. */
export interface RandomText {
  alphanumeric(length: number): string;
  tokenChars(length: number): string;
}

function fromAlphabet(alphabet: string, length: number, nextUint32: () => number): string {
  let out = "";
  for (let i = 0; i < length; i += 1) out += alphabet[nextUint32() % alphabet.length];
  return out;
}

/** sfc32: small, fast, good enough statistical quality for coin flips and fake nonces. */
export class SeededRandom implements RandomText {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    this.a = hashSeed(`${seed}#a`);
    this.b = hashSeed(`${seed}#b`);
    this.c = hashSeed(`${seed}#c`);
    this.d = 1;
    for (let i = 0; i < 15; i += 1) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  private fromAlphabet(alphabet: string, length: number): string {
    return fromAlphabet(alphabet, length, () => this.nextUint32());
  }

  alphanumeric(length: number): string {
    return this.fromAlphabet(ALPHANUMERIC, length);
  }

  tokenChars(length: number): string {
    return this.fromAlphabet(TOKEN_CHARS, length);
  }

  hex(length: number): string {
    return this.fromAlphabet(HEX, length);
  }

  digits(length: number): string {
    return this.fromAlphabet("0123456789", length);
  }
}

/**
 * Credentials from the operating system's CSPRNG (unique across runs, whatever the seed). The modulo
 * bias of 2^32 over 64 characters is nil, over 62 it is 1 in 70 million: fine for fake credentials.
 */
export class UniqueRandom implements RandomText {
  private pool = Buffer.alloc(0);
  private offset = 0;

  nextUint32(): number {
    if (this.offset + 4 > this.pool.length) {
      this.pool = randomBytes(4096);
      this.offset = 0;
    }
    const value = this.pool.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  alphanumeric(length: number): string {
    return fromAlphabet(ALPHANUMERIC, length, () => this.nextUint32());
  }

  tokenChars(length: number): string {
    return fromAlphabet(TOKEN_CHARS, length, () => this.nextUint32());
  }
}

/**
 * Separate streams so that, e.g., an error's rid never shifts the fault decisions.
 */
export interface RandomStreams {
  /** Never seeded: see the file comment. */
  credentials: RandomText;
  faults: SeededRandom;
  rid: SeededRandom;
  push: SeededRandom;
}

export function createRandomStreams(seed: string): RandomStreams {
  return {
    credentials: new UniqueRandom(),
    faults: new SeededRandom(`${seed}/faults`),
    rid: new SeededRandom(`${seed}/rid`),
    push: new SeededRandom(`${seed}/push`),
  };
}
