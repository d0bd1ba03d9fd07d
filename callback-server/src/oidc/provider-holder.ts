import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { Clock } from "../app-context.js";
import type { KeySet, SigningKeys } from "./signing-keys.js";

export interface LiveProvider {
  provider: Provider;
  /** Koa's request handler of that provider (made once). */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/**
 * The provider of this instance, rebuilt when the signing keys change. oidc-provider takes its keys
 * at construction only; everything else it keeps is in the store, so a new instance takes over
 * without losing a session or a code. The keys are read again at most every `refreshMs` (no timer:
 * the first request after that does it), so an
 * instance sees a rotation made elsewhere within `refreshMs` — well within the time a new key is
 * published before it signs. The request that finds the keys stale waits for that read (one
 * store read); if the store fails, it goes on with the current provider.
 */
export class ProviderHolder {
  readonly #keys: SigningKeys;
  readonly #build: (keys: KeySet) => Provider | Promise<Provider>;
  readonly #clock: Clock;
  readonly #refreshMs: number;
  #live: (LiveProvider & { version: string; checkedAt: number }) | undefined;
  #refreshing: Promise<LiveProvider> | undefined;

  constructor(deps: {
    keys: SigningKeys;
    /** May load oidc-provider first: a server no app signs in to never loads it. */
    build: (keys: KeySet) => Provider | Promise<Provider>;
    clock: Clock;
    refreshMs: number;
  }) {
    this.#keys = deps.keys;
    this.#build = deps.build;
    this.#clock = deps.clock;
    this.#refreshMs = deps.refreshMs;
  }

  async current(): Promise<LiveProvider> {
    const live = this.#live;
    if (live && this.#clock.now() - live.checkedAt < this.#refreshMs) return live;
    return live ? this.refresh().catch(() => live) : this.refresh();
  }

  /** Reads the keys now (single flight) and rebuilds the provider if they changed. */
  refresh(): Promise<LiveProvider> {
    this.#refreshing ??= this.#load().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #load(): Promise<LiveProvider> {
    const keys = await this.#keys.current();
    const now = this.#clock.now();
    const live = this.#live;
    if (live && live.version === keys.version) {
      live.checkedAt = now;
      return live;
    }
    const provider = await this.#build(keys);
    const next = { provider, handle: provider.callback(), version: keys.version, checkedAt: now };
    this.#live = next;
    return next;
  }
}
