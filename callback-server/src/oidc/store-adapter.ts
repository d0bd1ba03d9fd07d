import { hash } from "node:crypto";
import { type Adapter, type AdapterPayload, errors } from "oidc-provider";
import { asSealedToken } from "../crypto/sealed-token.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import { TokenCipherError } from "../crypto/token-cipher-error.js";
import type { Store } from "../store/store-types.js";

/** Models whose `consume` is a one-time use: a second one is a replay (RFC 6749 §4.1.2, §10.5). */
const GRANT_SOURCES: ReadonlySet<string> = new Set([
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
  "PreAuthorizedCode",
]);
const CONSUMABLE: ReadonlySet<string> = new Set([...GRANT_SOURCES, "PushedAuthorizationRequest"]);
/**
 * What `revokeByGrantId` covers (oidc-provider's memory adapter: "grantable"). Other models may
 * carry a `grantId` too without belonging to it: an interaction remembers the grant of the session
 * it started in, and must outlive that grant's revocation when another WeChat user signs in.
 */
const GRANTABLE: ReadonlySet<string> = new Set([...GRANT_SOURCES, "AccessToken"]);

/** Models without an expiry of their own (none in our configuration) are kept this long. */
const FALLBACK_TTL_S = 14 * 24 * 3600;
/** oidc-provider checks `exp` itself with its clock tolerance; keep records that much longer. */
const TOLERANCE_S = 15;

interface Stored {
  /** The payload as oidc-provider gave it. */
  p: AdapterPayload;
  /** When the store forgets it (epoch ms): what a `consume` mark must outlive. */
  x: number;
}

/** Ids are bearer values (codes, access tokens, the session cookie): keys hold only their hash. */
const digest = (id: string) => hash("sha256", id, "base64url");
const key = (model: string, id: string) => `oidc:${model}:${digest(id)}`;
const sessionUidKey = (uid: string) => `oidc:Session:uid:${digest(uid)}`;
const consumedKey = (model: string, id: string) => `oidc:consumed:${model}:${digest(id)}`;
const revokedGrantKey = (grantId: string) => `oidc:revoked-grant:${digest(grantId)}`;

export interface StoreAdapterOptions {
  /** How long a revoked grant is remembered: at least the longest life of anything issued for it. */
  revokedGrantTtlS: number;
  /** Seals every value (the token cipher): payloads carry their own id, nonces, claims. */
  cipher: TokenCipher;
}

/**
 * oidc-provider's storage over the server's `Store` TTL keys, so sessions, interactions, codes and
 * grants survive restarts and are shared by every instance (SQLite file or Redis). Three rules
 * make the plain key/value operations enough:
 *
 * - **consume is atomic**: the mark is a `putIfAbsent`, so of two token requests racing with one
 *   code (on two instances, say) exactly one wins; the other revokes the grant and is refused, as
 *   a sequential replay is. oidc-provider alone checks `consumed` and then consumes: two steps.
 * - **revokeByGrantId is a tombstone**, not an index walk: `oidc:revoked-grant:<id>` is written
 *   once and `find` returns nothing for any record of that grant (the grant itself included), also
 *   for records written after the revocation. No grant → token index that concurrent writers
 *   could lose entries of.
 * - **findByUid** reads an index key written with the session, same TTL.
 *
 * At rest (a backup of the SQLite file, a Redis dump) nothing of it is usable: keys hold the SHA-256
 * of the id (a code, an access token, a session cookie's value), values are sealed with the token
 * cipher like user tokens. A record sealed under another key (WXDESK_TOKEN_KEY changed) reads as
 * absent: its users simply sign in again.
 */
export class StoreAdapter implements Adapter {
  readonly #model: string;
  readonly #store: Store;
  readonly #options: StoreAdapterOptions;

  constructor(model: string, store: Store, options: StoreAdapterOptions) {
    this.#model = model;
    this.#store = store;
    this.#options = options;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void> {
    const ttlMs = ((expiresIn ?? FALLBACK_TTL_S) + TOLERANCE_S) * 1000;
    const value: Stored = { p: payload, x: Date.now() + ttlMs };
    const { cipher } = this.#options;
    const writes = [this.#store.set(key(this.#model, id), cipher.encrypt(JSON.stringify(value)), ttlMs)];
    if (this.#model === "Session" && typeof payload.uid === "string") {
      writes.push(this.#store.set(sessionUidKey(payload.uid), cipher.encrypt(id), ttlMs));
    }
    await Promise.all(writes);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const stored = await this.#read(id);
    if (!stored) return undefined;
    const payload = stored.p;
    // The grant itself is revoked by its own id; what was issued for it by `grantId`.
    const grantId = this.#model === "Grant" ? id : GRANTABLE.has(this.#model) ? payload.grantId : undefined;
    const [revoked, consumed] = await Promise.all([
      typeof grantId === "string" ? this.#store.get(revokedGrantKey(grantId)) : undefined,
      CONSUMABLE.has(this.#model) ? this.#store.get(consumedKey(this.#model, id)) : undefined,
    ]);
    if (revoked !== undefined) return undefined;
    return consumed === undefined ? payload : { ...payload, consumed: Number(consumed) };
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.#open(await this.#store.get(sessionUidKey(uid)));
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(): Promise<AdapterPayload | undefined> {
    // The device flow is off: no user codes exist.
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const stored = await this.#read(id);
    if (!stored) return;
    const ttlMs = Math.max(1000, stored.x - Date.now());
    const first = await this.#store.putIfAbsent(
      consumedKey(this.#model, id),
      String(Math.floor(Date.now() / 1000)),
      ttlMs,
    );
    if (first) return;
    // Someone else consumed it between oidc-provider's check and now: the same answer as a replay.
    if (GRANT_SOURCES.has(this.#model)) {
      if (typeof stored.p.grantId === "string") await this.revokeByGrantId(stored.p.grantId);
      throw new errors.InvalidGrant("grant already consumed");
    }
    throw new errors.InvalidRequestUri("request_uri is invalid, expired, or was already used");
  }

  async destroy(id: string): Promise<void> {
    // `take` deletes; the value itself is not needed. A session's uid index simply expires.
    await this.#store.take(key(this.#model, id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.#store.set(revokedGrantKey(grantId), "1", this.#options.revokedGrantTtlS * 1000);
  }

  async #read(id: string): Promise<Stored | undefined> {
    const text = this.#open(await this.#store.get(key(this.#model, id)));
    return text === undefined ? undefined : (JSON.parse(text) as Stored);
  }

  #open(sealed: string | undefined): string | undefined {
    if (sealed === undefined) return undefined;
    try {
      return this.#options.cipher.decrypt(asSealedToken(sealed));
    } catch (error) {
      if (error instanceof TokenCipherError) return undefined;
      throw error;
    }
  }
}

/** oidc-provider's `adapter` option: one adapter per model name. */
export function storeAdapterFactory(store: Store, options: StoreAdapterOptions): (model: string) => Adapter {
  return (model) => new StoreAdapter(model, store, options);
}
