import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Clock } from "../app-context.js";
import { asSealedToken, type SealedToken } from "../crypto/sealed-token.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import type { Store } from "../store/store-types.js";

const COLLECTION = "oidc-signing-keys";
const LOCK = "oidc-signing-keys";
const ALG = "ES256";

/** A private signing key as oidc-provider's `jwks` option takes it (EC P-256). */
export interface PrivateJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  d: string;
  kid: string;
  alg: typeof ALG;
  use: "sig";
}

/** What the store keeps: the private key sealed like user tokens (AES-256-GCM, WXDESK_TOKEN_KEY). */
interface KeyRecord {
  kid: string;
  alg: typeof ALG;
  createdAt: number;
  /** From when it signs; the key before it signs until then, so every instance publishes it first. */
  activeFrom: number;
  sealed: SealedToken;
}

export type KeyState = "next" | "active" | "retired";

/** What the admin API shows of a key: never any part of the private key. */
export interface SigningKeyView {
  kid: string;
  alg: string;
  state: KeyState;
  createdAt: number;
  activeFrom: number;
  /** When a newer key took over (retired keys). */
  retiredAt?: number;
  /** When it leaves the published JWKS (retired keys). */
  unpublishAt?: number;
}

/** The keys oidc-provider gets: the signer first (it signs with the first matching key), then the rest. */
export interface KeySet {
  signerKid: string;
  jwks: PrivateJwk[];
  /** Changes whenever the signer or the published keys change: the provider is rebuilt then. */
  version: string;
}

export interface SigningKeyTimes {
  /** A new key is published this long before it signs (every instance refreshes well within it). */
  publishAheadMs: number;
  /** A retired key stays published this long: tokens it signed must still verify until they expire. */
  keepRetiredMs: number;
  /** The signer is replaced automatically when it is older than this. */
  rotateAfterMs: number;
}

interface Timeline {
  record: KeyRecord;
  retiredAt?: number;
}

/**
 * The provider's ES256 signing keys in the store (collection `oidc-signing-keys`), sealed. Rotation
 * never breaks a token: a new key is published at once and signs only from `activeFrom`
 * (`publishAheadMs` later), and a retired key stays in the JWKS for `keepRetiredMs` after the next
 * one took over. Changes run under a store lock, so two instances never both create or rotate.
 */
export class SigningKeys {
  readonly #store: Store;
  readonly #cipher: TokenCipher;
  readonly #clock: Clock;
  readonly #times: SigningKeyTimes;

  constructor(deps: { store: Store; cipher: TokenCipher; clock: Clock }, times: SigningKeyTimes) {
    this.#store = deps.store;
    this.#cipher = deps.cipher;
    this.#clock = deps.clock;
    this.#times = times;
  }

  /**
   * The keys to sign and publish now. Makes the first key when there is none, and rotates
   * automatically when the signer is older than `rotateAfterMs` (and no newer key waits).
   */
  async current(): Promise<KeySet> {
    let records = await this.#records();
    const now = this.#clock.now();
    if (records.length === 0 || this.#rotationDue(records, now)) {
      records = await this.#locked(async (fresh) => {
        if (fresh.length === 0) return [await this.#create(now, now)];
        if (this.#rotationDue(fresh, now)) await this.#create(now, now + this.#times.publishAheadMs);
        return this.#records();
      });
    }
    return this.#keySet(records, now);
  }

