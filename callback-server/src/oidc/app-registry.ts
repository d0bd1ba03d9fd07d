import { randomBytes } from "node:crypto";
import type { Clock } from "../app-context.js";
import type { OidcClientConfig, OidcScope, OidcSubject } from "../config/oidc-clients.js";
import { asSealedToken, type SealedToken } from "../crypto/sealed-token.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import type { Store } from "../store/store-types.js";

const COLLECTION = "oidc-apps";
const LOCK = "oidc-apps";
/** Admin-made apps; `WXDESK_OIDC_CLIENTS` holds up to 100 more. */
export const MAX_ADMIN_APPS = 200;

/** An app (relying party) as the admin API shows it: never its secret. */
export interface OidcApp {
  clientId: string;
  name: string;
  redirectUris: string[];
  sub: OidcSubject;
  scopes: OidcScope[];
  /** No secret: PKCE is required, the token endpoint takes no client authentication. */
  public: boolean;
  /** `env`: from WXDESK_OIDC_CLIENTS, read-only here; `admin`: made through the admin API. */
  source: "env" | "admin";
  createdAt?: number;
  updatedAt?: number;
  secretRotatedAt?: number;
}

/** An app with its plain secret, for oidc-provider's client lookup only. */
export interface AppWithSecret {
  app: OidcApp;
  secret?: string;
}

export interface NewApp {
  name: string;
  redirectUris: string[];
  sub?: OidcSubject;
  scopes?: OidcScope[];
  /** True: a page or phone app that cannot keep a secret (no secret, PKCE required). */
  public?: boolean;
}

export type AppChange = Partial<Pick<OidcApp, "name" | "redirectUris" | "sub" | "scopes">>;

/** Answered once, at creation or rotation; only its sealed form is stored. */
export interface IssuedSecret {
  app: OidcApp;
  clientSecret?: string;
}

export type AppRegistryErrorCode = "unknown_app" | "app_read_only" | "app_public" | "too_many_apps";

export class AppRegistryError extends Error {
  override readonly name = "AppRegistryError";
  readonly code: AppRegistryErrorCode;

