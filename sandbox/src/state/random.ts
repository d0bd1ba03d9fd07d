/**
 * Seeded randomness. Every code, token, nonce and fault decision comes from one of these, so two
 * sandboxes started with the same seed hand out the same sequence (tests and demos can rely on it).
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

/** sfc32: small, fast, good enough statistical quality for fake credentials and coin flips. */
export class SeededRandom {
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
    let out = "";
    for (let i = 0; i < length; i += 1) out += alphabet[this.nextUint32() % alphabet.length];
    return out;
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
 * Separate streams so that, e.g., an error's rid or a fault coin flip never shifts the code sequence.
 */
export interface RandomStreams {
  credentials: SeededRandom;
  faults: SeededRandom;
  rid: SeededRandom;
  push: SeededRandom;
}

export function createRandomStreams(seed: string): RandomStreams {
  return {
    credentials: new SeededRandom(`${seed}/credentials`),
    faults: new SeededRandom(`${seed}/faults`),
    rid: new SeededRandom(`${seed}/rid`),
    push: new SeededRandom(`${seed}/push`),
  };
}
