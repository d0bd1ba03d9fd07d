import type { KeychainStatus } from "../../desk-api.js";
import type { Keychain } from "./key-store.js";
import { keychainReason, keychainUnavailable } from "./keychain-words.js";

/** The three keytar functions we use (keytar's own API), so tests can stand in for a broken one. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarKeychainOptions {
  /** Keychain service name; `wxdesk` in the app, a unique one in tests. */
  service?: string;
  /** Loads keytar (a native module: loading itself may fail). */
  load?: () => Promise<KeytarLike>;
  /** A keychain that hangs (D-Bus waiting for an unlock prompt) must not hang the app. */
  timeoutMs?: number;
}

export const KEYCHAIN_SERVICE = "wxdesk";
/** An account name no profile can have (ids are [A-Za-z0-9_-]): the read-only availability probe. */
const PROBE_ACCOUNT = "wxdesk:probe";

async function loadKeytar(): Promise<KeytarLike> {
  const module = (await import("keytar")) as KeytarLike & { default?: KeytarLike };
  return module.default ?? module;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`keychain timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The OS keychain through keytar: service `wxdesk`, account = profile id. */
export function createKeytarKeychain(options: KeytarKeychainOptions = {}): Keychain {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let loaded: Promise<KeytarLike> | undefined;
  const keytar = () => {
    loaded ??= (options.load ?? loadKeytar)();
    return loaded;
  };
  async function run<T>(call: (k: KeytarLike) => Promise<T>): Promise<T> {
    try {
      return await withTimeout(
        keytar().then((k) => call(k)),
        timeoutMs,
      );
    } catch (error) {
      throw keychainUnavailable(keychainReason(error));
    }
  }

  return {
    async status(): Promise<KeychainStatus> {
      try {
        await withTimeout(
          keytar().then((k) => k.getPassword(service, PROBE_ACCOUNT)),
          timeoutMs,
        );
        return { available: true };
      } catch (error) {
        return { available: false, ...keychainReason(error) };
      }
    },
    get: (profileId) => run((k) => k.getPassword(service, profileId)),
    set: (profileId, key) => run((k) => k.setPassword(service, profileId, key)),
    delete: async (profileId) => {
      await run((k) => k.deletePassword(service, profileId));
    },
  };
}