  constructor(code: AppRegistryErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

interface StoredApp {
  clientId: string;
  name: string;
  redirectUris: string[];
  sub: OidcSubject;
  scopes: OidcScope[];
  secret?: SealedToken;
  createdAt: number;
  updatedAt: number;
  secretRotatedAt?: number;
}

/**
 * The apps that may sign WeChat users in: `WXDESK_OIDC_CLIENTS` (read-only) plus the ones admins
 * make through the admin API (store collection `oidc-apps`, secrets sealed with the token key).
 * Changes run under a store lock, so a rotation and an edit of the same app cannot undo each
 * other. oidc-provider looks each client up here per request: a rotated secret or a deleted app
 * takes effect on every instance at once.
 */
export class AppRegistry {
  readonly #store: Store;
  readonly #cipher: TokenCipher;
  readonly #clock: Clock;
  readonly #configured: ReadonlyMap<string, OidcClientConfig>;

  constructor(deps: {
    store: Store;
    cipher: TokenCipher;
    clock: Clock;
    configured: readonly OidcClientConfig[];
  }) {
    this.#store = deps.store;
    this.#cipher = deps.cipher;
    this.#clock = deps.clock;
    this.#configured = new Map(deps.configured.map((c) => [c.clientId, c]));
  }

  /** Configured apps first (as configured), then admin-made ones, oldest first. */
  async list(): Promise<OidcApp[]> {
    const stored = (await this.#store.listRecords(COLLECTION)).map((r) => JSON.parse(r.value) as StoredApp);
    stored.sort((a, b) => a.createdAt - b.createdAt || (a.clientId < b.clientId ? -1 : 1));
    return [...[...this.#configured.values()].map(configuredView), ...stored.map(storedView)];
  }

  async get(clientId: string): Promise<OidcApp | undefined> {
    return (await this.withSecret(clientId))?.app;
  }

  /** The app and its plain secret (oidc-provider compares it for client_secret_basic/post). */
  async withSecret(clientId: string): Promise<AppWithSecret | undefined> {
    const configured = this.#configured.get(clientId);
    if (configured) {
      return {
        app: configuredView(configured),
        ...(configured.clientSecret ? { secret: configured.clientSecret } : {}),
      };
    }
    const stored = await this.#read(clientId);
    if (!stored) return undefined;
    return {
      app: storedView(stored),
      ...(stored.secret ? { secret: this.#cipher.decrypt(stored.secret) } : {}),
    };
  }

  async create(input: NewApp): Promise<IssuedSecret> {
    return this.#locked(async () => {
      const count = (await this.#store.listRecords(COLLECTION)).length;
      if (count >= MAX_ADMIN_APPS) {
        throw new AppRegistryError("too_many_apps", `At most ${MAX_ADMIN_APPS} apps can be added here.`);
      }
      let clientId: string;
      do clientId = `app_${randomBytes(12).toString("base64url")}`;
      while (this.#configured.has(clientId) || (await this.#read(clientId)));
      const now = this.#clock.now();
      const secret = input.public ? undefined : newSecret();
      const stored: StoredApp = {
        clientId,
        name: input.name,
        redirectUris: [...input.redirectUris],
        sub: input.sub ?? "openid",
        scopes: input.scopes ?? ["openid", "profile"],
        ...(secret ? { secret: this.#cipher.encrypt(secret) } : {}),
        createdAt: now,
        updatedAt: now,
      };
      await this.#write(stored);
      return { app: storedView(stored), ...(secret ? { clientSecret: secret } : {}) };
    });
  }

  async update(clientId: string, change: AppChange): Promise<OidcApp> {
    return this.#locked(async () => {
      const stored = await this.#editable(clientId);
      const next: StoredApp = { ...stored, ...definedOnly(change), updatedAt: this.#clock.now() };
      await this.#write(next);
      return storedView(next);
    });
  }

  async remove(clientId: string): Promise<void> {
    await this.#locked(async () => {
      await this.#editable(clientId);
      await this.#store.deleteRecord(COLLECTION, clientId);
    });
  }

  /** A new secret replaces the old one at once (on every instance); answered once. */
  async rotateSecret(clientId: string): Promise<IssuedSecret & { clientSecret: string }> {
    return this.#locked(async () => {
      const stored = await this.#editable(clientId);
      if (!stored.secret) {
        throw new AppRegistryError("app_public", `App ${clientId} is public: it has no secret to rotate.`);
      }
      const secret = newSecret();
      const now = this.#clock.now();
      const next: StoredApp = {
        ...stored,
        secret: this.#cipher.encrypt(secret),
        secretRotatedAt: now,
        updatedAt: now,
      };
      await this.#write(next);
      return { app: storedView(next), clientSecret: secret };
    });
  }

  async #editable(clientId: string): Promise<StoredApp> {
    if (this.#configured.has(clientId)) {
      throw new AppRegistryError(
        "app_read_only",
        `App ${clientId} comes from WXDESK_OIDC_CLIENTS: change it there and restart the server.`,
      );
    }
    const stored = await this.#read(clientId);
    if (!stored) throw new AppRegistryError("unknown_app", `No app with client_id ${clientId}.`);
    return stored;
  }

  async #read(clientId: string): Promise<StoredApp | undefined> {
    const text = await this.#store.getRecord(COLLECTION, clientId);
    if (text === undefined) return undefined;
    const stored = JSON.parse(text) as StoredApp;
    return stored.secret ? { ...stored, secret: asSealedToken(stored.secret) } : stored;
  }

  #write(stored: StoredApp): Promise<void> {
    return this.#store.putRecord(COLLECTION, stored.clientId, JSON.stringify(stored));
  }

  #locked<T>(fn: () => Promise<T>): Promise<T> {
    return this.#store.withLock(LOCK, 10_000, fn, { waitMs: 10_000 });
  }
}

/** 32 random bytes: 43 characters, what `openssl rand -base64 32` would give (URL-safe). */
function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

function definedOnly(change: AppChange): AppChange {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as AppChange;
}

function configuredView(c: OidcClientConfig): OidcApp {
  return {
    clientId: c.clientId,
    name: c.name,
    redirectUris: [...c.redirectUris],
    sub: c.sub,
    scopes: [...c.scopes],
    public: c.clientSecret === undefined,
    source: "env",
  };
}

function storedView(s: StoredApp): OidcApp {
  return {
    clientId: s.clientId,
    name: s.name,
    redirectUris: [...s.redirectUris],
    sub: s.sub,
    scopes: [...s.scopes],
    public: s.secret === undefined,
    source: "admin",
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...(s.secretRotatedAt === undefined ? {} : { secretRotatedAt: s.secretRotatedAt }),
  };
}