  /** A new key, signing from `now + publishAheadMs`; retired keys past their time are deleted. */
  async rotate(): Promise<SigningKeyView> {
    const now = this.#clock.now();
    const created = await this.#locked(async (fresh) => {
      for (const { record, retiredAt } of this.#timeline(fresh)) {
        if (retiredAt !== undefined && retiredAt + this.#times.keepRetiredMs <= now) {
          await this.#store.deleteRecord(COLLECTION, record.kid);
        }
      }
      // The first key ever signs at once; any later one waits until every instance publishes it.
      return this.#create(now, fresh.length === 0 ? now : now + this.#times.publishAheadMs);
    });
    const view = (await this.list()).find((k) => k.kid === created.kid);
    if (!view) throw new Error("the new signing key was not stored");
    return view;
  }

  async list(): Promise<SigningKeyView[]> {
    const now = this.#clock.now();
    return this.#timeline(await this.#records())
      .map(({ record, retiredAt }) => this.#view(record, retiredAt, now))
      .filter((view) => view.unpublishAt === undefined || view.unpublishAt > now)
      .reverse();
  }

  #view(record: KeyRecord, retiredAt: number | undefined, now: number): SigningKeyView {
    const view: SigningKeyView = {
      kid: record.kid,
      alg: record.alg,
      state:
        record.activeFrom > now ? "next" : retiredAt !== undefined && retiredAt <= now ? "retired" : "active",
      createdAt: record.createdAt,
      activeFrom: record.activeFrom,
    };
    if (retiredAt !== undefined && retiredAt <= now) {
      view.retiredAt = retiredAt;
      view.unpublishAt = retiredAt + this.#times.keepRetiredMs;
    }
    return view;
  }

  /** Oldest first; a key retires when the next one starts signing. */
  #timeline(records: KeyRecord[]): Timeline[] {
    const sorted = [...records].sort((a, b) => a.activeFrom - b.activeFrom || a.createdAt - b.createdAt);
    return sorted.map((record, i) => {
      const next = sorted[i + 1];
      return next ? { record, retiredAt: next.activeFrom } : { record };
    });
  }

  #keySet(records: KeyRecord[], now: number): KeySet {
    const timeline = this.#timeline(records);
    const signing = timeline.filter(({ record }) => record.activeFrom <= now).at(-1) ?? timeline[0];
    if (!signing) throw new Error("no signing key");
    const published = timeline.filter(
      ({ record, retiredAt }) =>
        record !== signing.record && (retiredAt === undefined || retiredAt + this.#times.keepRetiredMs > now),
    );
    const ordered = [signing.record, ...published.map((t) => t.record)];
    return {
      signerKid: signing.record.kid,
      jwks: ordered.map((record) => JSON.parse(this.#cipher.decrypt(record.sealed)) as PrivateJwk),
      version: ordered.map((record) => record.kid).join(","),
    };
  }

  #rotationDue(records: KeyRecord[], now: number): boolean {
    const newest = this.#timeline(records).at(-1)?.record;
    return (
      newest !== undefined && newest.activeFrom <= now && now - newest.activeFrom >= this.#times.rotateAfterMs
    );
  }

  async #create(now: number, activeFrom: number): Promise<KeyRecord> {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const exported = privateKey.export({ format: "jwk" });
    const kid = randomBytes(12).toString("base64url");
    const jwk: PrivateJwk = {
      kty: "EC",
      crv: "P-256",
      x: String(exported.x),
      y: String(exported.y),
      d: String(exported.d),
      kid,
      alg: ALG,
      use: "sig",
    };
    const record: KeyRecord = {
      kid,
      alg: ALG,
      createdAt: now,
      activeFrom,
      sealed: this.#cipher.encrypt(JSON.stringify(jwk)),
    };
    await this.#store.putRecord(COLLECTION, kid, JSON.stringify(record));
    return record;
  }

  async #records(): Promise<KeyRecord[]> {
    return (await this.#store.listRecords(COLLECTION)).map((r) => {
      const record = JSON.parse(r.value) as KeyRecord;
      return { ...record, sealed: asSealedToken(record.sealed) };
    });
  }

  /** Read again inside the lock: another instance may have changed the keys meanwhile. */
  #locked<T>(fn: (fresh: KeyRecord[]) => Promise<T>): Promise<T> {
    return this.#store.withLock(LOCK, 15_000, async () => fn(await this.#records()), { waitMs: 15_000 });
  }
}
